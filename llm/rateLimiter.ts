export interface TokenBucketOptions {
  /** Requests per minute (the refill rate). */
  readonly perMinute: number;
  /** Bucket size: requests allowed at once after a quiet period (default: 1). */
  readonly burst?: number;
  /** Callers allowed to wait for a token at once; more are shed (default 20). */
  readonly maxQueue?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type AcquireResult =
  | { readonly ok: true; readonly waitedMs: number }
  | { readonly ok: false; readonly reason: "queue_full" | "too_long" | "aborted" };

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Token bucket with reservations: a caller takes a token now if one is there, otherwise reserves the
 * next one and waits for it (first come, first served). Callers that would wait past their deadline,
 * or find the queue full, are shed at once so they can go to the next provider.
 */
export class TokenBucket {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly maxQueue: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private tokens: number;
  private updatedAt: number;
  private waiting = 0;

  constructor(options: TokenBucketOptions) {
    this.ratePerMs = options.perMinute / 60_000;
    this.burst = Math.max(1, options.burst ?? 1);
    this.maxQueue = options.maxQueue ?? 20;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
    this.tokens = this.burst;
    this.updatedAt = this.now();
  }

  /** Callers waiting for a token right now. */
  get queued(): number {
    return this.waiting;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.ratePerMs);
    this.updatedAt = now;
  }

  /** Takes a token, waiting at most `maxWaitMs` for it. */
  async acquire(maxWaitMs: number, signal?: AbortSignal): Promise<AcquireResult> {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true, waitedMs: 0 };
    }
    if (this.waiting >= this.maxQueue) return { ok: false, reason: "queue_full" };
    const waitMs = Math.ceil((1 - this.tokens) / this.ratePerMs);
    if (waitMs > maxWaitMs) return { ok: false, reason: "too_long" };
    this.tokens -= 1; // reserved: the bucket goes into debt until the wait is over
    this.waiting += 1;
    try {
      await this.sleep(waitMs, signal);
      return { ok: true, waitedMs: waitMs };
    } catch {
      this.tokens += 1; // give the reservation back
      return { ok: false, reason: "aborted" };
    } finally {
      this.waiting -= 1;
    }
  }
}
