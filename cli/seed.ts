import { loadEnv } from "../config/env.ts";
import { createProgress } from "../config/progress.ts";
import { openDatabase } from "../db/database.ts";
import { seedDemo } from "../db/demo/seed.ts";
import { migrate } from "../db/migrate.ts";
import { runEtl } from "../tools/etl.ts";
import { parseSeedArgs } from "./seedArgs.ts";

async function main() {
  const args = parseSeedArgs(process.argv.slice(2));
  const env = loadEnv();
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MILHENA_DATA_DIR });
  try {
    await migrate(db.pool, { app: env.MILHENA_SCHEMA, n8n: env.N8N_SCHEMA });
    const seeding = createProgress("Seeding demo executions");
    const started = Date.now();
    const seeded = await seedDemo(db.pool, {
      n8nSchema: env.N8N_SCHEMA,
      executions: args.executions,
      days: args.days,
      seed: args.seed,
      now: new Date(),
      onProgress: (done, total) => seeding.update(done, total),
    });
    seeding.finish();
    // A reseed replaces n8n's rows: rebuild the business tables from scratch.
    await db.pool.query(
      `TRUNCATE ${env.MILHENA_SCHEMA}.business_execution_data, ${env.MILHENA_SCHEMA}.business_metrics, ${env.MILHENA_SCHEMA}.etl_state, ${env.MILHENA_SCHEMA}.answer_cache`,
    );
    const etl = createProgress("Preparing business data");
    const result = await runEtl(db.pool, {
      n8nSchema: env.N8N_SCHEMA,
      appSchema: env.MILHENA_SCHEMA,
      timeZone: env.BUSINESS_TZ,
      onProgress: (done, total) => etl.update(done, total),
    });
    etl.finish();
    process.stdout.write(
      `Seeded ${seeded.workflows} workflows and ${seeded.executions.toLocaleString("en")} executions over ${args.days} days ` +
        `(${db.kind === "pglite" ? "embedded database" : "PostgreSQL"}); business data for ${result.processed.toLocaleString("en")} executions ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
