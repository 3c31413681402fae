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

interface Bucket {
  tokens: number;
  at: number;
}

export function createFailedAuthLimiter(options: FailedAuthLimiterOptions): FailedAuthLimiter {
  const burst = options.burst ?? options.perMinute;
  const ratePerMs = options.perMinute / 60_000;
  const now = options.now ?? Date.now;
  const maxAddresses = options.maxAddresses ?? 100_000;
  const buckets = new Map<string, Bucket>();

  const current = (address: string, t: number): Bucket => {
    const bucket = buckets.get(address);
    if (!bucket) return { tokens: burst, at: t };
    return { tokens: Math.min(burst, bucket.tokens + (t - bucket.at) * ratePerMs), at: t };
  };

  return {
    retryAfterMs(address) {
      const bucket = current(address, now());
      if (bucket.tokens >= 1) {
        if (bucket.tokens >= burst) buckets.delete(address);
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / ratePerMs);
    },
    failed(address) {
      const t = now();
      const bucket = current(address, t);
      buckets.delete(address);
      buckets.set(address, { tokens: Math.max(0, bucket.tokens - 1), at: t });
      while (buckets.size > maxAddresses) {
        const oldest = buckets.keys().next();
        if (oldest.done) break;
        buckets.delete(oldest.value);
      }
    },
  };
}
