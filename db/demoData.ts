import type pg from "pg";
import type { AppEnv } from "../config/env.ts";
import { seedDemo } from "./demo/seed.ts";
import { runEtl } from "../tools/etl.ts";
import { createProgress } from "../config/progress.ts";

/** Demo data written on the first run of the embedded default. */
export const FIRST_RUN_DEMO = { executions: 20_000, days: 35, seed: 42 } as const;

async function hasN8nData(pool: pg.Pool, schema: string): Promise<boolean> {
  const { rows } = await pool.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    `${schema}.execution_entity`,
  ]);
  if (!rows[0]?.present) return false;
  const count = await pool.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${schema}.execution_entity) AS any`,
  );
  return count.rows[0]?.any ?? false;
}

/** Seeds demo n8n data (with progress) when the database has none, then brings the business tables up to date. */
export async function ensureDemoData(pool: pg.Pool, env: AppEnv): Promise<boolean> {
  if (await hasN8nData(pool, env.N8N_SCHEMA)) return false;
  process.stderr.write("First run: creating demo automation data (one time only)…\n");
  const seeding = createProgress("Seeding demo executions");
  await seedDemo(pool, {
    n8nSchema: env.N8N_SCHEMA,
    executions: FIRST_RUN_DEMO.executions,
    days: FIRST_RUN_DEMO.days,
    seed: FIRST_RUN_DEMO.seed,
    now: new Date(),
    onProgress: (done, total) => seeding.update(done, total),
  });
  seeding.finish();
  const etl = createProgress("Preparing business data");
  await runEtl(pool, {
    n8nSchema: env.N8N_SCHEMA,
    appSchema: env.MILHENA_SCHEMA,
    timeZone: env.BUSINESS_TZ,
    onProgress: (done, total) => etl.update(done, total),
  });
  etl.finish();
  return true;
}
