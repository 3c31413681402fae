/**
 * The HTTP mode of the bench: the real server (createApp + createServerDeps) over the bench's seeded
 * database, driven by autocannon from a child process (bench/load.ts) at a few concurrencies, for
 * two workloads: answers all served from the cache, and answers with the cache off.
 *
 * Each connection has its own user (API key) and its own thread, and sends one question on it again
 * and again; autocannon keeps one request in flight per connection, and each run has its own threads,
 * so no two runs meet on a thread (no 409).
 *
 * Cache keys hold the question and the thread's previous turn (a follow-up means something else after
 * another question), not the thread: once a thread has asked question q twice, every thread's turns
 * with q after one with q are hits. The warm-up asks each question three times on a first thread, then
 * twice on every other thread (hits already) and checks that the last of those was a hit. The miss
 * workload's threads are made directly in the thread store, and a few requests warm the server up.
 */
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadEnv } from "../config/env.ts";
import { silentLogger } from "../config/logger.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { createMilhenaRuntime } from "../graph/runtime.ts";
import { createApp } from "../server/app.ts";
import { createServerDeps, type AppDeps } from "../server/deps.ts";
import type { LoadClient, LoadMessage, LoadRequest } from "./load.ts";
import type { StartPhase } from "./phases.ts";
import type { HttpRunReport } from "./stats.ts";

export const HTTP_CONCURRENCIES = [1, 32, 64] as const;
export type Concurrency = (typeof HTTP_CONCURRENCIES)[number];
export type HttpWorkloadReport = Record<`c${Concurrency}`, HttpRunReport>;
type Workload = "cacheHit" | "miss";
export interface HttpReport {
  readonly cacheHit: HttpWorkloadReport;
  readonly miss: HttpWorkloadReport;
  /** Connections in the server's database pool (1 on PGlite). */
  readonly serverPoolSize: number;
}

/** The server's environment in the bench: a rate limit far above what the load reaches, no logs. */
const SERVER_ENV = { LOG_LEVEL: "silent", RATE_LIMIT_RPM: "100000", RATE_LIMIT_BURST: "10000" };
/** Warm-up requests in flight at once. */
const WARM_PARALLEL = 8;
/** Requests that warm the server up before the miss workload. */
const MISS_WARM_REQUESTS = 10;

interface BenchServer {
  readonly baseUrl: string;
  readonly deps: AppDeps;
  /** Connections in the server's database pool. */
  readonly poolSize: number;
  close(): Promise<void>;
}

/**
 * The real server on a random port over the bench's database. On PostgreSQL it gets a pool of its own
 * of the production size (openDatabase's default, where the bench's test database has 5); PGlite has
 * one backend, so the server shares the bench's pool of one. Closing it leaves the bench's database open.
 */
async function startBenchServer(database: Database, cacheTtlSeconds: number): Promise<BenchServer> {
  const env = loadEnv({ ...SERVER_ENV, CACHE_TTL_SECONDS: String(cacheTtlSeconds) });
  const own =
    database.kind === "postgres"
      ? await openDatabase({ databaseUrl: database.connectionString, dataDir: "unused" })
      : null;
  const runtime = await createMilhenaRuntime(env, { database: own ?? database, logger: silentLogger });
  const deps = createServerDeps(env, runtime, { logger: silentLogger });
  const server = http.createServer(createApp(deps));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deps,
    poolSize: runtime.database.pool.options.max ?? 10,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.runs.drain();
      await deps.close();
      // The runtime's close() closes its database: only when that is the server's own.
      if (own) await runtime.close();
    },
  };
}

/** The forked load generator, one run at a time. */
class LoadDriver {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    {
      resolve: (report: HttpRunReport) => void;
      reject: (error: Error) => void;
      onTick: (second: number) => void;
    }
  >();

  constructor() {
    // fork passes on this process's execArgv, so the child runs TypeScript through tsx as well.
    this.child = fork(new URL("./load.ts", import.meta.url), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (message: LoadMessage) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      if (message.type === "tick") return waiter.onTick(message.second);
      this.waiting.delete(message.id);
      if (message.type === "done") waiter.resolve(message.report);
      else waiter.reject(new Error(`autocannon failed: ${message.message}`));
    });
    this.child.on("exit", (code, signal) => {
      for (const waiter of this.waiting.values())
        waiter.reject(new Error(`the load generator exited (${signal ?? code})`));
      this.waiting.clear();
    });
  }

  run(request: Omit<LoadRequest, "type" | "id">, onTick: (second: number) => void): Promise<HttpRunReport> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, onTick });
      this.child.send({ type: "run", id, ...request } satisfies LoadRequest);
    });
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

interface Connection extends LoadClient {
  readonly userId: string;
  readonly threadId: string;
}

/** Connection i of a run: user i's key, a thread of its own, one of the questions. */
function connectionsFor(
  workload: Workload,
  concurrency: Concurrency | "warm",
  users: readonly { readonly userId: string; readonly key: string }[],
  questions: readonly string[],
): Connection[] {
  const n = concurrency === "warm" ? 1 : concurrency;
  return Array.from({ length: n }, (_, i) => {
    const threadId = `bench-${workload}-c${concurrency}-${i}`;
    const { userId, key } = users[i]!;
    return {
      userId,
      threadId,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ message: questions[i % questions.length]!, threadId }),
    };
  });
}

async function ask(baseUrl: string, connection: Connection): Promise<{ cached: boolean }> {
  const response = await fetch(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: connection.headers,
    body: connection.body,
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`warm-up on ${connection.threadId} answered ${response.status}: ${text}`);
  return { cached: (JSON.parse(text) as { cached?: unknown }).cached === true };
}

/** Runs `fn` over `items`, WARM_PARALLEL at a time. */
async function inParallel<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: WARM_PARALLEL }, worker));
}

/**
 * Brings every thread to where its next turn is a hit (see the module comment); how many threads'
 * last warm-up turn was a hit.
 */
async function warmUpHits(
  baseUrl: string,
  primers: readonly Connection[],
  others: readonly Connection[],
): Promise<number> {
  let hits = 0;
  const turns = async (connection: Connection, n: number) => {
    for (let turn = 1; turn <= n; turn++) {
      const { cached } = await ask(baseUrl, connection);
      if (turn === n && cached) hits++;
    }
  };
  await inParallel(primers, (connection) => turns(connection, 3));
  await inParallel(others, (connection) => turns(connection, 2));
  return hits;
}

export interface HttpBenchOptions {
  readonly database: Database;
  readonly questions: readonly string[];
  readonly seconds: number;
  readonly phase: StartPhase;
}

export async function runHttpBench(options: HttpBenchOptions): Promise<HttpReport> {
  const driver = new LoadDriver();
  try {
    const cacheHit = await runWorkload("cacheHit", 300, driver, options);
    const miss = await runWorkload("miss", 0, driver, options);
    return { cacheHit: cacheHit.report, miss: miss.report, serverPoolSize: cacheHit.poolSize };
  } finally {
    driver.close();
  }
}

async function runWorkload(
  workload: Workload,
  cacheTtlSeconds: number,
  driver: LoadDriver,
  options: HttpBenchOptions,
): Promise<{ report: HttpWorkloadReport; poolSize: number }> {
  const setup = options.phase(`http.${workload}.setup`);
  const server = await startBenchServer(options.database, cacheTtlSeconds);
  try {
    const users: { userId: string; key: string }[] = [];
    for (let i = 0; i < Math.max(...HTTP_CONCURRENCIES); i++) {
      const userId = `bench-${workload}-user-${i}`;
      users.push({ userId, key: (await server.deps.keys.create(userId, "user")).key });
    }
    const runs = HTTP_CONCURRENCIES.map((c) => ({
      concurrency: c,
      connections: connectionsFor(workload, c, users, options.questions),
    }));
    const all = runs.flatMap((r) => r.connections);
    if (workload === "cacheHit") {
      // The widest run's first connections ask each question once: they prime the cache.
      const primers = runs.at(-1)!.connections.slice(0, options.questions.length);
      const hits = await warmUpHits(
        server.baseUrl,
        primers,
        all.filter((c) => !primers.includes(c)),
      );
      setup.end({ threads: all.length, warmUpHits: hits });
      if (hits !== all.length)
        throw new Error(`only ${hits} of ${all.length} warmed threads answered from the cache`);
    } else {
      await inParallel(all, async ({ userId, threadId }) => {
        await server.deps.threads.create(userId, { threadId });
      });
      const [warm] = connectionsFor(workload, "warm", users, options.questions);
      for (let i = 0; i < MISS_WARM_REQUESTS; i++) await ask(server.baseUrl, warm!);
      setup.end({ threads: all.length, warmUpRequests: MISS_WARM_REQUESTS });
    }
    const report: Partial<HttpWorkloadReport> = {};
    for (const { concurrency, connections } of runs) {
      const phase = options.phase(`http.${workload}.c${concurrency}`);
      const run = await driver.run(
        { url: server.baseUrl, path: "/api/chat", seconds: options.seconds, clients: connections },
        (second) => phase.update(Math.min(second, options.seconds), options.seconds),
      );
      // Requests cut off when the run ended are cancelled; let them finish before the next run.
      await server.deps.runs.drain();
      report[`c${concurrency}`] = run;
      phase.end({
        rpsMean: run.rps.mean,
        p50: run.latencyMs.p50,
        p99: run.latencyMs.p99,
        non2xx: run.non2xx,
        errors: run.errors,
        hitRatio: run.hitRatio,
      });
    }
    return { report: report as HttpWorkloadReport, poolSize: server.poolSize };
  } finally {
    await server.close();
  }
}
