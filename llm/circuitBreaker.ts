import type { BreakerState } from "./types.ts";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  readonly failureThreshold?: number;
  /** How long the circuit stays open before one half-open trial (default 60 s). */
  readonly openMs?: number;
  /** Milliseconds clock (injected in tests). */
  readonly now?: () => number;
}

/**
 * Closed → (N consecutive failures) → open → (after openMs) → half-open: exactly one trial call;
 * its success closes the circuit, its failure opens it again for another openMs.
 */
export class CircuitBreaker {
  private readonly threshold: number;
  private readonly openMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 5;
    this.openMs = options.openMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt >= this.openMs ? "half_open" : "open";
  }

  /** Whether a call may go out now; in half-open, the first caller takes the single trial. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  onFailure(): void {
    if (this.openedAt !== null) {
      // The half-open trial failed (or a call that started before opening): open for another period.
      this.openedAt = this.now();
      this.trialInFlight = false;
      return;
    }
    this.failures += 1;
    if (this.failures >= this.threshold) this.openedAt = this.now();
  }

  /** A call that ended without telling anything about the provider (cancelled by the caller). */
  onNeutral(): void {
    this.trialInFlight = false;
  }
}
