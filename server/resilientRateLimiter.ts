import type { Redis } from "ioredis";
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type RateLimitMode,
  type RateLimitOptions,
  type RateLimiter,
} from "./rateLimit.ts";

/** The connection events the limiter follows (an ioredis client emits them all). */
export type RedisConnectionEvent = "ready" | "close" | "end" | "error";

/** What the limiter watches on the Redis client: an ioredis `Redis` fits. */
export interface RedisConnection {
  /** ioredis' connection status: only "ready" can answer a command (there is no offline queue). */
  readonly status: string;
  on(event: RedisConnectionEvent, listener: (arg?: unknown) => void): unknown;
  off(event: RedisConnectionEvent, listener: (arg?: unknown) => void): unknown;
}

/** Where transitions are logged (a pino logger fits). */
export interface TransitionLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/** Calls `fn` every `ms` until the returned function is called. */
export type Repeat = (ms: number, fn: () => void) => () => void;

export interface ResilientRateLimiterOptions {
  /** The limiter in Redis; used only while the connection is known to be up. */
  readonly shared: RateLimiter;
  /** The per-process limiter used while Redis is not. */
  readonly local: RateLimiter;
  readonly connection: RedisConnection;
  /** A cheap round trip to Redis (PING) that resolves once Redis answers again. */
  readonly probe: () => Promise<unknown>;
  readonly logger?: TransitionLogger;
  /** Consecutive failed Redis commands (errors, timeouts) that switch to the local limiter. Default 1. */
  readonly failureThreshold?: number;
  /** How often Redis is probed while the local limiter is in use. Default 1 s. */
  readonly probeIntervalMs?: number;
  /** The timer behind the probe (tests pass one they drive by hand). */
  readonly repeat?: Repeat;
  readonly onModeChange?: (mode: RateLimitMode) => void;
}

export interface ResilientRateLimiter extends RateLimiter {
  mode(): RateLimitMode;
  /** Stops probing and detaches from the connection (before the client is closed). */
  close(): void;
}

const unrefInterval: Repeat = (ms, fn) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The shared limiter while Redis is up, the per-process one while it is not — decided without waiting
 * for Redis. It starts local until the connection is ready and a PING answers; it goes local at once
 * when the connection closes or errors, when the client is not ready, or after `failureThreshold`
 * failed commands in a row (a Redis that times out). The request whose command failed is answered
 * locally too. While local it PINGs Redis every `probeIntervalMs` (and as soon as the client is ready
 * again) and goes back to Redis after the first answer. Each transition is logged once: a warning when
 * falling back, an info when shared again.
 */
export function createResilientRateLimiter(options: ResilientRateLimiterOptions): ResilientRateLimiter {
  const { shared, local, connection, logger } = options;
  const threshold = Math.max(1, options.failureThreshold ?? 1);
  const intervalMs = options.probeIntervalMs ?? 1_000;
  const repeat = options.repeat ?? unrefInterval;
  let state: "starting" | RateLimitMode = "starting";
  /** Bumped on every transition and connection loss: an answer to a command or PING sent before is ignored. */
  let epoch = 0;
  let failures = 0;
  let probing = false;
  let stopProbing: (() => void) | null = null;
  let closed = false;

  const startProbing = () => {
    if (!stopProbing && !closed) stopProbing = repeat(intervalMs, probe);
  };
  const toLocal = (reason: string) => {
    if (closed) return;
    epoch++;
    if (state === "memory") return;
    const from = state;
    state = "memory";
    failures = 0;
    if (from === "redis")
      logger?.warn({ reason }, "rate limit: Redis unavailable, falling back to per-process limits");
    else logger?.warn({ reason }, "rate limit: Redis unreachable, per-process limits until it answers");
    options.onModeChange?.("memory");
    startProbing();
  };
  const toShared = () => {
    if (closed || state === "redis") return;
    const from = state;
    state = "redis";
    epoch++;
    failures = 0;
    stopProbing?.();
    stopProbing = null;
    logger?.info(
      {},
      from === "memory"
        ? "rate limit: Redis is back, limits shared through Redis again"
        : "rate limit: shared through Redis",
    );
    options.onModeChange?.("redis");
  };
  function probe() {
    if (closed || probing || state === "redis" || connection.status !== "ready") return;
    probing = true;
    const at = epoch;
    options.probe().then(
      () => {
        probing = false;
        if (at === epoch) toShared();
      },
      (error: unknown) => {
        probing = false;
        if (at === epoch) toLocal(`probe failed: ${messageOf(error)}`);
      },
    );
  }

  const listeners: Record<RedisConnectionEvent, (arg?: unknown) => void> = {
    ready: probe,
    close: () => toLocal("connection closed"),
    end: () => toLocal("connection ended"),
    error: (error) => {
      if (connection.status !== "ready") toLocal(messageOf(error));
    },
  };
  for (const [event, listener] of Object.entries(listeners))
    connection.on(event as RedisConnectionEvent, listener);
  startProbing();
  probe();

  return {
    async take(userId) {
      if (state === "redis" && connection.status !== "ready") toLocal(`connection ${connection.status}`);
      if (state !== "redis") return local.take(userId);
      const at = epoch;
      try {
        const decision = await shared.take(userId);
        if (at === epoch) failures = 0;
        return decision;
      } catch (error) {
        if (at === epoch && ++failures >= threshold) toLocal(messageOf(error));
        return local.take(userId);
      }
    },
    mode: () => (state === "redis" ? "redis" : "memory"),
    close() {
      closed = true;
      stopProbing?.();
      stopProbing = null;
      for (const [event, listener] of Object.entries(listeners))
        connection.off(event as RedisConnectionEvent, listener);
    },
  };
}

/** The shared limiter on an ioredis client (created with `enableOfflineQueue: false`), per process when Redis is down. */
export function createSharedRateLimiter(
  redis: Redis,
  prefix: string,
  limits: RateLimitOptions,
  options: Pick<
    ResilientRateLimiterOptions,
    "logger" | "failureThreshold" | "probeIntervalMs" | "onModeChange"
  > = {},
): ResilientRateLimiter {
  return createResilientRateLimiter({
    shared: createRedisRateLimiter(redis, prefix, limits),
    local: createMemoryRateLimiter(limits),
    connection: redis,
    probe: () => redis.ping(),
    ...options,
  });
}
