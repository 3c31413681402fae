import type { Redis } from "ioredis";

export interface RateDecision {
  readonly allowed: boolean;
  /** When not allowed: milliseconds until the next request would be. */
  readonly retryAfterMs: number;
}

/** Where the buckets live: in Redis (shared by every replica) or in this process. */
export type RateLimitMode = "redis" | "memory";

/** Per-user token bucket: `perMinute` requests a minute on average, bursts up to `burst`. */
export interface RateLimiter {
  take(userId: string): Promise<RateDecision>;
  /** Where the buckets live right now (for /ready and metrics); a limiter without it counts as "memory". */
  mode?(): RateLimitMode;
}

export interface RateLimitOptions {
  readonly perMinute: number;
  readonly burst: number;
  readonly now?: () => number;
}

/** The bucket arithmetic, shared by the in-process limiter (the Redis script does the same). */
export function refill(
  state: { tokens: number; at: number } | undefined,
  now: number,
  options: RateLimitOptions,
): { tokens: number; at: number; decision: RateDecision } {
  const ratePerMs = options.perMinute / 60_000;
  const tokens = Math.min(
    options.burst,
    (state?.tokens ?? options.burst) + (now - (state?.at ?? now)) * ratePerMs,
  );
  if (tokens >= 1) return { tokens: tokens - 1, at: now, decision: { allowed: true, retryAfterMs: 0 } };
  return { tokens, at: now, decision: { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / ratePerMs) } };
}

/** In process: right for one replica. Idle buckets are dropped once full again. */
export function createMemoryRateLimiter(options: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const now = options.now ?? Date.now;
  const fullAfterMs = (options.burst / options.perMinute) * 60_000;
  let sweeps = 0;
  return {
    take(userId) {
      const t = now();
      const next = refill(buckets.get(userId), t, options);
      buckets.set(userId, { tokens: next.tokens, at: next.at });
      if (++sweeps % 1_000 === 0) {
        for (const [id, b] of buckets) if (t - b.at > fullAfterMs) buckets.delete(id);
      }
      return Promise.resolve(next.decision);
    },
    mode: () => "memory",
  };
}

/** KEYS[1] bucket; ARGV: now ms, rate per ms, burst, ttl ms. Returns {allowed, retryAfterMs}. */
const TAKE_SCRIPT = `
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local now = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {allowed, retry}
`;

/**
 * Shared by every replica through Redis; one atomic script per request. It fails when Redis does: wrap it
 * with `createResilientRateLimiter` (resilientRateLimiter.ts) to fall back to per-process buckets.
 */
export function createRedisRateLimiter(redis: Redis, prefix: string, options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const ttlMs = Math.ceil((options.burst / options.perMinute) * 60_000) + 1_000;
  return {
    async take(userId) {
      const reply = (await redis.eval(
        TAKE_SCRIPT,
        1,
        `${prefix}ratelimit:${userId}`,
        String(now()),
        String(options.perMinute / 60_000),
        String(options.burst),
        String(ttlMs),
      )) as [number, number];
      return { allowed: reply[0] === 1, retryAfterMs: Number(reply[1]) };
    },
    mode: () => "redis",
  };
}
