import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, openEmbedded, type Database, type DatabaseKind } from "../../db/database.ts";

/** Admin URL of the machine's PostgreSQL; each test database is created fresh there and dropped after. */
export const ADMIN_URL = process.env.MILHENA_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Backends the integration tests run on: both by default; narrowed with MILHENA_TEST_BACKENDS. */
export const TEST_BACKENDS: DatabaseKind[] = (process.env.MILHENA_TEST_BACKENDS ?? "pglite,postgres")
  .split(",")
  .map((s) => s.trim())
  .filter((s): s is DatabaseKind => s === "pglite" || s === "postgres");

export interface TestDatabase extends Database {
  /** Reopens the same database (a "process restart"); the previous handle must be closed first. */
  reopen(): Promise<Database>;
  destroy(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === "postgres" ? createPostgresDatabase() : createPgliteDatabase();
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `milhena_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = await openDatabase({ databaseUrl, dataDir: "unused", maxConnections: 5 });
  return {
    ...db,
    reopen: () => openDatabase({ databaseUrl, dataDir: "unused", maxConnections: 5 }),
    destroy: async () => {
      await db.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-pglite-"));
  const template = process.env.MILHENA_PGLITE_TEMPLATE;
  if (template && fs.existsSync(template)) fs.cpSync(template, dir, { recursive: true });
  const db = await openEmbedded(dir);
  return {
    ...db,
    reopen: () => openEmbedded(dir),
    destroy: async () => {
      await db.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
