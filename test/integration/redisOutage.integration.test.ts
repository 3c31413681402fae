import { spawn, type ChildProcess } from "node:child_process";
import { Writable } from "node:stream";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.ts";
import { freePort } from "../support/freePort.ts";

/** A private, throw-away Redis (no persistence) on `port`, resolved once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "/usr/bin/redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${out}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

async function kill(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  await exited;
}

/** Polls `check` until it holds or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the shared rate limit when Redis goes down and comes back", () => {
  const BURST = 5;
  const prefix = `milhena-test-outage-${Date.now()}-${Math.random().toString(36).slice(2)}:`;
  const logs: { level: number; msg: string }[] = [];
  let port: number;
  let redis: ChildProcess | null = null;
  let t: TestServer;
  const keys: Record<string, string> = {};

  const get = (key: string) =>
    fetch(`${t.baseUrl}/api/threads`, { headers: { authorization: `Bearer ${key}` } });
  const ready = async () => {
    const res = await fetch(`${t.baseUrl}/ready`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const mode = async () => (await ready()).body.rateLimit;
  const metrics = async () => (await fetch(`${t.baseUrl}/metrics`)).text();
  /** Whether the user's bucket is kept in the private Redis (1) or not (0). */
  const bucketsInRedis = async (user: string) => {
    const client = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true });
    try {
      await client.connect();
      return await client.exists(`${prefix}ratelimit:${user}`);
    } finally {
      client.disconnect();
    }
  };
  /** The statuses of BURST + 1 requests of one user, each with how long it took. */
  const burst = async (key: string) => {
    const results: { status: number; ms: number }[] = [];
    for (let i = 0; i <= BURST; i++) {
      const started = performance.now();
      const res = await get(key);
      await res.arrayBuffer();
      results.push({ status: res.status, ms: performance.now() - started });
    }
    return results;
  };
  const transitions = (text: RegExp) => logs.filter((l) => text.test(l.msg));

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          logs.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    t = await startTestServer({
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_RPM: "1", RATE_LIMIT_BURST: String(BURST) },
      deps: { redisPrefix: prefix, logger: pino({ level: "info" }, sink) },
      executions: 20,
    });
    for (const user of ["anna", "bruno", "carla"]) keys[user] = await t.createKey(user);
  });
  afterAll(async () => {
    await t?.close();
    await kill(redis);
  });

  it("while Redis is up, the limit is kept in Redis and /ready and /metrics say so", async () => {
    expect(await eventually(async () => (await mode()) === "redis", 5_000)).toBe(true);
    expect(await metrics()).toMatch(/milhena_rate_limit_mode\{mode="redis"\} 1/);
    const statuses = (await burst(keys.anna!)).map((r) => r.status);
    expect(statuses).toEqual([...Array<number>(BURST).fill(200), 429]);
    expect(await bucketsInRedis("anna")).toBe(1);
  });

  it("when Redis dies, it falls back to per-process buckets at once: /ready stays 200 and says memory", async () => {
    await kill(redis);
    redis = null;
    expect(await eventually(async () => (await mode()) === "memory", 3_000)).toBe(true);
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "ready", rateLimit: "memory" });
    expect(await metrics()).toMatch(/milhena_rate_limit_mode\{mode="memory"\} 1/);
    expect(await metrics()).toMatch(/milhena_rate_limit_mode\{mode="redis"\} 0/);
  });

  it("while Redis is down, requests are still limited and none waits for Redis", async () => {
    // Let ioredis' reconnection back-off grow: before the fix each request then waited ~1 s for Redis.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const results = await burst(keys.bruno!);
    // A generous bound: a request that waited for Redis' commandTimeout took a second or so.
    for (const { ms } of results) expect.soft(ms).toBeLessThan(500);
    expect(results.map((r) => r.status)).toEqual([...Array<number>(BURST).fill(200), 429]);
  });

  it("when Redis is back on the same port, the limit is shared through Redis again", async () => {
    redis = await startRedis(port);
    expect(await eventually(async () => (await mode()) === "redis", 8_000)).toBe(true);
    expect(await metrics()).toMatch(/milhena_rate_limit_mode\{mode="redis"\} 1/);
    const statuses = (await burst(keys.carla!)).map((r) => r.status);
    expect(statuses).toEqual([...Array<number>(BURST).fill(200), 429]);
    expect(await bucketsInRedis("carla")).toBe(1);
  });

  it("logs each transition once: a warning on the fallback, an info on the recovery", () => {
    expect(transitions(/falling back/i).map((l) => l.level)).toEqual([40]);
    expect(transitions(/shared through Redis again/i).map((l) => l.level)).toEqual([30]);
  });
});
