import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, openEmbedded, type Database } from "../db/database.ts";

/** A database created for one eval run and removed when it ends. */
export interface FreshDatabase {
  readonly database: Database;
  destroy(): Promise<void>;
}

/** An embedded PGlite in a temporary directory (the offline default). */
export async function freshEmbeddedDatabase(): Promise<FreshDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-eval-"));
  const database = await openEmbedded(dir);
  return {
    database,
    destroy: async () => {
      await database.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new database on the server of `serverUrl` (created, then dropped after the run). */
export async function freshServerDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `milhena_eval_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused", maxConnections: 4 });
  return {
    database,
    destroy: async () => {
      await database.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
