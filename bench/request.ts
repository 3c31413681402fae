/**
 * Request benchmark: `npm run bench [-- --mode all|inprocess|http] [--requests N] [--executions N]
 * [--http-seconds N] [--n8n-ddl 1.123|2.41]` (`-- --help` for the usage).
 * Seeds a fresh database (PGlite by default; BENCH_DB=postgres for a fresh database on the local PostgreSQL),
 * then measures in one run. In process: a bare 3-node LangGraph invoke (the framework's own floor), an offline
 * request (rules, business SQL, Postgres checkpoint), a cache hit, the business queries and the freshness
 * read. Over HTTP (bench/http.ts): the real server under autocannon at concurrency 1, 32 and 64, answers all
 * from the cache and all missing it. Prints medians, p99, req/s and ratios as JSON on stdout; progress on stderr.
 */
import os from "node:os";
import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { loadEnv, type AppEnv } from "../config/env.ts";
import { silentLogger } from "../config/logger.ts";
import { createTestDatabase, type TestDatabase } from "../test/support/testDatabase.ts";
import { migrate } from "../db/migrate.ts";
import { seedDemo } from "../db/demo/seed.ts";
import { createMilhenaRuntime } from "../graph/runtime.ts";
import { classifyByRules } from "../classifier/rules.ts";
import { createEntityCatalogSource } from "../tools/entities/catalog.ts";
import { readFreshness } from "../tools/dataWatermark.ts";
import { runEtl } from "../tools/etl.ts";
import { resolvePlan } from "../tools/planResolver.ts";
import { createSemanticLayer } from "../tools/semantic/execute.ts";
import { parseBenchArgs, USAGE, UsageError, type BenchArgs } from "./args.ts";
import { runHttpBench, type HttpReport } from "./http.ts";
import { createPhases, type StartPhase } from "./phases.ts";
import { stats, time, type LatencyStats } from "./stats.ts";

/** The questions of the offline, cache-hit and HTTP phases. */
const QUESTIONS = [
  "how many workflow runs today?",
  "quante email sono arrivate ieri?",
  "which workflow failed the most in the last 7 days?",
  "qual è il tasso di successo?",
  "quanti ordini questa settimana?",
];

/** The questions whose business query alone is timed, one per kind of plan. */
const BUSINESS_QUESTIONS = [
  ...QUESTIONS,
  "how many times did the Shopify workflow fail in the last 30 days?",
  "emails from Laura Conti this month",
  "at what time of day do most emails arrive, last 30 days?",
  "top 5 workflows by failures this month",
  "which workflows did not run at all this week?",
  "orders after 6pm in the last 30 days",
  "runs in the last 48 hours",
  "when was the last order?",
  "the average order value",
  "what should we expect next week?",
  "trend of orders",
  "why do workflows fail?",
];

const TARGETS = {
  offlineP50: 25,
  offlineP99: 80,
  cacheHitP50: 8,
  /** A cache hit, and an offline request, as multiples of the bare 3-node invoke of the same run. */
  cacheHitP50OverBare: 1.5,
  offlineP50OverBare: 3,
  businessQueryP95: 50,
  httpCacheHitRps32: 200,
  httpMissRps32: 120,
};

interface InProcessReport {
  readonly bareLangGraph3Nodes: LatencyStats;
  readonly freshnessRead: LatencyStats;
  readonly offlineRequest: LatencyStats;
  readonly cacheHit: LatencyStats;
  readonly businessQueries: Record<string, LatencyStats>;
}

async function seed(db: TestDatabase, env: AppEnv, args: BenchArgs, now: Date, phase: StartPhase) {
  await migrate(db.pool, { app: env.MILHENA_SCHEMA, n8n: env.N8N_SCHEMA });
  const seeding = phase("seed");
  await seedDemo(db.pool, {
    n8nSchema: env.N8N_SCHEMA,
    executions: args.executions,
    days: 30,
    seed: 1,
    now,
    ...(args["n8n-ddl"] ? { ddl: args["n8n-ddl"] } : {}),
    onProgress: (done, total) => seeding.update(done, total),
  });
  seeding.end({ database: db.kind, executions: args.executions });
  const etl = phase("etl");
  await runEtl(db.pool, {
    n8nSchema: env.N8N_SCHEMA,
    appSchema: env.MILHENA_SCHEMA,
    timeZone: env.BUSINESS_TZ,
    onProgress: (done, total) => etl.update(done, total),
  });
  etl.end();
}

/** `n` calls of `fn` in a row, timed as one phase. */
async function timed(
  phase: StartPhase,
  name: string,
  n: number,
  fn: (i: number) => Promise<unknown>,
): Promise<LatencyStats> {
  const p = phase(name);
  const s = stats(await time(n, fn, (done, total) => p.update(done, total)));
  p.end({ p50: s.p50, p99: s.p99 });
  return s;
}

async function runInProcess(
  db: TestDatabase,
  env: AppEnv,
  args: BenchArgs,
  now: Date,
  phase: StartPhase,
): Promise<InProcessReport> {
  // The framework's floor: three no-op nodes, in-memory checkpointer.
  const S = Annotation.Root({ x: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }) });
  const bare = new StateGraph(S)
    .addNode("a", () => ({ x: 1 }))
    .addNode("b", () => ({ x: 2 }))
    .addNode("c", () => ({ x: 3 }))
    .addEdge(START, "a")
    .addEdge("a", "b")
    .addEdge("b", "c")
    .addEdge("c", END)
    .compile({ checkpointer: new MemorySaver() });
  await time(30, (i) => bare.invoke({ x: 0 }, { configurable: { thread_id: `w${i}` } }));
  const bareLangGraph3Nodes = await timed(phase, "inprocess.bareLangGraph", args.requests, (i) =>
    bare.invoke({ x: 0 }, { configurable: { thread_id: `b${i}` } }),
  );

  const runtime = await createMilhenaRuntime(env, { database: db, logger: silentLogger });
  // Offline requests that miss the cache: a second runtime with the cache off.
  const uncachedRuntime = await createMilhenaRuntime(
    loadEnv({ LOG_LEVEL: "silent", CACHE_TTL_SECONDS: "0" }),
    { database: db, logger: silentLogger },
  );
  await time(20, (i) => uncachedRuntime.ask(QUESTIONS[i % QUESTIONS.length]!, { threadId: `warm-${i}` }));
  const offlineRequest = await timed(phase, "inprocess.offlineRequest", args.requests, (i) =>
    uncachedRuntime.ask(QUESTIONS[i % QUESTIONS.length]!, { threadId: `miss-${i % 20}` }),
  );
  for (const q of QUESTIONS) await runtime.ask(q);
  const cacheHit = await timed(phase, "inprocess.cacheHit", args.requests, (i) =>
    runtime.ask(QUESTIONS[i % QUESTIONS.length]!, { threadId: `hit-${i % 20}` }),
  );

  // Business queries alone (the semantic layer, after the ETL), per kind of plan: the rules plan
  // each question, the plan is resolved once, and its compiled SQL is timed.
  const schemas = { n8n: env.N8N_SCHEMA, app: env.MILHENA_SCHEMA };
  const layer = createSemanticLayer({
    pool: db.pool,
    schemas,
    timeZone: env.BUSINESS_TZ,
    statementTimeoutMs: 10_000,
    maxRows: 500,
  });
  const catalog = await createEntityCatalogSource(db.pool, schemas).load();
  const businessQueries: Record<string, LatencyStats> = {};
  const queries = phase("inprocess.businessQueries");
  for (const [i, q] of BUSINESS_QUESTIONS.entries()) {
    const draft = classifyByRules(q, null, catalog).plan;
    const outcome = draft ? resolvePlan(draft, { catalog, now, timeZone: env.BUSINESS_TZ }) : null;
    if (outcome?.kind !== "plan") throw new Error(`the bench question "${q}" has no plan`);
    businessQueries[q] = stats(await time(30, () => layer.execute(outcome.plan)));
    queries.update(i + 1, BUSINESS_QUESTIONS.length);
  }
  queries.end({ questions: BUSINESS_QUESTIONS.length });
  // The freshness read before every answer (n8n's data fingerprint, workflows, the ETL's state).
  const freshnessRead = await timed(phase, "inprocess.freshnessRead", args.requests, () =>
    readFreshness(db.pool, schemas),
  );
  return { bareLangGraph3Nodes, freshnessRead, offlineRequest, cacheHit, businessQueries };
}

const ratio = (a: number, b: number) => (b > 0 ? +(a / b).toFixed(2) : null);

function ratiosOf(inProcess: InProcessReport | null, httpReport: HttpReport | null) {
  return {
    ...(inProcess
      ? {
          offlineP50OverBare: ratio(inProcess.offlineRequest.p50, inProcess.bareLangGraph3Nodes.p50),
          cacheHitP50OverBare: ratio(inProcess.cacheHit.p50, inProcess.bareLangGraph3Nodes.p50),
        }
      : {}),
    ...(httpReport
      ? {
          httpCacheHitRps32OverTarget: ratio(httpReport.cacheHit.c32.rps.mean, TARGETS.httpCacheHitRps32),
          httpMissRps32OverTarget: ratio(httpReport.miss.c32.rps.mean, TARGETS.httpMissRps32),
          httpCacheHitRps32OverMiss: ratio(httpReport.cacheHit.c32.rps.mean, httpReport.miss.c32.rps.mean),
        }
      : {}),
    // What HTTP adds to one request (auth, rate limit, JSON, thread bookkeeping): c1 latency over in-process.
    ...(inProcess && httpReport
      ? {
          httpCacheHitC1P50OverInProcess: ratio(httpReport.cacheHit.c1.latencyMs.p50, inProcess.cacheHit.p50),
          httpMissC1P50OverInProcess: ratio(httpReport.miss.c1.latencyMs.p50, inProcess.offlineRequest.p50),
        }
      : {}),
  };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseBenchArgs>;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const phase = createPhases();
  // Others' work on the machine moves every figure: the report says how busy it was.
  const loadAtStart = os.loadavg()[0]!;
  // A throwaway database: on the PostgreSQL at MILHENA_TEST_PG_URL when BENCH_DB=postgres, else PGlite.
  const db = await createTestDatabase(process.env.BENCH_DB === "postgres" ? "postgres" : "pglite");
  try {
    const env = loadEnv({ LOG_LEVEL: "silent", CACHE_TTL_SECONDS: "300" });
    const now = new Date();
    await seed(db, env, args, now, phase);
    const inProcess = args.mode === "http" ? null : await runInProcess(db, env, args, now, phase);
    const httpReport =
      args.mode === "inprocess"
        ? null
        : await runHttpBench({ database: db, questions: QUESTIONS, seconds: args["http-seconds"], phase });
    const report = {
      database: db.kind,
      executions: args.executions,
      n8nDdl: args["n8n-ddl"] ?? "minimal",
      mode: args.mode,
      host: {
        cpus: os.availableParallelism(),
        loadAverage1m: { start: +loadAtStart.toFixed(2), end: +os.loadavg()[0]!.toFixed(2) },
      },
      ...(inProcess ?? {}),
      ...(httpReport ? { http: httpReport } : {}),
      ratios: ratiosOf(inProcess, httpReport),
      targets: TARGETS,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  } finally {
    await db.destroy();
  }
}

await main();
