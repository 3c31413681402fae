import { loadEnv } from "../config/env.ts";
import { etlWithProgress } from "../db/demoData.ts";
import { runCommand, withDatabase } from "./withDatabase.ts";

/** `npm run etl`: brings Milhena's business tables up to date with n8n (incremental, idempotent). */
runCommand(async () => {
  if (process.argv.length > 2) throw new Error("Usage: npm run etl (no arguments)");
  const env = loadEnv();
  await withDatabase(env, async (db) => {
    const result = await etlWithProgress(db.pool, env, "Updating business data");
    process.stdout.write(
      `Processed ${result.processed.toLocaleString("en")} new executions; up to date through execution ${result.watermark}.\n`,
    );
  });
});
