import { loadEnv } from "../config/env.ts";
import { createProgress } from "../config/progress.ts";
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { runEtl } from "../tools/etl.ts";

/** `npm run etl`: brings Milhena's business tables up to date with n8n (incremental, idempotent). */
async function main() {
  if (process.argv.length > 2) throw new Error("Usage: npm run etl (no arguments)");
  const env = loadEnv();
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MILHENA_DATA_DIR });
  try {
    await migrate(db.pool, { app: env.MILHENA_SCHEMA, n8n: env.N8N_SCHEMA });
    const progress = createProgress("Updating business data");
    const result = await runEtl(db.pool, {
      n8nSchema: env.N8N_SCHEMA,
      appSchema: env.MILHENA_SCHEMA,
      timeZone: env.BUSINESS_TZ,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.finish();
    process.stdout.write(
      `Processed ${result.processed.toLocaleString("en")} new executions; up to date through execution ${result.watermark}.\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
