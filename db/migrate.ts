import type pg from "pg";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { createMilhenaStore } from "../memory/store.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import type { Migration, MigrationSchemas } from "./migrations/types.ts";

const LOCK_KEY = "milhena.migrations";

export interface MigrateResult {
  applied: number[];
}

/**
 * Runs pending migrations and the checkpointer's and the store's `setup()` once, under a Postgres advisory lock so
 * that concurrent starts (several replicas, parallel tests) never race. On a pool of one connection
 * (embedded PGlite: one process, one backend) the lock is implied and not taken.
 */
export async function migrate(
  pool: pg.Pool,
  schemas: MigrationSchemas,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrateResult> {
  // Calls on the same pool in this process take turns (the advisory lock covers other processes).
  const previous = inProcess.get(pool) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => migrateLocked(pool, schemas, migrations));
  inProcess.set(pool, run);
  return run;
}

const inProcess = new WeakMap<pg.Pool, Promise<unknown>>();

async function migrateLocked(
  pool: pg.Pool,
  schemas: MigrationSchemas,
  migrations: readonly Migration[],
): Promise<MigrateResult> {
  const singleConnection = pool.options.max === 1;
  const lockClient = singleConnection ? null : await pool.connect();
  try {
    if (lockClient) await lockClient.query("SELECT pg_advisory_lock(hashtext($1))", [LOCK_KEY]);
    const applied = await applyPending(pool, schemas, migrations);
    await new PostgresSaver(pool, undefined, { schema: schemas.app }).setup();
    // The long-term store's tables (user memory), set up once like the checkpointer's.
    await createMilhenaStore(pool, schemas.app).setup();
    return { applied };
  } finally {
    if (lockClient) {
      await lockClient.query("SELECT pg_advisory_unlock(hashtext($1))", [LOCK_KEY]).catch(() => undefined);
      lockClient.release();
    }
  }
}

async function applyPending(
  pool: pg.Pool,
  schemas: MigrationSchemas,
  migrations: readonly Migration[],
): Promise<number[]> {
  const { app } = schemas;
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${app}`);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${app}.schema_migrations (
       version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const done = new Set(
    (await pool.query<{ version: number }>(`SELECT version FROM ${app}.schema_migrations`)).rows.map(
      (r) => r.version,
    ),
  );
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      for (const statement of migration.statements(schemas)) await client.query(statement);
      await client.query(`INSERT INTO ${app}.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      await client.query("COMMIT");
      applied.push(migration.version);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return applied;
}
