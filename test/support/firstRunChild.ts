/**
 * The first-run path of `npm start` / `npm run serve` without the assistant around it, for tests that
 * kill it part-way: opens the database the environment names (DATABASE_URL, else the embedded one in
 * MILHENA_DATA_DIR), migrates, and runs ensureDemoData with the demo size and clock given as JSON in
 * argv[2] (`{ "demo": { "executions", "days", "seed" }, "now": ISO }`). Progress goes to stderr.
 */
import { loadEnv } from "../../config/env.ts";
import { openDatabase } from "../../db/database.ts";
import { ensureDemoData, type DemoSize } from "../../db/demoData.ts";
import { migrate } from "../../db/migrate.ts";

const args = JSON.parse(process.argv[2] ?? "{}") as { demo: DemoSize; now: string };
const env = loadEnv({ ...process.env, LOG_LEVEL: "error" });
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MILHENA_DATA_DIR });
try {
  await migrate(db.pool, { app: env.MILHENA_SCHEMA, n8n: env.N8N_SCHEMA });
  const seeded = await ensureDemoData(db.pool, env, { demo: args.demo, now: new Date(args.now) });
  process.stdout.write(JSON.stringify({ seeded }) + "\n");
} finally {
  await db.close();
}
