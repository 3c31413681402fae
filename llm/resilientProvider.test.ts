import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { describe, expect, it } from "vitest";
import { createLogger } from "../config/logger.ts";
import { CircuitBreaker } from "./circuitBreaker.ts";
import type { ProviderFailure } from "./errors.ts";
import { TokenBucket } from "./rateLimiter.ts";
import {
  countsAgainstProvider,
  ProviderCallError,
  ResilientProvider,
  type ModelCall,
} from "./resilientProvider.ts";

const model = {} as BaseChatModel;

/** A provider whose calls never answer (until aborted), with a breaker that opens on one failure. */
function hangingProvider(timeoutMs: number) {
  const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 60_000 });
  const provider = new ResilientProvider(
    { name: "gemini", models: { fast: { id: "fast", model }, strong: { id: "strong", model } } },
    breaker,
    new TokenBucket({ perMinute: 6000, burst: 10 }),
    { timeoutMs, maxRetries: 0 },
    createLogger("silent"),
  );
  let calls = 0;
  const hang: ModelCall<string> = (_model, { signal }) => {
    calls += 1;
    return new Promise((_resolve, reject) =>
      signal.addEventListener("abort", () =>
        reject(signal.reason instanceof Error ? signal.reason : new Error("aborted")),
      ),
    );
  };
  return { provider, breaker, hang, calls: () => calls };
}

describe("resilient provider and its breaker", () => {
  it("a timeout of the full per-call time counts against the provider", async () => {
    const { provider, breaker, hang } = hangingProvider(300);
    await expect(provider.call("fast", hang, Date.now() + 5_000)).rejects.toBeInstanceOf(ProviderCallError);
    expect(breaker.state).toBe("open");
  });

  it("a timeout cut short by the request's deadline does not", async () => {
    const { provider, breaker, hang, calls } = hangingProvider(5_000);
    await expect(provider.call("fast", hang, Date.now() + 300)).rejects.toBeInstanceOf(ProviderCallError);
    expect(calls()).toBe(1);
    expect(breaker.state).toBe("closed");
  });

  it("with too little time left it does not call at all, and the breaker is untouched", async () => {
    const { provider, breaker, hang, calls } = hangingProvider(5_000);
    const error = await provider.call("fast", hang, Date.now() + 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).failures).toEqual([{ kind: "unavailable", message: "deadline" }]);
    expect(calls()).toBe(0);
    expect(breaker.state).toBe("closed");
  });

  it.each<[ProviderFailure, boolean, boolean]>([
    [{ kind: "server", message: "500", status: 500 }, false, true],
    [{ kind: "rate_limited", message: "429", status: 429 }, false, true],
    [{ kind: "timeout", message: "t" }, false, true],
    [{ kind: "timeout", message: "t" }, true, false],
    [{ kind: "client", message: "bad key", status: 401 }, false, true],
    [{ kind: "client", message: "forbidden", status: 403 }, false, true],
    [{ kind: "client", message: "this request's content", status: 400 }, false, false],
    [{ kind: "malformed", message: "not JSON" }, false, true],
  ])("%o (timeout shortened: %s) counts against the provider: %s", (failure, shortened, counts) => {
    expect(countsAgainstProvider(failure, shortened)).toBe(counts);
  });
});
