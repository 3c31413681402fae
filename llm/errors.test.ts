import { describe, expect, it } from "vitest";
import {
  CallTimeoutError,
  describeFailure,
  isRetryable,
  MalformedOutputError,
  parseRetryAfter,
} from "./errors.ts";

const httpError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`${status} failure`), { status, headers });

describe("provider failures", () => {
  it.each([
    [httpError(429, { "retry-after": "7" }), "rate_limited", true],
    [httpError(500), "server", true],
    [httpError(503), "server", true],
    [httpError(400), "client", false],
    [httpError(401), "client", false],
    [httpError(403), "client", false],
    [new CallTimeoutError(8_000), "timeout", true],
    [new MalformedOutputError("not json"), "malformed", false],
    [new SyntaxError("Unexpected end of JSON input"), "malformed", false],
    [
      new Error("[GoogleGenerativeAI Error]: Error fetching from …: [429 Too Many Requests] quota"),
      "rate_limited",
      true,
    ],
    [new Error("fetch failed"), "network", false],
  ] as const)("%s is %s (retry: %s)", (error, kind, retry) => {
    const failure = describeFailure(error, 0);
    expect(failure.kind).toBe(kind);
    expect(isRetryable(failure)).toBe(retry);
  });

  it("reads retry-after from plain headers and from Headers objects", () => {
    expect(describeFailure(httpError(429, { "retry-after": "7" }), 0).retryAfterMs).toBe(7_000);
    const withHeaders = Object.assign(new Error("429"), {
      status: 429,
      headers: new Headers({ "retry-after": "2" }),
    });
    expect(describeFailure(withHeaders, 0).retryAfterMs).toBe(2_000);
    expect(describeFailure(httpError(429), 0).retryAfterMs).toBeUndefined();
  });

  it("reads Gemini's RetryInfo from the error body", () => {
    const gemini = Object.assign(new Error("[429 Too Many Requests] quota"), {
      status: 429,
      errorDetails: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "26s" }],
    });
    expect(describeFailure(gemini, 0)).toMatchObject({ kind: "rate_limited", retryAfterMs: 26_000 });
  });

  it("parses retry-after as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("1.5", 0)).toBe(1_500);
    const now = Date.parse("2026-11-23T10:00:00Z");
    expect(parseRetryAfter("Mon, 23 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
