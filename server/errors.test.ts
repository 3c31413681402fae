import { describe, expect, it } from "vitest";
import { ApiError, toApiError } from "./errors.ts";

describe("toApiError", () => {
  it("keeps an ApiError as it is", () => {
    const e = new ApiError(409, "conflict", "busy");
    expect(toApiError(e)).toBe(e);
  });
  it.each([
    [{ type: "entity.too.large", status: 413 }, 413, "payload_too_large"],
    [{ type: "entity.parse.failed", status: 400 }, 400, "bad_request"],
    [{ type: "charset.unsupported", status: 415 }, 415, "unsupported_media_type"],
    [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      503,
      "unavailable",
    ],
    [Object.assign(new Error("terminating connection"), { code: "57P01" }), 503, "unavailable"],
    [new Error("Cannot use a pool after calling end on the pool"), 503, "unavailable"],
    [Object.assign(new Error("invalid byte sequence for encoding"), { code: "22021" }), 400, "bad_request"],
    [Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05" }), 400, "bad_request"],
  ])("maps %o to %i", (error, status, code) => {
    expect(toApiError(error)).toMatchObject({ status, code });
  });
  it("turns anything else into a 500 that tells nothing of the cause", () => {
    const e = toApiError(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(e).toMatchObject({ status: 500, code: "internal" });
    expect(e.message).not.toMatch(/secret|undefined/);
  });
});
