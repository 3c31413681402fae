/**
 * Request latency benchmark: `npm run bench [-- --requests N --executions N --n8n-ddl 1.123|2.41]`.
 * Seeds a fresh database (PGlite by default; BENCH_DB=postgres for a fresh database on the local PostgreSQL), then
 * measures in one run: a bare 3-node LangGraph invoke (the framework's own floor), an offline request
 * (rules, business SQL, Postgres checkpoint) and a cache hit. Prints medians, p99 and ratios as JSON.
 */
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { loadEnv } from "../config/env.ts";
import { silentLogger } from "../config/logger.ts";
import { createTestDatabase } from "../test/support/testDatabase.ts";
import { migrate } from "../db/migrate.ts";
import { seedDemo } from "../db/demo/seed.ts";
import { createMilhenaRuntime } from "../graph/runtime.ts";
import { classifyByRules } from "../classifier/rules.ts";
import { createEntityCatalogSource } from "../tools/entities/catalog.ts";
import { N8N_DDL_VERSIONS } from "../db/n8nDdl.ts";
import { readFreshness } from "../tools/dataWatermark.ts";
import { runEtl } from "../tools/etl.ts";
import { resolvePlan } from "../tools/planResolver.ts";
import { createSemanticLayer } from "../tools/semantic/execute.ts";

const Args = z.object({
  requests: z.coerce.number().int().min(10).max(100_000).default(300),
  executions: z.coerce.number().int().min(100).max(2_000_000).default(20_000),
  /** Seed into n8n's real DDL of this line (its own indexes) instead of the minimal tables. */
  "n8n-ddl": z.enum(N8N_DDL_VERSIONS).optional(),
});

function parseArgs(argv: string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, "");
    if (!key || argv[i + 1] === undefined)
      throw new Error(`Usage: npm run bench -- [--requests N] [--executions N] [--n8n-ddl 1.123|2.41]`);
    raw[key] = argv[i + 1]!;
  }
  return Args.parse(raw);
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), p99: +q(0.99).toFixed(2), n: s.length };
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // A throwaway database: on the PostgreSQL at MILHENA_TEST_PG_URL when BENCH_DB=postgres, else PGlite.
  const db = await createTestDatabase(process.env.BENCH_DB === "postgres" ? "postgres" : "pglite");
  try {
    const env = loadEnv({ LOG_LEVEL: "silent", CACHE_TTL_SECONDS: "300" });
    await migrate(db.pool, { app: env.MILHENA_SCHEMA, n8n: env.N8N_SCHEMA });
    const now = new Date();
    process.stderr.write(`seeding ${args.executions} executions on ${db.kind}…\n`);
    await seedDemo(db.pool, {
      n8nSchema: env.N8N_SCHEMA,
      executions: args.executions,
      days: 30,
      seed: 1,
      now,
      ...(args["n8n-ddl"] ? { ddl: args["n8n-ddl"] } : {}),
    });
    await runEtl(db.pool, {
      n8nSchema: env.N8N_SCHEMA,
      appSchema: env.MILHENA_SCHEMA,
      timeZone: env.BUSINESS_TZ,
    });

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
    const bareMs = await time(args.requests, (i) =>
      bare.invoke({ x: 0 }, { configurable: { thread_id: `b${i}` } }),
    );

    const runtime = await createMilhenaRuntime(env, { database: db, logger: silentLogger });
    const questions = [
      "how many workflow runs today?",
      "quante email sono arrivate ieri?",
      "which workflow failed the most in the last 7 days?",
      "qual è il tasso di successo?",
      "quanti ordini questa settimana?",
    ];
    // Offline requests that miss the cache: disable it for this phase by asking on fresh days' keys.
    const uncachedRuntime = await createMilhenaRuntime(
      loadEnv({ LOG_LEVEL: "silent", CACHE_TTL_SECONDS: "0" }),
      {
        database: db,
        logger: silentLogger,
      },
    );
    await time(20, (i) => uncachedRuntime.ask(questions[i % questions.length]!, { threadId: `warm-${i}` }));
    const missMs = await time(args.requests, (i) =>
      uncachedRuntime.ask(questions[i % questions.length]!, { threadId: `miss-${i % 20}` }),
    );
    for (const q of questions) await runtime.ask(q);
    const hitMs = await time(args.requests, (i) =>
      runtime.ask(questions[i % questions.length]!, { threadId: `hit-${i % 20}` }),
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
    const businessQueries: Record<string, ReturnType<typeof stats>> = {};
    for (const q of [
      ...questions,
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
    ]) {
      const draft = classifyByRules(q, null, catalog).plan;
      const outcome = draft ? resolvePlan(draft, { catalog, now, timeZone: env.BUSINESS_TZ }) : null;
      if (outcome?.kind !== "plan") throw new Error(`the bench question "${q}" has no plan`);
      businessQueries[q] = stats(await time(30, () => layer.execute(outcome.plan)));
    }
    // The freshness read before every answer (n8n's data fingerprint, workflows, the ETL's state).
    const freshnessS = stats(await time(args.requests, () => readFreshness(db.pool, schemas)));
    const bareS = stats(bareMs);
    const missS = stats(missMs);
    const hitS = stats(hitMs);
    const report = {
      database: db.kind,
      executions: args.executions,
      n8nDdl: args["n8n-ddl"] ?? "minimal",
      bareLangGraph3Nodes: bareS,
      freshnessRead: freshnessS,
      offlineRequest: missS,
      cacheHit: hitS,
      businessQueries,
      ratios: {
        offlineP50OverBare: +(missS.p50 / bareS.p50).toFixed(2),
        cacheHitP50OverBare: +(hitS.p50 / bareS.p50).toFixed(2),
      },
      targets: { offlineP50: 25, offlineP99: 80, cacheHitP50: 8, businessQueryP95: 50 },
    };
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  } finally {
    await db.destroy();
  }
}

await main();
