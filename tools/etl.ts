import type pg from "pg";
import { readDataWatermark } from "./dataWatermark.ts";
import { categoryOf, extractFacts, type BusinessCategory } from "./etl/extract.ts";

export interface EtlOptions {
  readonly n8nSchema: string;
  readonly appSchema: string;
  /** Calendar days of business_metrics are days in this time zone. */
  readonly timeZone: string;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface EtlResult {
  readonly processed: number;
  readonly watermark: number;
}

const STATE_NAME = "n8n_executions";
const UNFINISHED = ["new", "running", "waiting", "unknown"];

interface ExecutionRow {
  id: number;
  workflow_id: string;
  workflow_name: string;
  nodes: unknown;
  status: string;
  started_at: Date | null;
  stopped_at: Date | null;
  deleted: boolean;
  data: string | null;
}

interface EtlState {
  lastExecutionId: number;
  sourceWatermark: string;
  timeZone: string;
}

async function readState(pool: pg.Pool, app: string): Promise<EtlState> {
  const { rows } = await pool.query<{
    last_execution_id: number;
    source_watermark: string;
    time_zone: string;
  }>(`SELECT last_execution_id, source_watermark, time_zone FROM ${app}.etl_state WHERE name = $1`, [
    STATE_NAME,
  ]);
  const row = rows[0];
  return row
    ? {
        lastExecutionId: row.last_execution_id,
        sourceWatermark: row.source_watermark,
        timeZone: row.time_zone,
      }
    : { lastExecutionId: 0, sourceWatermark: "", timeZone: "" };
}

/**
 * True when n8n's data changed since the last run (new, finished or deleted executions) or the
 * business time zone changed: three index lookups and one row.
 */
export async function etlIsStale(
  pool: pg.Pool,
  options: Pick<EtlOptions, "n8nSchema" | "appSchema" | "timeZone">,
): Promise<boolean> {
  const state = await readState(pool, options.appSchema);
  return (
    state.timeZone !== options.timeZone ||
    state.sourceWatermark !== (await readDataWatermark(pool, options.n8nSchema))
  );
}

function nodeTypesOf(nodes: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (Array.isArray(nodes)) {
    for (const node of nodes as unknown[]) {
      if (typeof node === "object" && node !== null && "name" in node && "type" in node) {
        const { name, type } = node;
        if (typeof name === "string" && typeof type === "string") map.set(name, type);
      }
    }
  }
  return map;
}

/**
 * Incremental, idempotent ETL from n8n's tables into Milhena's business tables. Reads n8n with SELECT
 * only; processes executions above the watermark in batches; keeps the watermark below any execution
 * still running so it is read again once finished; upserts facts; recomputes the daily metrics of the
 * days it touched; and marks executions n8n soft-deleted since.
 */
export async function runEtl(pool: pg.Pool, options: EtlOptions): Promise<EtlResult> {
  const { n8nSchema: n8n, appSchema: app, timeZone } = options;
  const batchSize = options.batchSize ?? 2000;
  const state = await readState(pool, app);
  // Read before processing: whatever arrives meanwhile makes the next check stale again.
  const sourceWatermark = await readDataWatermark(pool, n8n);
  const start = state.lastExecutionId;
  const { rows: totals } = await pool.query<{ total: number }>(
    `SELECT count(*) AS total FROM ${n8n}.execution_entity WHERE id > $1`,
    [start],
  );
  const total = totals[0]?.total ?? 0;
  const categories = new Map<string, { category: BusinessCategory; types: Map<string, string> }>();
  const touchedDays = new Set<string>();
  let cursor = start;
  let watermark = start;
  let blocked = false; // an unfinished execution holds the watermark back
  let processed = 0;
  options.onProgress?.(0, total);

  for (;;) {
    const { rows } = await pool.query<ExecutionRow>(
      `SELECT e.id, e."workflowId" AS workflow_id, w.name AS workflow_name, w.nodes, e.status,
              e."startedAt" AS started_at, e."stoppedAt" AS stopped_at, e."deletedAt" IS NOT NULL AS deleted, d.data
         FROM ${n8n}.execution_entity e
         JOIN ${n8n}.workflow_entity w ON w.id = e."workflowId"
         LEFT JOIN ${n8n}.execution_data d ON d."executionId" = e.id
        WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
      [cursor, batchSize],
    );
    if (rows.length === 0) break;
    const facts = rows.map((r) => {
      let wf = categories.get(r.workflow_id);
      if (!wf) {
        const types = nodeTypesOf(r.nodes);
        wf = { category: categoryOf([...types.values()]), types };
        categories.set(r.workflow_id, wf);
      }
      const extracted = r.data
        ? extractFacts(r.data, wf.category, wf.types)
        : extractFacts("", wf.category, wf.types);
      return { row: r, category: wf.category, extracted };
    });
    await pool.query(
      `INSERT INTO ${app}.business_execution_data AS b
         (execution_id, workflow_id, workflow_name, category, status, started_at, stopped_at, deleted,
          email_sender, email_subject, ai_reply, order_id, order_amount, order_currency, error_message, error_node, updated_at)
       SELECT *, now() FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
              $7::timestamptz[], $8::bool[], $9::text[], $10::text[], $11::text[], $12::text[], $13::numeric[],
              $14::text[], $15::text[], $16::text[])
       ON CONFLICT (execution_id) DO UPDATE SET
         workflow_name = EXCLUDED.workflow_name, category = EXCLUDED.category, status = EXCLUDED.status,
         started_at = EXCLUDED.started_at, stopped_at = EXCLUDED.stopped_at, deleted = EXCLUDED.deleted,
         email_sender = EXCLUDED.email_sender, email_subject = EXCLUDED.email_subject, ai_reply = EXCLUDED.ai_reply,
         order_id = EXCLUDED.order_id, order_amount = EXCLUDED.order_amount, order_currency = EXCLUDED.order_currency,
         error_message = EXCLUDED.error_message, error_node = EXCLUDED.error_node, updated_at = now()`,
      [
        facts.map((f) => f.row.id),
        facts.map((f) => f.row.workflow_id),
        facts.map((f) => f.row.workflow_name),
        facts.map((f) => f.category),
        facts.map((f) => f.row.status),
        facts.map((f) => f.row.started_at),
        facts.map((f) => f.row.stopped_at),
        facts.map((f) => f.row.deleted),
        facts.map((f) => f.extracted.emailSender),
        facts.map((f) => f.extracted.emailSubject),
        facts.map((f) => f.extracted.aiReply),
        facts.map((f) => f.extracted.orderId),
        facts.map((f) => f.extracted.orderAmount),
        facts.map((f) => f.extracted.orderCurrency),
        facts.map((f) => f.extracted.errorMessage),
        facts.map((f) => f.extracted.errorNode),
      ],
    );
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
  if (state.timeZone !== timeZone) {
    // Days are calendar days in the business time zone: a new zone means new days everywhere.
    await pool.query(`DELETE FROM ${app}.business_metrics`);
    const { rows: allDays } = await pool.query<{ day: string }>(
      `SELECT DISTINCT to_char((started_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day
         FROM ${app}.business_execution_data WHERE started_at IS NOT NULL`,
    );
    for (const r of allDays) touchedDays.add(r.day);
  }
  if (touchedDays.size > 0) await refreshMetrics(pool, app, timeZone, [...touchedDays]);
  await pool.query(
    `INSERT INTO ${app}.etl_state (name, last_execution_id, source_watermark, time_zone, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (name) DO UPDATE SET last_execution_id = EXCLUDED.last_execution_id,
       source_watermark = EXCLUDED.source_watermark, time_zone = EXCLUDED.time_zone, updated_at = now()`,
    [STATE_NAME, watermark, blocked ? "" : sourceWatermark, timeZone],
  );
  return { processed, watermark };
}

/**
 * Recomputes business_metrics for the local days around the touched UTC dates (a UTC date overlaps
 * two local days in any time zone).
 */
async function refreshMetrics(pool: pg.Pool, app: string, timeZone: string, utcDays: string[]) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const dayList = `SELECT DISTINCT d::date + k AS day FROM unnest($1::date[]) AS d, generate_series(-1, 1) AS k`;
    await client.query(`DELETE FROM ${app}.business_metrics WHERE day IN (${dayList})`, [utcDays]);
    await client.query(
      `INSERT INTO ${app}.business_metrics
         (day, workflow_id, workflow_name, runs, successes, failures, emails, replies, orders, order_amount,
          failed_orders, timed_runs, seconds_total)
       SELECT (started_at AT TIME ZONE $2)::date AS day, workflow_id, max(workflow_name), count(*),
              count(*) FILTER (WHERE status = 'success'),
              count(*) FILTER (WHERE status IN ('error', 'crashed')),
              count(*) FILTER (WHERE category = 'email' AND email_sender IS NOT NULL),
              count(*) FILTER (WHERE category = 'email' AND email_sender IS NOT NULL AND coalesce(ai_reply, '') <> ''),
              count(*) FILTER (WHERE category = 'order' AND order_id IS NOT NULL),
              coalesce(sum(order_amount) FILTER (WHERE category = 'order' AND status = 'success'), 0),
              count(*) FILTER (WHERE category = 'order' AND order_id IS NOT NULL AND status IN ('error', 'crashed')),
              count(stopped_at),
              coalesce(sum(EXTRACT(EPOCH FROM (stopped_at - started_at))), 0)
         FROM ${app}.business_execution_data
        WHERE NOT deleted AND started_at IS NOT NULL
          AND started_at >= (SELECT min(d) FROM unnest($1::date[]) AS d) - interval '2 days'
          AND started_at < (SELECT max(d) FROM unnest($1::date[]) AS d) + interval '3 days'
          AND (started_at AT TIME ZONE $2)::date IN (${dayList})
        GROUP BY 1, 2`,
      [utcDays, timeZone],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
