import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { readN8nSchemaInfo, type N8nSchemaInfo } from "../../tools/n8n/schemaInfo.ts";
import { readN8nDdl, type N8nDdlVersion } from "../n8nDdl.ts";
import { ensureN8nTables } from "../n8nSchema.ts";
import { generateExecutions, type DemoExecution } from "./executions.ts";
import { DEMO_WORKFLOWS, type DemoWorkflow } from "./workflows.ts";

export interface SeedOptions {
  readonly n8nSchema: string;
  /**
   * n8n's real DDL to create the tables with when they are missing (db/n8nDdl.ts); without it, the
   * minimal tables of n8nSchema.ts. On a 2.x DDL active workflows are published as n8n 2.x does.
   */
  readonly ddl?: N8nDdlVersion;
  readonly executions: number;
  readonly days: number;
  readonly seed: number;
  readonly now: Date;
  readonly onProgress?: (done: number, total: number) => void;
}

const BATCH = 2_000;

function connections(wf: DemoWorkflow) {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < wf.nodes.length; i++) {
    out[wf.nodes[i]!.name] = { main: [[{ node: wf.nodes[i + 1]!.name, type: "main", index: 0 }]] };
  }
  return out;
}

function nodesJson(wf: DemoWorkflow) {
  return wf.nodes.map((node, i) => ({
    id: `${wf.id.slice(0, 8)}-0000-4000-8000-${String(i).padStart(12, "0")}`,
    name: node.name,
    type: node.type,
    typeVersion: node.typeVersion,
    position: [i * 220, 300],
    parameters: {},
  }));
}

/** execution_data."workflowData": the workflow as it was when the execution ran. */
const WORKFLOW_DATA = new Map(
  DEMO_WORKFLOWS.map((w) => [
    w.id,
    JSON.stringify({ id: w.id, name: w.name, nodes: nodesJson(w), connections: connections(w) }),
  ]),
);

/** COPY on a pooled PostgreSQL; multi-row inserts on the embedded single-connection PGlite. */
function writerFor(pool: pg.Pool) {
  return pool.options.max === 1 ? insertBatch : copyBatch;
}

/**
 * Runs `work` in one transaction on one client of the pool, and nothing else: on the embedded PGlite
 * the pool holds one connection, so `work` must not query through the pool meanwhile.
 */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollback: unknown) => {
      broken = rollback instanceof Error ? rollback : new Error(String(rollback));
    });
    throw error;
  } finally {
    // A client whose ROLLBACK failed is in an unknown state: destroy it rather than pool it.
    client.release(broken);
  }
}

async function writeWorkflows(
  client: pg.PoolClient,
  schema: string,
  now: Date,
  days: number,
  info: N8nSchemaInfo,
) {
  const created = new Date(now.getTime() - (days + 30) * 86_400_000);
  for (const wf of DEMO_WORKFLOWS) {
    const versionId = `${wf.id.slice(0, 8).toLowerCase()}-1111-4111-8111-111111111111`.slice(0, 36);
    await client.query(
      `INSERT INTO ${schema}.workflow_entity
         (id, name, active, nodes, connections, settings, "versionId", "triggerCount", "isArchived", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      [
        wf.id,
        wf.name,
        wf.active,
        JSON.stringify(nodesJson(wf)),
        JSON.stringify(connections(wf)),
        JSON.stringify({ executionOrder: "v1" }),
        versionId,
        wf.active ? 1 : 0,
        wf.archived,
        created,
      ],
    );
    // n8n keeps every saved version; 2.x runs (and calls published) the one "activeVersionId" names.
    if (info.history)
      await client.query(
        `INSERT INTO ${schema}.workflow_history ("versionId", "workflowId", authors, nodes, connections, "createdAt", "updatedAt")
         VALUES ($1, $2, 'Milhena demo', $3, $4, $5, $5)`,
        [versionId, wf.id, JSON.stringify(nodesJson(wf)), JSON.stringify(connections(wf)), created],
      );
    if (info.line === "2.x" && info.activeVersionId && wf.active)
      await client.query(`UPDATE ${schema}.workflow_entity SET "activeVersionId" = $2 WHERE id = $1`, [
        wf.id,
        versionId,
      ]);
  }
}

/** Escapes a value for COPY's text format. */
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
}

/** COPY FROM STDIN, the fast path on a real PostgreSQL (PGlite's socket does not speak COPY). */
async function copyBatch(
  client: pg.PoolClient,
  schema: string,
  firstId: number,
  batch: readonly DemoExecution[],
) {
  const entity = batch.map(
    (e, i) =>
      [
        firstId + i,
        e.status === "success" ? "t" : "f",
        e.mode,
        e.status,
        e.workflowId,
        e.startedAt.toISOString(),
        e.stoppedAt.toISOString(),
        e.deletedAt ? e.deletedAt.toISOString() : "\\N",
        e.startedAt.toISOString(),
      ].join("\t") + "\n",
  );
  await pipeline(
    Readable.from(entity),
    client.query(
      copyFrom(
        `COPY ${schema}.execution_entity (id, finished, mode, status, "workflowId", "startedAt", "stoppedAt", "deletedAt", "createdAt") FROM STDIN`,
      ),
    ),
  );
  const data = batch.map(
    (e, i) => `${firstId + i}\t${copyText(WORKFLOW_DATA.get(e.workflowId)!)}\t${copyText(e.data)}\n`,
  );
  await pipeline(
    Readable.from(data),
    client.query(copyFrom(`COPY ${schema}.execution_data ("executionId", "workflowData", data) FROM STDIN`)),
  );
}

/** Writes one batch of executions with consecutive ids starting at `firstId` (one round trip per table). */
async function insertBatch(
  client: pg.PoolClient,
  schema: string,
  firstId: number,
  batch: readonly DemoExecution[],
) {
  const ids = batch.map((_, i) => firstId + i);
  await client.query(
    `INSERT INTO ${schema}.execution_entity
       (id, finished, mode, status, "workflowId", "startedAt", "stoppedAt", "deletedAt", "createdAt")
     SELECT id, status = 'success', mode, status, wf, started, stopped, deleted, started
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])
         AS t(id, mode, status, wf, started, stopped, deleted)`,
    [
      ids,
      batch.map((e) => e.mode),
      batch.map((e) => e.status),
      batch.map((e) => e.workflowId),
      batch.map((e) => e.startedAt),
      batch.map((e) => e.stoppedAt),
      batch.map((e) => e.deletedAt),
    ],
  );
  await client.query(
    `INSERT INTO ${schema}.execution_data ("executionId", "workflowData", data)
     SELECT id, wd::json, data FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, wd, data)`,
    [ids, batch.map((e) => WORKFLOW_DATA.get(e.workflowId)!), batch.map((e) => e.data)],
  );
}

async function tableExists(pool: pg.Pool, name: string): Promise<boolean> {
  const { rows } = await pool.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    name,
  ]);
  return rows[0]?.present ?? false;
}

async function nextExecutionId(client: pg.PoolClient, schema: string): Promise<number> {
  const { rows } = await client.query<{ max: number | null }>(
    `SELECT max(id) AS max FROM ${schema}.execution_entity`,
  );
  return (rows[0]?.max ?? 0) + 1;
}

async function syncSequence(client: pg.PoolClient, schema: string) {
  await client.query(
    `SELECT setval(pg_get_serial_sequence('${schema}.execution_entity', 'id'), coalesce(max(id), 0) + 1, false)
       FROM ${schema}.execution_entity`,
  );
}

/**
 * Plays n8n's part for demos and tests: (re)creates the n8n tables' demo content — the workflows of
 * `DEMO_WORKFLOWS` and `executions` executions over the last `days` days — deterministically from `seed`.
 * All or nothing: the rows are replaced in one transaction, so a process killed mid-seed leaves the
 * tables as they were (the tables themselves are created first, idempotently, and may stay empty).
 */
export async function seedDemo(
  pool: pg.Pool,
  options: SeedOptions,
): Promise<{ workflows: number; executions: number }> {
  const schema = options.n8nSchema;
  if (options.ddl && !(await tableExists(pool, `${schema}.workflow_entity`)))
    await pool.query(readN8nDdl(options.ddl, schema));
  else await ensureN8nTables(pool, schema);
  const info = await readN8nSchemaInfo(pool, { n8n: schema });
  const write = writerFor(pool);
  const done = await inTransaction(pool, async (client) => {
    await client.query(
      `TRUNCATE ${schema}.execution_data, ${schema}.execution_entity, ${schema}.workflow_entity RESTART IDENTITY CASCADE`,
    );
    await writeWorkflows(client, schema, options.now, options.days, info);
    let written = 0;
    options.onProgress?.(0, options.executions);
    for (const batch of generateExecutions(options, BATCH)) {
      await write(client, schema, written + 1, batch);
      written += batch.length;
      options.onProgress?.(written, options.executions);
    }
    await syncSequence(client, schema);
    return written;
  });
  return { workflows: DEMO_WORKFLOWS.length, executions: done };
}

export interface AppendOptions {
  readonly n8nSchema: string;
  readonly count: number;
  readonly now: Date;
  readonly seed: number;
}

/** Adds `count` executions that started in the minute before `now` (new activity arriving), all or none. */
export async function appendExecutions(pool: pg.Pool, options: AppendOptions): Promise<number> {
  return inTransaction(pool, async (client) => {
    const firstId = await nextExecutionId(client, options.n8nSchema);
    const since = new Date(options.now.getTime() - 60_000);
    let written = 0;
    for (const batch of generateExecutions(
      { executions: options.count, days: 1, seed: options.seed, now: options.now },
      BATCH,
    )) {
      const recent = batch.map((e) => ({
        ...e,
        startedAt: since,
        stoppedAt: options.now,
        deletedAt: null,
      }));
      await insertBatch(client, options.n8nSchema, firstId + written, recent);
      written += recent.length;
    }
    await syncSequence(client, options.n8nSchema);
    return written;
  });
}
