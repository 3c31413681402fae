import { describe, expect, it } from "vitest";
import { createFailedAuthLimiter } from "./failedAuthLimiter.ts";

describe("the failed-authentication limiter", () => {
  it("refuses an address after its burst of failures and lets it try again as tokens come back", () => {
    let t = 0;
    const limiter = createFailedAuthLimiter({ perMinute: 60, burst: 3, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs("10.0.0.1")).toBe(0);
      limiter.failed("10.0.0.1");
    }
    expect(limiter.retryAfterMs("10.0.0.1")).toBe(1000);
    // Another address is not affected.
    expect(limiter.retryAfterMs("10.0.0.2")).toBe(0);
    t = 400;
    expect(limiter.retryAfterMs("10.0.0.1")).toBe(600);
    t = 1000;
    expect(limiter.retryAfterMs("10.0.0.1")).toBe(0);
  });

  it("forgets the oldest addresses beyond its bound", () => {
    const limiter = createFailedAuthLimiter({ perMinute: 1, burst: 1, now: () => 0, maxAddresses: 2 });
    limiter.failed("a");
    limiter.failed("b");
    limiter.failed("c");
    expect(limiter.retryAfterMs("a")).toBe(0);
    expect(limiter.retryAfterMs("b")).toBeGreaterThan(0);
    expect(limiter.retryAfterMs("c")).toBeGreaterThan(0);
  });
});
