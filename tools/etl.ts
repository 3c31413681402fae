import type pg from "pg";
import { readDataWatermark } from "./dataWatermark.ts";
import { refreshAggregates } from "./etl/aggregates.ts";
import { extractFacts } from "./etl/extract.ts";
import { ETL_VERSION, readEtlState, writeEtlState } from "./etl/state.ts";
import { syncWorkflowProfiles, type KnownWorkflow } from "./etl/workflows.ts";

export interface EtlOptions {
  readonly n8nSchema: string;
  readonly appSchema: string;
  /** Calendar days and hours of the aggregates are local to this time zone. */
  readonly timeZone: string;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface EtlResult {
  readonly processed: number;
  readonly watermark: number;
}

const UNFINISHED = ["new", "running", "waiting", "unknown"];

interface ExecutionRow {
  id: number;
  workflow_id: string;
  workflow_name: string;
  status: string;
  started_at: Date | null;
  stopped_at: Date | null;
  deleted: boolean;
  data: string | null;
}

/**
 * True when n8n's data changed since the last run (new, finished or deleted executions), the
 * business time zone changed, or the ETL itself changed: three index lookups and one row.
 */
export async function etlIsStale(
  pool: pg.Pool,
  options: Pick<EtlOptions, "n8nSchema" | "appSchema" | "timeZone">,
  /** The data watermark when the caller has just read it. */
  known?: string,
): Promise<boolean> {
  const [state, watermark] = await Promise.all([
    readEtlState(pool, options.appSchema),
    known ?? readDataWatermark(pool, options.n8nSchema),
  ]);
  return (
    state.version !== ETL_VERSION ||
    state.timeZone !== options.timeZone ||
    state.sourceWatermark !== watermark
  );
}

const EMPTY_WORKFLOW: KnownWorkflow = { category: "other", services: [], nodeTypes: new Map() };

/**
 * Incremental, idempotent ETL from n8n's tables into Milhena's business tables. Reads n8n with SELECT
 * only; profiles every workflow (category, services); processes executions above the watermark in
 * batches, keeping the watermark below any execution still running so it is read again once
 * finished; upserts facts; rebuilds the aggregates of the days it touched; and marks executions n8n
 * soft-deleted since. A new time zone or a new ETL version rebuilds everything.
 */
export async function runEtl(pool: pg.Pool, options: EtlOptions): Promise<EtlResult> {
  const { n8nSchema: n8n, appSchema: app, timeZone } = options;
  const batchSize = options.batchSize ?? 2000;
  const state = await readEtlState(pool, app);
  const rebuild = state.version !== ETL_VERSION || state.timeZone !== timeZone;
  // Read before processing: whatever arrives meanwhile makes the next check stale again.
  const sourceWatermark = await readDataWatermark(pool, n8n);
  const start = state.version === ETL_VERSION ? state.lastExecutionId : 0;
  const workflows = await syncWorkflowProfiles(pool, n8n, app);
  const { rows: totals } = await pool.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM ${n8n}.execution_entity WHERE id > $1`,
    [start],
  );
  const total = totals[0]?.total ?? 0;
  const touchedDays = new Set<string>();
  let cursor = start;
  let watermark = start;
  let blocked = false; // an unfinished execution holds the watermark back
  let processed = 0;
  options.onProgress?.(0, total);

  for (;;) {
    const { rows } = await pool.query<ExecutionRow>(
      `SELECT e.id, e."workflowId" AS workflow_id, w.name AS workflow_name, e.status,
              e."startedAt" AS started_at, e."stoppedAt" AS stopped_at, e."deletedAt" IS NOT NULL AS deleted, d.data
         FROM ${n8n}.execution_entity e
         JOIN ${n8n}.workflow_entity w ON w.id = e."workflowId"
         LEFT JOIN ${n8n}.execution_data d ON d."executionId" = e.id
        WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
      [cursor, batchSize],
    );
    if (rows.length === 0) break;
    await upsertFacts(pool, app, rows, workflows);
    for (const r of rows) {
      if (!blocked && UNFINISHED.includes(r.status)) blocked = true;
      if (!blocked) watermark = r.id;
      if (r.started_at) touchedDays.add(r.started_at.toISOString().slice(0, 10));
    }
    cursor = rows[rows.length - 1]!.id;
    processed += rows.length;
    options.onProgress?.(processed, total);
  }

  const { rows: deletedNow } = await pool.query<{ started_at: Date | null }>(
    `UPDATE ${app}.business_execution_data b SET deleted = true, updated_at = now()
       FROM ${n8n}.execution_entity e
      WHERE e."deletedAt" IS NOT NULL AND e.id = b.execution_id AND NOT b.deleted
      RETURNING b.started_at`,
  );
  for (const r of deletedNow) if (r.started_at) touchedDays.add(r.started_at.toISOString().slice(0, 10));
  if (rebuild) await refreshAggregates(pool, app, timeZone, "all");
  else await refreshAggregates(pool, app, timeZone, { utcDays: [...touchedDays] });
  await writeEtlState(pool, app, {
    lastExecutionId: watermark,
    sourceWatermark: blocked ? "" : sourceWatermark,
    timeZone,
    version: ETL_VERSION,
  });
  return { processed, watermark };
}

async function upsertFacts(
  pool: pg.Pool,
  app: string,
  rows: readonly ExecutionRow[],
  workflows: ReadonlyMap<string, KnownWorkflow>,
): Promise<void> {
  const facts = rows.map((row) => {
    const wf = workflows.get(row.workflow_id) ?? EMPTY_WORKFLOW;
    return { row, category: wf.category, extracted: extractFacts(row.data ?? "", wf.category, wf.nodeTypes) };
  });
  const column = <T>(pick: (f: (typeof facts)[number]) => T) => facts.map(pick);
  await pool.query(
    `INSERT INTO ${app}.business_execution_data AS b
       (execution_id, workflow_id, workflow_name, category, status, started_at, stopped_at, deleted,
        email_sender, email_subject, ai_reply, order_id, order_amount, order_currency, lead_contact,
        error_message, error_node, error_cause, updated_at)
     SELECT *, now() FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
            $7::timestamptz[], $8::bool[], $9::text[], $10::text[], $11::text[], $12::text[], $13::numeric[],
            $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
     ON CONFLICT (execution_id) DO UPDATE SET
       workflow_name = EXCLUDED.workflow_name, category = EXCLUDED.category, status = EXCLUDED.status,
       started_at = EXCLUDED.started_at, stopped_at = EXCLUDED.stopped_at, deleted = EXCLUDED.deleted,
       email_sender = EXCLUDED.email_sender, email_subject = EXCLUDED.email_subject, ai_reply = EXCLUDED.ai_reply,
       order_id = EXCLUDED.order_id, order_amount = EXCLUDED.order_amount, order_currency = EXCLUDED.order_currency,
       lead_contact = EXCLUDED.lead_contact, error_message = EXCLUDED.error_message,
       error_node = EXCLUDED.error_node, error_cause = EXCLUDED.error_cause, updated_at = now()`,
    [
      column((f) => f.row.id),
      column((f) => f.row.workflow_id),
      column((f) => f.row.workflow_name),
      column((f) => f.category),
      column((f) => f.row.status),
      column((f) => f.row.started_at),
      column((f) => f.row.stopped_at),
      column((f) => f.row.deleted),
      column((f) => f.extracted.emailSender),
      column((f) => f.extracted.emailSubject),
      column((f) => f.extracted.aiReply),
      column((f) => f.extracted.orderId),
      column((f) => f.extracted.orderAmount),
      column((f) => f.extracted.orderCurrency),
      column((f) => f.extracted.leadContact),
      column((f) => f.extracted.errorMessage),
      column((f) => f.extracted.errorNode),
      column((f) => f.extracted.errorCause),
    ],
  );
}
