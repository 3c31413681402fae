import { loadEnv } from "../config/env.ts";
import { etlWithProgress, seedWithProgress } from "../db/demoData.ts";
import { parseSeedArgs } from "./seedArgs.ts";
import { runCommand, withDatabase } from "./withDatabase.ts";

/** `npm run seed -- --executions N --days D [--seed S]`: (re)writes demo n8n data, then the business tables. */
runCommand(async () => {
  const args = parseSeedArgs(process.argv.slice(2));
  const env = loadEnv();
  await withDatabase(env, async (db) => {
    const started = Date.now();
    // A reseed replaces n8n's rows: the business tables are rebuilt and cached answers forgotten. They
    // are emptied first, so a reseed killed part-way (the seed itself is all or nothing) leaves n8n's
    // rows as they were and a business layer that the next start rebuilds from them.
    const app = env.MILHENA_SCHEMA;
    await db.pool.query(
      `TRUNCATE ${app}.business_execution_data, ${app}.etl_pending, ${app}.etl_state, ${app}.answer_cache`,
    );
    const seeded = await seedWithProgress(db.pool, env, args);
    const result = await etlWithProgress(db.pool, env);
    process.stdout.write(
      `Seeded ${seeded.workflows} workflows and ${seeded.executions.toLocaleString("en")} executions over ${args.days} days ` +
        `(${db.kind === "pglite" ? "embedded database" : "PostgreSQL"}); business data for ${result.processed.toLocaleString("en")} executions ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  });
});
