import type pg from "pg";
import type { AppEnv } from "../config/env.ts";
import { createProgress } from "../config/progress.ts";
import { runEtl, type EtlResult } from "../tools/etl.ts";
import { seedDemo } from "./demo/seed.ts";
import type { N8nDdlVersion } from "./n8nDdl.ts";

/** Demo data written on the first run of the embedded default. */
export const FIRST_RUN_DEMO = { executions: 20_000, days: 35, seed: 42 } as const;

export interface DemoSize {
  readonly executions: number;
  readonly days: number;
  readonly seed: number;
  /** n8n's real DDL of this line for the tables (db/n8nDdl.ts). */
  readonly ddl?: N8nDdlVersion;
}

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

/** Writes demo n8n data with a progress line on stderr. */
export async function seedWithProgress(pool: pg.Pool, env: AppEnv, size: DemoSize) {
  const progress = createProgress("Seeding demo executions");
  const result = await seedDemo(pool, {
    n8nSchema: env.N8N_SCHEMA,
    ...size,
    now: new Date(),
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.finish();
  return result;
}

/** Brings the business tables up to date with n8n, with a progress line on stderr. */
export async function etlWithProgress(
  pool: pg.Pool,
  env: AppEnv,
  label = "Preparing business data",
): Promise<EtlResult> {
  const progress = createProgress(label);
  const result = await runEtl(pool, {
    n8nSchema: env.N8N_SCHEMA,
    n8nTablePrefix: env.N8N_TABLE_PREFIX,
    appSchema: env.MILHENA_SCHEMA,
    timeZone: env.BUSINESS_TZ,
    storagePath: env.N8N_STORAGE_PATH,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.finish();
  return result;
}

/** Seeds demo n8n data (with progress) when the database has none, then brings the business tables up to date. */
export async function ensureDemoData(pool: pg.Pool, env: AppEnv): Promise<boolean> {
  if (await hasN8nData(pool, env.N8N_SCHEMA)) return false;
  process.stderr.write("First run: creating demo automation data (one time only)…\n");
  await seedWithProgress(pool, env, FIRST_RUN_DEMO);
  await etlWithProgress(pool, env);
  return true;
}
