import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../config/env.ts";
import { openEmbedded, type Database, type DatabaseKind } from "../../db/database.ts";
import { ensureDemoData } from "../../db/demoData.ts";
import { migrate } from "../../db/migrate.ts";
import { ensureN8nTables } from "../../db/n8nSchema.ts";
import { createTestDatabase, TEST_BACKENDS } from "../support/testDatabase.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHILD = path.join(ROOT, "test/support/firstRunChild.ts");
/** Three batches of the seeder and of the ETL (2,000 each), so that a kill after the first lands mid-way. */
const DEMO = { executions: 6_000, days: 14, seed: 7 };
const NOW = new Date("2026-11-18T12:00:00Z");
const env = loadEnv({ LOG_LEVEL: "error" });
const SCHEMAS = { app: env.MILHENA_SCHEMA, n8n: env.N8N_SCHEMA };

/** A fresh, empty database for one first run, reachable from a child process and from this one. */
interface Target {
  readonly childEnv: Record<string, string>;
  open(): Promise<Database>;
  destroy(): Promise<void>;
}

async function createTarget(kind: DatabaseKind): Promise<Target> {
  if (kind === "postgres") {
    const db = await createTestDatabase("postgres");
    await db.close();
    return {
      childEnv: { DATABASE_URL: db.connectionString, MILHENA_DATA_DIR: "unused" },
      open: () => db.reopen(),
      destroy: () => db.destroy(),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-first-run-"));
  const template = process.env.MILHENA_PGLITE_TEMPLATE;
  if (template && fs.existsSync(template)) fs.cpSync(template, dir, { recursive: true });
  return {
    childEnv: { DATABASE_URL: "", MILHENA_DATA_DIR: dir },
    open: () => openEmbedded(dir),
    destroy: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
}

interface Progress {
  readonly msg: string;
  readonly done: number;
  readonly total: number;
}

/** Runs the first-run path in a child process; SIGKILLs it at the first progress line `killAt` accepts. */
function firstRunInChild(target: Target, killAt: (p: Progress) => boolean) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CHILD, JSON.stringify({ demo: DEMO, now: NOW.toISOString() })],
    { cwd: ROOT, env: { ...process.env, ...target.childEnv }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let killedAt: Progress | null = null;
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr }).on("line", (line) => {
    stderr.push(line);
    if (killedAt || !line.startsWith("{")) return;
    const progress = JSON.parse(line) as Progress;
    if (typeof progress.done === "number" && killAt(progress)) {
      killedAt = progress;
      child.kill("SIGKILL");
    }
  });
  return new Promise<{ signal: NodeJS.Signals | null; killedAt: Progress | null; stderr: string }>(
    (resolve, reject) => {
      child.once("error", reject);
      child.once("close", (_code, signal) => resolve({ signal, killedAt, stderr: stderr.join("\n") }));
    },
  );
}

const midway = (msg: string) => (p: Progress) => p.msg === msg && p.done > 0 && p.done < p.total;

/** Everything the first run writes, as counts and digests (ordered, so equal means the same rows). */
async function fingerprint(db: Database) {
  const { n8n, app } = SCHEMAS;
  const { rows } = await db.pool.query<Record<string, string | number | null>>(
    `SELECT (SELECT count(*)::int FROM ${n8n}.execution_entity) AS executions,
            (SELECT count(*)::int FROM ${n8n}.execution_data) AS execution_data,
            (SELECT count(*)::int FROM ${n8n}.workflow_entity) AS workflows,
            (SELECT md5(string_agg(concat_ws('|', id, "workflowId", status, mode, "startedAt", "stoppedAt", "deletedAt"),
                                   ',' ORDER BY id)) FROM ${n8n}.execution_entity) AS entity_md5,
            (SELECT md5(string_agg(concat_ws('|', "executionId", data), ',' ORDER BY "executionId"))
               FROM ${n8n}.execution_data) AS data_md5,
            (SELECT md5(string_agg(concat_ws('|', id, name, active, "createdAt"), ',' ORDER BY id))
               FROM ${n8n}.workflow_entity) AS workflows_md5,
            (SELECT count(*)::int FROM ${app}.business_execution_data) AS facts,
            (SELECT md5(string_agg(concat_ws('|', execution_id, workflow_id, category, status, started_at, deleted,
                                             email_sender, order_amount, error_message), ',' ORDER BY execution_id))
               FROM ${app}.business_execution_data) AS facts_md5,
            (SELECT md5(string_agg(concat_ws('|', day, hour, workflow_id, currency, runs, successes, failures, emails,
                                             orders, amount_sum), ',' ORDER BY day, hour, workflow_id, currency))
               FROM ${app}.business_hourly) AS hourly_md5,
            (SELECT md5(string_agg(concat_ws('|', day, workflow_id, cause, failures), ',' ORDER BY day, workflow_id, cause))
               FROM ${app}.business_errors_daily) AS errors_md5`,
  );
  return rows[0]!;
}

describe.each(TEST_BACKENDS)("a first run killed part-way, on %s", (kind) => {
  /** What an uninterrupted first run of DEMO writes. */
  let clean: Awaited<ReturnType<typeof fingerprint>>;
  const cleanups: (() => Promise<void>)[] = [];

  const target = async () => {
    const t = await createTarget(kind);
    cleanups.push(() => t.destroy());
    return t;
  };
  const opened = async (t: Target) => {
    const db = await t.open();
    cleanups.unshift(() => db.close());
    return db;
  };

  beforeAll(async () => {
    const t = await createTarget(kind);
    try {
      const db = await t.open();
      try {
        await migrate(db.pool, SCHEMAS);
        expect(await ensureDemoData(db.pool, env, { demo: DEMO, now: NOW })).toBe(true);
        clean = await fingerprint(db);
        expect(await ensureDemoData(db.pool, env, { demo: DEMO, now: NOW })).toBe(false);
        expect(await fingerprint(db)).toEqual(clean);
      } finally {
        await db.close();
      }
    } finally {
      await t.destroy();
    }
    expect(clean.executions).toBe(DEMO.executions);
    expect(clean.facts).toBe(DEMO.executions);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
  });

  it("leaves no demo rows when killed mid-seed, and the next start seeds all of them", async () => {
    const t = await target();
    const run = await firstRunInChild(t, midway("Seeding demo executions"));
    expect(run.signal, run.stderr).toBe("SIGKILL");
    expect(run.killedAt!.done).toBeLessThan(DEMO.executions);

    const db = await opened(t);
    const after = await fingerprint(db);
    // All or nothing: the batches written before the kill were never committed.
    expect(after.executions).toBe(0);
    expect(after.workflows).toBe(0);
    expect(await ensureDemoData(db.pool, env, { demo: DEMO, now: NOW })).toBe(true);
    expect(await fingerprint(db)).toEqual(clean);
  }, 180_000);

  it("finishes the business tables on the next start when killed during the first ETL", async () => {
    const t = await target();
    const run = await firstRunInChild(t, midway("Preparing business data"));
    expect(run.signal, run.stderr).toBe("SIGKILL");

    const db = await opened(t);
    const after = await fingerprint(db);
    expect(after.executions).toBe(clean.executions);
    expect(after.entity_md5).toBe(clean.entity_md5);
    expect(after.facts).toBeLessThan(clean.facts as number);
    // The seed is complete, so it is kept; the ETL, never completed, runs again from its last state.
    expect(await ensureDemoData(db.pool, env, { demo: DEMO, now: NOW })).toBe(false);
    expect(await fingerprint(db)).toEqual(clean);
  }, 180_000);

  it("never seeds over workflows it did not write", async () => {
    const t = await target();
    const db = await opened(t);
    await migrate(db.pool, SCHEMAS);
    await ensureN8nTables(db.pool, SCHEMAS.n8n);
    await db.pool.query(
      `INSERT INTO ${SCHEMAS.n8n}.workflow_entity (id, name, active, nodes, connections)
       VALUES ('RealWorkflow0001', 'A real workflow', true, '[]', '{}')`,
    );
    expect(await ensureDemoData(db.pool, env, { demo: DEMO, now: NOW })).toBe(false);
    const after = await fingerprint(db);
    expect(after.workflows).toBe(1);
    expect(after.executions).toBe(0);
  }, 60_000);
});
