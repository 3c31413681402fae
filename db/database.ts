import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { claimEmbeddedLock } from "./embeddedLock.ts";

export type DatabaseKind = "postgres" | "pglite";

/** One open database: a `pg` pool, whatever serves it. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly pool: pg.Pool;
  /** Connection string for other `pg` users in this process (e.g. the checkpointer). */
  readonly connectionString: string;
  /**
   * PostgreSQL only: the `application_name` every connection of this pool carries, unique to this
   * process, so a shutdown can find (and cancel) its own queries in `pg_stat_activity`. An
   * `application_name` given in the connection string takes precedence over it.
   */
  readonly applicationName?: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Pool size on a real PostgreSQL (PGlite is always 1). */
  maxConnections?: number;
}

/** Parses timestamps as Date, bigint counts as numbers (counts here stay far below 2^53). */
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

function poolFor(connectionString: string, max: number, applicationName?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: max === 1 ? 0 : 10_000,
    ...(applicationName ? { application_name: applicationName } : {}),
  });
  // An idle client's error (server gone) must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  return pool;
}

/**
 * `DATABASE_URL` → that PostgreSQL. Absent → an embedded PGlite stored under `dataDir`, served to the
 * same `pg` code over a loopback socket by pglite-socket (one backend, so a pool of one).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const applicationName = `milhena-${process.pid}-${randomBytes(4).toString("hex")}`;
    const pool = poolFor(options.databaseUrl, options.maxConnections ?? 10, applicationName);
    return {
      kind: "postgres",
      pool,
      connectionString: options.databaseUrl,
      applicationName,
      close: () => pool.end(),
    };
  }
  return openEmbedded(options.dataDir);
}

export { EmbeddedDatabaseInUseError } from "./embeddedLock.ts";

export async function openEmbedded(dataDir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const dir = path.resolve(dataDir, "pgdata");
  fs.mkdirSync(dir, { recursive: true });
  // PGlite keeps its files to itself: a second process opening them would corrupt them.
  const lock = claimEmbeddedLock(dataDir);
  const db = await PGlite.create(dir).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 1 });
  await server.start();
  const connectionString = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  const pool = poolFor(connectionString, 1);
  let closed = false;
  return {
    kind: "pglite",
    pool,
    connectionString,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
      await server.stop();
      await db.close();
      lock.release();
    },
  };
}
