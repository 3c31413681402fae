import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuitBreaker.ts";

function breaker() {
  let now = 1_000;
  const b = new CircuitBreaker({ failureThreshold: 5, openMs: 60_000, now: () => now });
  return { b, advance: (ms: number) => (now += ms) };
}

describe("CircuitBreaker", () => {
  it("opens after five consecutive failures and refuses calls while open", () => {
    const { b } = breaker();
    for (let i = 0; i < 4; i++) {
      expect(b.tryAcquire()).toBe(true);
      b.onFailure();
    }
    expect(b.state).toBe("closed");
    b.onFailure();
    expect(b.state).toBe("open");
    expect(b.tryAcquire()).toBe(false);
  });

  it("a success in between resets the count", () => {
    const { b } = breaker();
    for (let i = 0; i < 4; i++) b.onFailure();
    b.onSuccess();
    for (let i = 0; i < 4; i++) b.onFailure();
    expect(b.state).toBe("closed");
  });

  it("after the open period lets exactly one trial through; its success closes the circuit", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 5; i++) b.onFailure();
    advance(59_999);
    expect(b.tryAcquire()).toBe(false);
    advance(1);
    expect(b.state).toBe("half_open");
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // the trial is in flight
    b.onSuccess();
    expect(b.state).toBe("closed");
    expect(b.tryAcquire()).toBe(true);
  });

  it("a failed trial opens the circuit for another full period", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 5; i++) b.onFailure();
    advance(60_000);
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.state).toBe("open");
    advance(59_000);
    expect(b.tryAcquire()).toBe(false);
    advance(1_000);
    expect(b.tryAcquire()).toBe(true);
  });

  it("a cancelled trial frees the half-open slot without judging the provider", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 5; i++) b.onFailure();
    advance(60_000);
    expect(b.tryAcquire()).toBe(true);
    b.onNeutral();
    expect(b.state).toBe("half_open");
    expect(b.tryAcquire()).toBe(true);
  });
});
