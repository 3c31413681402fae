import { loadEnv } from "../config/env.ts";
import { createLogger } from "../config/logger.ts";
import { seedDemo } from "../db/demo/seed.ts";
import { createMilhenaRuntime } from "../graph/runtime.ts";
import { runEtl } from "../tools/etl.ts";
import { parseEvalArgs, type EvalArgs } from "./args.ts";
import { loadSplit, toSessions } from "./dataset.ts";
import { DEMO_WORKFLOWS } from "../db/demo/workflows.ts";
import { loadPlanSplit } from "./planDataset.ts";
import { buildPlanReport, describePlanGateFailure } from "./planReport.ts";
import { runPlanSessions } from "./planRunner.ts";
import { buildTruthFacts, createPlanTruth } from "./planTruth.ts";
import { freshEmbeddedDatabase, freshServerDatabase } from "./freshDatabase.ts";
import { describeGateFailure } from "./gate.ts";
import { renderHtmlReport } from "./html.ts";
import { langsmithPlan, runLangsmith } from "./langsmith.ts";
import { createProgressBar } from "./progressBar.ts";
import { promptVersions, promptVersionsTag } from "./promptVersions.ts";
import { providerEnv } from "./providers.ts";
import { buildReport, compareReports } from "./report.ts";
import { findPreviousReport, reportStamp, writeReportFiles } from "./reportFiles.ts";
import { runSessions } from "./runner.ts";
import { createTruthSource } from "./truth.ts";

const log = createLogger("info", { component: "eval" });

/** `npm run eval`: fresh seeded database, the compiled graph in process, scores and reports. */
async function main(args: EvalArgs): Promise<number> {
  const started = new Date();
  const overrides = providerEnv(args.provider, process.env);
  const { apiKey, warning } = langsmithPlan(args.langsmith, process.env);
  if (!apiKey) {
    // No upload asked for (or no key): keep LangChain's own tracing off too, so nothing goes out.
    process.env.LANGSMITH_TRACING = "false";
    process.env.LANGCHAIN_TRACING_V2 = "false";
  }
  if (warning) log.warn(warning);

  const env = loadEnv({
    ...process.env,
    ...overrides,
    DATABASE_URL: "",
    CACHE_TTL_SECONDS: "0",
    LOG_LEVEL: "error",
    BUSINESS_TZ: args.timeZone,
  });
  let cases = loadSplit(args.split);
  if (args.limit) cases = cases.slice(0, args.limit);
  const sessions = toSessions(cases);
  let planCases = loadPlanSplit(args.split);
  if (args.limit) planCases = planCases.slice(0, args.limit);
  const planSessions = toSessions(planCases);

  const fresh = args.databaseUrl
    ? await freshServerDatabase(args.databaseUrl)
    : await freshEmbeddedDatabase();
  // A fixed clock: "today" is the same day for Milhena, the seeder and the truths, and the labelled
  // dates of the datasets ("il 3 novembre", "last weekend") mean what their authors computed.
  const now = new Date(args.now);
  log.info(
    {
      split: args.split,
      provider: args.provider,
      cases: cases.length,
      planCases: planCases.length,
      database: fresh.database.kind,
      now: now.toISOString(),
      timeZone: env.BUSINESS_TZ,
    },
    "eval.start",
  );
  try {
    const runtime = await createMilhenaRuntime(env, {
      database: fresh.database,
      clock: () => now,
      logger: createLogger(env.LOG_LEVEL),
    });
    const pool = fresh.database.pool;
    const seeding = createProgressBar("Seeding demo executions");
    await seedDemo(pool, {
      n8nSchema: env.N8N_SCHEMA,
      executions: args.executions,
      days: args.days,
      seed: args.seed,
      now,
      onProgress: (done, total) => seeding.update(done, total),
    });
    seeding.finish();
    const etl = createProgressBar("Preparing business data");
    await runEtl(pool, {
      n8nSchema: env.N8N_SCHEMA,
      appSchema: env.MILHENA_SCHEMA,
      timeZone: env.BUSINESS_TZ,
      onProgress: (done, total) => etl.update(done, total),
    });
    etl.finish();

    const truth = createTruthSource(pool, { schema: env.N8N_SCHEMA, timeZone: env.BUSINESS_TZ, now });
    const bar = createProgressBar(`Evaluating ${args.split}`);
    let misses = 0;
    const results = await runSessions(sessions, {
      ask: (question, threadId) => runtime.ask(question, { threadId, userId: "eval" }),
      truth,
      onCase: (r, done, total) => {
        if (r.failed.length) misses++;
        bar.update(done, total, `misses ${misses}`);
      },
    });
    bar.finish();

    await buildTruthFacts(pool, env.N8N_SCHEMA);
    const planTruth = createPlanTruth(pool, { n8n: env.N8N_SCHEMA, timeZone: env.BUSINESS_TZ, now });
    const planBar = createProgressBar(`Evaluating plans-${args.split}`);
    let planMisses = 0;
    const planResults = await runPlanSessions(planSessions, {
      ask: (question, threadId) => runtime.ask(question, { threadId: `plans-${threadId}`, userId: "eval" }),
      truth: planTruth,
      timeZone: env.BUSINESS_TZ,
      workflowsOfCategory: (c) => DEMO_WORKFLOWS.filter((w) => w.kind === c).map((w) => w.name),
      onCase: (r, done, total) => {
        if (r.failed.length) planMisses++;
        planBar.update(done, total, `misses ${planMisses}`);
      },
    });
    planBar.finish();
    const plans = buildPlanReport(planResults);

    const versions = promptVersions();
    const report = buildReport(
      results,
      {
        split: args.split,
        provider: args.provider,
        promptVersions: versions,
        database: fresh.database.kind,
        seed: args.seed,
        executions: args.executions,
        days: args.days,
        now: now.toISOString(),
        timeZone: env.BUSINESS_TZ,
        startedAt: started.toISOString(),
        durationMs: Date.now() - started.getTime(),
      },
      plans,
    );
    const previous = findPreviousReport(args.reportsDir, args.split, args.provider);
    const comparison = previous ? compareReports(report, previous) : null;
    const files = writeReportFiles(
      args.reportsDir,
      reportStamp(started),
      report,
      renderHtmlReport(report, comparison),
    );

    if (apiKey) {
      const prefix = `milhena-${args.split}-${args.provider}-${promptVersionsTag(versions)}`;
      const uploaded = await runLangsmith(apiKey, {
        split: args.split,
        cases,
        results,
        experimentPrefix: prefix,
        metadata: { provider: args.provider, promptVersions: versions, seed: args.seed, split: args.split },
      });
      log.info(uploaded, "eval.langsmith");
    }

    const summary = Object.fromEntries(
      Object.entries(report.metrics).map(([k, r]) => [
        k,
        `${(r.rate * 100).toFixed(1)}% (${r.correct}/${r.total})`,
      ]),
    );
    process.stdout.write(
      JSON.stringify(
        {
          split: args.split,
          provider: args.provider,
          cases: report.cases,
          metrics: summary,
          numericWhenLabelled: report.numericWhenLabelled,
          plans: {
            cases: plans.cases,
            wrongAnswers: plans.wrongAnswers,
            metrics: Object.fromEntries(
              Object.entries(plans.metrics).map(([k, r]) => [
                k,
                `${(r.rate * 100).toFixed(1)}% (${r.correct}/${r.total})`,
              ]),
            ),
          },
          latencyMs: { p50: report.latency.p50, p95: report.latency.p95 },
          usage: report.usage,
          regressions: comparison?.regressions.length ?? null,
          reports: files,
        },
        null,
        2,
      ) + "\n",
    );
    await runtime.close();
    if (args.gate && (report.gate.length || plans.gate.length)) {
      for (const f of report.gate) process.stderr.write(`eval gate failed: ${describeGateFailure(f)}\n`);
      for (const f of plans.gate) process.stderr.write(`eval gate failed: ${describePlanGateFailure(f)}\n`);
      return 1;
    }
    if (args.gate) process.stderr.write("eval gate passed\n");
    return 0;
  } finally {
    await fresh.destroy();
  }
}

let args: EvalArgs;
try {
  args = parseEvalArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
try {
  process.exitCode = await main(args);
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  log.error({ error: message }, "eval.failed");
  process.stderr.write(`eval: ${message}\n`);
  process.exitCode = 1;
}
