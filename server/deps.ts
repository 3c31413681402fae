import { Redis } from "ioredis";
import type { Logger as PinoLogger } from "../config/logger.ts";
import type { AppEnv } from "../config/env.ts";
import type { MilhenaRuntime } from "../graph/runtime.ts";
import { createAuditLog, type AuditLog } from "./audit.ts";
import { createApiKeyStore, type ApiKeyStore } from "./auth/apiKeys.ts";
import { createFailedAuthLimiter, type FailedAuthLimiter } from "./auth/failedAuthLimiter.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { createMemoryRateLimiter, type RateLimitMode, type RateLimiter } from "./rateLimit.ts";
import { createSharedRateLimiter, type ResilientRateLimiter } from "./resilientRateLimiter.ts";
import { createRunService, type RunService } from "./runs/runService.ts";
import { createThreadRuns, type ThreadRuns } from "./threadRuns.ts";
import { createThreadStore, type ThreadStore } from "./threadStore.ts";

/** Everything the server's routes use, built once per process (tests override parts). */
export interface AppDeps {
  readonly env: AppEnv;
  readonly runtime: MilhenaRuntime;
  readonly threads: ThreadStore;
  readonly runs: ThreadRuns;
  /** The one way both APIs run the graph (a cancelled run writes no checkpoint). */
  readonly runService: RunService;
  readonly keys: ApiKeyStore;
  /** Failed authentications per client address, checked before a key is looked up. */
  readonly failedAuth: FailedAuthLimiter;
  readonly audit: AuditLog;
  readonly rateLimiter: RateLimiter;
  /** Where the rate limit is kept right now: "redis" (shared) or "memory" (this process; Redis unset or down). */
  readonly rateLimitMode: () => RateLimitMode;
  readonly metrics: Metrics;
  readonly logger: PinoLogger;
  /** Breaker state per LLM provider (for /ready and metrics). */
  readonly providerStatus?: () => Record<string, string>;
  /** Set when the process is shutting down: new requests get 503. */
  readonly lifecycle: { draining: boolean };
  /** Releases what the deps opened (the Redis connection); the runtime is closed by its owner. */
  close(): Promise<void>;
}

export interface ServerDepsOverrides {
  readonly logger?: PinoLogger;
  readonly rateLimiter?: RateLimiter;
  readonly metrics?: Metrics;
  /** Key prefix in Redis (tests use a unique one). */
  readonly redisPrefix?: string;
}

export function createServerDeps(
  env: AppEnv,
  runtime: MilhenaRuntime,
  overrides: ServerDepsOverrides = {},
): AppDeps {
  // One logger for the server and the graph: the runtime's.
  const logger = overrides.logger ?? runtime.deps.logger;
  const pool = runtime.database.pool;
  const schema = env.MILHENA_SCHEMA;
  const limits = { perMinute: env.RATE_LIMIT_RPM, burst: env.RATE_LIMIT_BURST };
  let redis: Redis | null = null;
  let shared: ResilientRateLimiter | null = null;
  let rateLimiter = overrides.rateLimiter;
  if (!rateLimiter) {
    if (env.REDIS_URL) {
      // No offline queue: a command on a disconnected client fails at once instead of waiting. The limiter
      // follows the connection and answers from per-process buckets while Redis is down (logging each
      // switch once), then goes back to Redis when a PING answers.
      redis = new Redis(env.REDIS_URL, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        commandTimeout: 1_000,
        lazyConnect: false,
      });
      // Every reconnection attempt errors while Redis is down: the limiter logs the outage once.
      redis.on("error", (error: Error) => logger.debug({ err: error.message }, "redis error"));
      shared = createSharedRateLimiter(redis, overrides.redisPrefix ?? "milhena:", limits, { logger });
      rateLimiter = shared;
    } else {
      rateLimiter = createMemoryRateLimiter(limits);
    }
  }
  const limiter: RateLimiter = rateLimiter;
  const audit = createAuditLog(pool, schema, (error) =>
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "audit write failed"),
  );
  const runs = createThreadRuns();
  const threads = createThreadStore(pool, schema, runtime.checkpointer);
  const metrics = overrides.metrics ?? createMetrics();
  return {
    env,
    runtime,
    threads,
    runs,
    runService: createRunService({ runtime, threads, runs, metrics, audit, logger }),
    keys: createApiKeyStore(pool, schema, { cacheSeconds: env.API_KEY_CACHE_SECONDS }),
    failedAuth: createFailedAuthLimiter({ perMinute: env.AUTH_FAILURES_PER_MINUTE }),
    audit,
    rateLimiter,
    rateLimitMode: () => limiter.mode?.() ?? "memory",
    metrics,
    logger,
    providerStatus: () => runtime.providerStatus(),
    lifecycle: { draining: false },
    async close() {
      await audit.settled();
      shared?.close();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
