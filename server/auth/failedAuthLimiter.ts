import { refill } from "../rateLimit.ts";

/**
 * Failed authentications per client address: each failure takes a token from the address's bucket
 * (`perMinute` a minute, bursts up to `burst`); an address whose bucket is empty is refused before
 * its key is looked up, so a flood of bad keys costs neither a database query nor an audit row each.
 */
export interface FailedAuthLimiter {
  /** Milliseconds until the address may try again, or 0 when it may try now. */
  retryAfterMs(address: string): number;
  /** Records a failed authentication from the address. */
  failed(address: string): void;
}

export interface FailedAuthLimiterOptions {
  readonly perMinute: number;
  readonly burst?: number;
  readonly now?: () => number;
  /** Addresses tracked at most (the oldest are forgotten first). */
  readonly maxAddresses?: number;
}

export function createFailedAuthLimiter(options: FailedAuthLimiterOptions): FailedAuthLimiter {
  const bucket = { perMinute: options.perMinute, burst: options.burst ?? options.perMinute };
  const now = options.now ?? Date.now;
  const maxAddresses = options.maxAddresses ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    retryAfterMs(address) {
      // The same arithmetic as the request limiter; asking does not take a token.
      return refill(buckets.get(address), now(), bucket).decision.retryAfterMs;
    },
    failed(address) {
      const next = refill(buckets.get(address), now(), bucket);
      buckets.delete(address);
      buckets.set(address, { tokens: next.tokens, at: next.at });
      while (buckets.size > maxAddresses) {
        const oldest = buckets.keys().next();
        if (oldest.done) break;
        buckets.delete(oldest.value);
      }
    },
  };
}
