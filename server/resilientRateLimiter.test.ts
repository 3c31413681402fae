import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { RateDecision, RateLimiter } from "./rateLimit.ts";
import { createResilientRateLimiter, type RedisConnectionEvent } from "./resilientRateLimiter.ts";

const ALLOW: RateDecision = { allowed: true, retryAfterMs: 0 };
const DENY: RateDecision = { allowed: false, retryAfterMs: 1_000 };

/** A client whose status and events the test sets, like ioredis' on connect, loss and reconnect. */
class FakeConnection extends EventEmitter {
  status = "connecting";
  set(status: string, ...events: RedisConnectionEvent[]) {
    this.status = status;
    for (const event of events) this.emit(event, new Error(`fake ${event}`));
  }
}

/** A limiter whose next answers the test decides: pending until settled, or failing at once. */
function fakeShared() {
  const pending: { resolve: (d: RateDecision) => void; reject: (e: Error) => void }[] = [];
  let failing = false;
  const limiter: RateLimiter = {
    take: () => {
      if (failing) return Promise.reject(new Error("Stream isn't writeable"));
      return new Promise<RateDecision>((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
  return {
    limiter,
    pending,
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

function setup(options: { failureThreshold?: number } = {}) {
  const connection = new FakeConnection();
  const shared = fakeShared();
  const local: RateLimiter = { take: () => Promise.resolve(DENY) };
  const probes: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const timers: { ms: number; fn: () => void; stopped: boolean }[] = [];
  const logs: { level: "warn" | "info"; message: string }[] = [];
  const modes: string[] = [];
  const limiter = createResilientRateLimiter({
    shared: shared.limiter,
    local,
    connection,
    probe: () => new Promise<void>((resolve, reject) => probes.push({ resolve, reject })),
    logger: {
      warn: (_f, message) => logs.push({ level: "warn", message }),
      info: (_f, message) => logs.push({ level: "info", message }),
    },
    probeIntervalMs: 250,
    repeat: (ms, fn) => {
      const timer = { ms, fn, stopped: false };
      timers.push(timer);
      return () => {
        timer.stopped = true;
      };
    },
    onModeChange: (mode) => modes.push(mode),
    ...options,
  });
  const running = () => timers.filter((t) => !t.stopped);
  /** Fires the running probe timer once (what the interval would do). */
  const tick = () => {
    for (const t of running()) t.fn();
  };
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  /** Connected and PING answered: the limiter is on Redis. */
  const up = async () => {
    connection.set("ready", "ready");
    probes.shift()?.resolve();
    await flush();
  };
  return { connection, shared, limiter, probes, running, tick, flush, up, logs, modes };
}

describe("the rate limiter that falls back when Redis is down", () => {
  it("starts per process, probes while the client connects, and goes to Redis once PING answers", async () => {
    const s = setup();
    expect(s.limiter.mode()).toBe("memory");
    expect(s.running()).toEqual([expect.objectContaining({ ms: 250 })]);
    s.tick();
    expect(s.probes).toHaveLength(0); // not probed while the client is not ready
    expect(await s.limiter.take("u")).toEqual(DENY); // answered locally, Redis not asked
    expect(s.shared.pending).toHaveLength(0);
    s.connection.set("ready", "ready");
    expect(s.probes).toHaveLength(1);
    s.probes[0]!.resolve();
    await s.flush();
    expect(s.limiter.mode()).toBe("redis");
    expect(s.running()).toHaveLength(0);
    const decision = s.limiter.take("u");
    s.shared.pending[0]!.resolve(ALLOW);
    expect(await decision).toEqual(ALLOW);
    expect(s.logs).toEqual([{ level: "info", message: "rate limit: shared through Redis" }]);
  });

  it("falls back at once on a closed connection, without asking Redis, and recovers after a PING", async () => {
    const s = setup();
    await s.up();
    s.connection.set("reconnecting", "error", "close");
    expect(s.limiter.mode()).toBe("memory");
    for (let i = 0; i < 5; i++) expect(await s.limiter.take("u")).toEqual(DENY);
    expect(s.shared.pending).toHaveLength(0);
    s.tick(); // still reconnecting: no probe
    expect(s.probes).toHaveLength(0);
    s.connection.set("ready", "ready");
    expect(s.probes).toHaveLength(1);
    s.probes[0]!.resolve();
    await s.flush();
    expect(s.limiter.mode()).toBe("redis");
    expect(s.modes).toEqual(["redis", "memory", "redis"]);
    expect(s.logs.slice(1)).toEqual([
      { level: "warn", message: "rate limit: Redis unavailable, falling back to per-process limits" },
      { level: "info", message: "rate limit: Redis is back, limits shared through Redis again" },
    ]);
  });

  it("logs each transition once, however many errors and closes the client reports", async () => {
    const s = setup();
    await s.up();
    for (let i = 0; i < 10; i++) s.connection.set("reconnecting", "error", "close");
    await s.limiter.take("u");
    expect(s.logs.filter((l) => l.level === "warn")).toHaveLength(1);
    expect(s.modes).toEqual(["redis", "memory"]);
  });

  it("goes local when the client is not ready even if no event said so", async () => {
    const s = setup();
    await s.up();
    s.connection.status = "reconnecting";
    expect(await s.limiter.take("u")).toEqual(DENY);
    expect(s.shared.pending).toHaveLength(0);
    expect(s.limiter.mode()).toBe("memory");
  });

  it("trips on a failed command (a timeout), answers that request locally, and probes until Redis answers", async () => {
    const s = setup();
    await s.up();
    const first = s.limiter.take("u");
    s.shared.pending[0]!.reject(new Error("Command timed out"));
    expect(await first).toEqual(DENY);
    expect(s.limiter.mode()).toBe("memory");
    expect(s.connection.status).toBe("ready"); // the socket looks fine: only the probe can tell
    s.tick();
    expect(s.probes).toHaveLength(1);
    s.tick(); // a probe in flight is not doubled
    expect(s.probes).toHaveLength(1);
    s.probes.shift()!.reject(new Error("Command timed out"));
    await s.flush();
    expect(s.limiter.mode()).toBe("memory");
    s.tick();
    s.probes.shift()!.resolve();
    await s.flush();
    expect(s.limiter.mode()).toBe("redis");
  });

  it("with a threshold, trips only after that many failures in a row", async () => {
    const s = setup({ failureThreshold: 3 });
    await s.up();
    s.shared.fail(true);
    expect(await s.limiter.take("u")).toEqual(DENY);
    expect(await s.limiter.take("u")).toEqual(DENY);
    expect(s.limiter.mode()).toBe("redis");
    s.shared.fail(false);
    const ok = s.limiter.take("u");
    s.shared.pending.shift()!.resolve(ALLOW);
    expect(await ok).toEqual(ALLOW); // a success resets the count
    s.shared.fail(true);
    await s.limiter.take("u");
    await s.limiter.take("u");
    expect(s.limiter.mode()).toBe("redis");
    await s.limiter.take("u");
    expect(s.limiter.mode()).toBe("memory");
  });

  it("ignores a late failure of a command sent before the last switch", async () => {
    const s = setup();
    await s.up();
    const stale = s.limiter.take("u");
    s.connection.set("reconnecting", "close");
    await s.up();
    s.shared.pending[0]!.reject(new Error("Connection is closed."));
    expect(await stale).toEqual(DENY);
    expect(s.limiter.mode()).toBe("redis");
  });

  it("ignores a PING answer that arrives after the connection closed again", async () => {
    const s = setup();
    await s.up();
    s.connection.set("reconnecting", "close");
    s.connection.set("ready", "ready");
    s.connection.set("reconnecting", "close");
    s.probes.shift()!.resolve();
    await s.flush();
    expect(s.limiter.mode()).toBe("memory");
  });

  it("an error while the connection is ready does not switch by itself", async () => {
    const s = setup();
    await s.up();
    s.connection.emit("error", new Error("something odd"));
    expect(s.limiter.mode()).toBe("redis");
  });

  it("warns once when Redis cannot be reached at start", () => {
    const s = setup();
    s.connection.set("reconnecting", "error", "close");
    s.connection.set("reconnecting", "error", "close");
    expect(s.logs).toEqual([
      { level: "warn", message: "rate limit: Redis unreachable, per-process limits until it answers" },
    ]);
    expect(s.running()).toHaveLength(1);
  });

  it("close stops the probe and detaches from the client", async () => {
    const s = setup();
    await s.up();
    s.connection.set("reconnecting", "close");
    s.limiter.close();
    expect(s.running()).toHaveLength(0);
    for (const event of ["ready", "close", "end", "error"]) expect(s.connection.listenerCount(event)).toBe(0);
    s.connection.set("ready", "ready");
    expect(s.probes).toHaveLength(0);
    expect(s.limiter.mode()).toBe("memory");
  });
});
