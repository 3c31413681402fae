import type pg from "pg";
import type { Category } from "../../graph/plan.ts";
import type { ExtractedFacts } from "./extract.ts";
import type { N8nExecutionRow } from "../n8n/executionQueries.ts";

/** One execution's row of `business_execution_data`. */
export interface FactRow {
  readonly row: Omit<N8nExecutionRow, "data" | "stored_at">;
  readonly workflowName: string;
  readonly category: Category;
  readonly facts: ExtractedFacts;
  /** n8n kept the execution's data outside the database and it could not be read. */
  readonly unread: boolean;
}

/** Inserts or updates the facts of some executions (one statement per batch). */
export async function upsertFacts(pool: pg.Pool, app: string, rows: readonly FactRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (f: FactRow) => T) => rows.map(pick);
  await pool.query(
    `INSERT INTO ${app}.business_execution_data AS b
       (execution_id, workflow_id, workflow_name, category, status, started_at, stopped_at, deleted,
        email_sender, email_subject, ai_reply, order_id, order_amount, order_currency, lead_contact,
        error_message, error_node, error_cause, data_unread, updated_at)
     SELECT *, now() FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
            $7::timestamptz[], $8::bool[], $9::text[], $10::text[], $11::text[], $12::text[], $13::numeric[],
            $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::bool[])
     ON CONFLICT (execution_id) DO UPDATE SET
       workflow_name = EXCLUDED.workflow_name, category = EXCLUDED.category, status = EXCLUDED.status,
       started_at = EXCLUDED.started_at, stopped_at = EXCLUDED.stopped_at, deleted = EXCLUDED.deleted,
       email_sender = EXCLUDED.email_sender, email_subject = EXCLUDED.email_subject, ai_reply = EXCLUDED.ai_reply,
       order_id = EXCLUDED.order_id, order_amount = EXCLUDED.order_amount, order_currency = EXCLUDED.order_currency,
       lead_contact = EXCLUDED.lead_contact, error_message = EXCLUDED.error_message,
       error_node = EXCLUDED.error_node, error_cause = EXCLUDED.error_cause, data_unread = EXCLUDED.data_unread,
       updated_at = now()`,
    [
      column((f) => f.row.id),
      column((f) => f.row.workflow_id),
      column((f) => f.workflowName),
      column((f) => f.category),
      column((f) => f.row.status),
      column((f) => f.row.started_at),
      column((f) => f.row.stopped_at),
      column((f) => f.row.deleted),
      column((f) => f.facts.emailSender),
      column((f) => f.facts.emailSubject),
      column((f) => f.facts.aiReply),
      column((f) => f.facts.orderId),
      column((f) => f.facts.orderAmount),
      column((f) => f.facts.orderCurrency),
      column((f) => f.facts.leadContact),
      column((f) => f.facts.errorMessage),
      column((f) => f.facts.errorNode),
      column((f) => f.facts.errorCause),
      column((f) => f.unread),
    ],
  );
}

/** Marks executions n8n soft-deleted; returns the start times of those that changed. */
export async function markDeleted(pool: pg.Pool, app: string, ids: readonly number[]): Promise<Date[]> {
  if (ids.length === 0) return [];
  const { rows } = await pool.query<{ started_at: Date | null }>(
    `UPDATE ${app}.business_execution_data SET deleted = true, updated_at = now()
      WHERE execution_id = ANY($1::bigint[]) AND NOT deleted RETURNING started_at`,
    [ids],
  );
  return rows.flatMap((r) => (r.started_at ? [r.started_at] : []));
}

/** Removes the facts of executions n8n no longer has; returns the start times of those removed. */
export async function removeFacts(
  pool: pg.Pool,
  app: string,
  which: { readonly ids: readonly number[] } | { readonly below: number },
): Promise<Date[]> {
  const { rows } = await pool.query<{ started_at: Date | null }>(
    "ids" in which
      ? `DELETE FROM ${app}.business_execution_data WHERE execution_id = ANY($1::bigint[]) RETURNING started_at`
      : `DELETE FROM ${app}.business_execution_data WHERE execution_id < $1 RETURNING started_at`,
    ["ids" in which ? which.ids : which.below],
  );
  if ("ids" in which && which.ids.length > 0)
    await pool.query(`DELETE FROM ${app}.etl_pending WHERE execution_id = ANY($1::bigint[])`, [which.ids]);
  return rows.flatMap((r) => (r.started_at ? [r.started_at] : []));
}

/** Executions whose status may still change; they are read again by id on every run until they finish. */
export const UNFINISHED_STATUSES: ReadonlySet<string> = new Set(["new", "running", "waiting", "unknown"]);

/** Keeps `etl_pending` in step with the latest statuses read: unfinished ones in, finished ones out. */
export async function trackPending(
  pool: pg.Pool,
  app: string,
  rows: readonly Pick<N8nExecutionRow, "id" | "status">[],
): Promise<void> {
  const open = rows.filter((r) => UNFINISHED_STATUSES.has(r.status));
  const done = rows.filter((r) => !UNFINISHED_STATUSES.has(r.status)).map((r) => r.id);
  if (open.length > 0)
    await pool.query(
      `INSERT INTO ${app}.etl_pending (execution_id, status)
       SELECT * FROM unnest($1::bigint[], $2::text[])
       ON CONFLICT (execution_id) DO UPDATE SET status = EXCLUDED.status`,
      [open.map((r) => r.id), open.map((r) => r.status)],
    );
  if (done.length > 0)
    await pool.query(`DELETE FROM ${app}.etl_pending WHERE execution_id = ANY($1::bigint[])`, [done]);
}

export async function pendingIds(pool: pg.Pool, app: string): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT execution_id AS id FROM ${app}.etl_pending ORDER BY execution_id`,
  );
  return rows.map((r) => Number(r.id));
}
