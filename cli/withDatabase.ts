import type { AppEnv } from "../config/env.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";

/** Opens the configured database, migrates it, runs `work`, and always closes it. */
export async function withDatabase<T>(env: AppEnv, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MILHENA_DATA_DIR });
  try {
    await migrate(db.pool, { app: env.MILHENA_SCHEMA, n8n: env.N8N_SCHEMA });
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Runs a command's `main`, printing a clear message (never a stack trace) and exiting 1 on failure. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
