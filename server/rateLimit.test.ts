import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter, refill } from "./rateLimit.ts";

describe("per-user rate limit", () => {
  it("allows a burst, then one request per refill interval, per user", async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ perMinute: 6, burst: 2, now: () => now });
    expect((await limiter.take("a")).allowed).toBe(true);
    expect((await limiter.take("a")).allowed).toBe(true);
    expect(await limiter.take("a")).toEqual({ allowed: false, retryAfterMs: 10_000 });
    expect((await limiter.take("b")).allowed).toBe(true);
    now += 10_000;
    expect((await limiter.take("a")).allowed).toBe(true);
    expect((await limiter.take("a")).allowed).toBe(false);
  });
  it("never stores more than the burst", () => {
    const later = refill({ tokens: 0, at: 0 }, 3_600_000, { perMinute: 60, burst: 5 });
    expect(later.tokens).toBe(4);
  });
});
