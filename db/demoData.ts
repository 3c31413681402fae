import type pg from "pg";
import type { AppEnv } from "../config/env.ts";
import { createProgress } from "../config/progress.ts";
import { runEtl, type EtlResult } from "../tools/etl.ts";
import { readEtlState } from "../tools/etl/state.ts";
import { seedDemo } from "./demo/seed.ts";
import { DEMO_WORKFLOWS } from "./demo/workflows.ts";
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

export interface EnsureDemoOptions {
  /** What to seed on a first run (default FIRST_RUN_DEMO). */
  readonly demo?: DemoSize;
  /** The seed's clock (default: now). */
  readonly now?: Date;
}

const DEMO_WORKFLOW_IDS = DEMO_WORKFLOWS.map((w) => w.id);

/**
 * True when n8n's tables hold anything the demo seeder would replace that it did not write: any
 * execution, or any workflow that is not one of the demo workflows. The seed is one transaction, so
 * a seed that did not complete left no rows; demo workflows without executions are what an older,
 * non-transactional seed killed early left behind, and are seeded over.
 */
async function hasN8nData(pool: pg.Pool, schema: string): Promise<boolean> {
  const { rows } = await pool.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    `${schema}.execution_entity`,
  ]);
  if (!rows[0]?.present) return false;
  const found = await pool.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${schema}.execution_entity)
         OR EXISTS (SELECT 1 FROM ${schema}.workflow_entity WHERE NOT (id = ANY($1::text[]))) AS any`,
    [DEMO_WORKFLOW_IDS],
  );
  return found.rows[0]?.any ?? false;
}

/**
 * Writes demo n8n data with a progress line on stderr: all or nothing (one transaction), so a process
 * killed meanwhile leaves n8n's tables as they were.
 */
export async function seedWithProgress(pool: pg.Pool, env: AppEnv, size: DemoSize, now = new Date()) {
  const progress = createProgress("Seeding demo executions");
  const result = await seedDemo(pool, {
    n8nSchema: env.N8N_SCHEMA,
    ...size,
    now,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.finish();
  return result;
}

/**
 * Brings the business tables up to date with n8n, with a progress line on stderr. Incremental and
 * idempotent: a run killed part-way is redone from the last completed run's state.
 */
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

/**
 * Seeds demo n8n data (with progress) when the database has none, then brings the business tables up
 * to date. Safe to kill at any point: the seed is one transaction (a start after a killed seed finds no
 * data and seeds again), and a start after a killed first ETL, whose business tables were never
 * completed, runs it again with its progress line instead of leaving it to the first question.
 */
export async function ensureDemoData(
  pool: pg.Pool,
  env: AppEnv,
  options: EnsureDemoOptions = {},
): Promise<boolean> {
  if (await hasN8nData(pool, env.N8N_SCHEMA)) {
    if ((await readEtlState(pool, env.MILHENA_SCHEMA)).version === 0) await etlWithProgress(pool, env);
    return false;
  }
  process.stderr.write("First run: creating demo automation data (one time only)…\n");
  await seedWithProgress(pool, env, options.demo ?? FIRST_RUN_DEMO, options.now);
  await etlWithProgress(pool, env);
  return true;
}
