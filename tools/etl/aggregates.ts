import type pg from "pg";

/** Which local days to rebuild: those around some UTC dates, or every day. */
export type DaySelection = { readonly utcDays: readonly string[] } | "all";

const FAILED = `f.status IN ('error', 'crashed')`;
const EMAIL = `f.category = 'email' AND f.email_sender IS NOT NULL`;
const REPLY = `${EMAIL} AND coalesce(f.ai_reply, '') <> ''`;
const ORDER = `f.category = 'order' AND f.order_id IS NOT NULL`;
const VALUED = `${ORDER} AND f.order_amount IS NOT NULL`;
const LEAD = `f.category = 'lead' AND f.lead_contact IS NOT NULL`;
const SECONDS = `GREATEST(0, EXTRACT(EPOCH FROM (f.stopped_at - f.started_at)))`;
const LOCAL = `(f.started_at AT TIME ZONE $1)`;

/**
 * Rebuilds the semantic layer's aggregates for the selected local days from the facts table, in one
 * transaction: hourly counts per workflow and currency, daily emails per sender, daily failures per
 * cause. A UTC date overlaps two local days in any time zone, so the days around it are rebuilt too.
 */
export async function refreshAggregates(
  pool: pg.Pool,
  app: string,
  timeZone: string,
  days: DaySelection,
): Promise<void> {
  const facts = `${app}.business_execution_data`;
  const all = days === "all";
  const utcDays = all ? [] : [...days.utcDays];
  if (!all && utcDays.length === 0) return;
  const dayList = (p: string) =>
    `SELECT DISTINCT d::date + k AS day FROM unnest(${p}::date[]) AS d, generate_series(-1, 1) AS k`;

  // Facts of the selected days only: a cheap instant range first, the exact local day second.
  const factsWhere = all
    ? `NOT f.deleted AND f.started_at IS NOT NULL`
    : `NOT f.deleted AND f.started_at IS NOT NULL
       AND f.started_at >= (SELECT min(d) FROM unnest($2::date[]) AS d) - interval '2 days'
       AND f.started_at < (SELECT max(d) FROM unnest($2::date[]) AS d) + interval '3 days'
       AND ${LOCAL}::date IN (${dayList("$2")})`;
  const params: unknown[] = all ? [timeZone] : [timeZone, utcDays];
  const tables = ["business_hourly", "business_senders_daily", "business_errors_daily"];

  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (const table of tables) {
      if (all) await client.query(`DELETE FROM ${app}.${table}`);
      else await client.query(`DELETE FROM ${app}.${table} WHERE day IN (${dayList("$1")})`, [utcDays]);
    }
    await client.query(
      `INSERT INTO ${app}.business_hourly
         (day, hour, workflow_id, currency, workflow_name, runs, successes, failures, timed_runs, seconds_total,
          seconds_max, emails, replies, orders, orders_processed, orders_failed, orders_valued, amount_sum,
          amount_min, amount_max, leads)
       SELECT ${LOCAL}::date, EXTRACT(HOUR FROM ${LOCAL})::smallint, f.workflow_id,
              CASE WHEN ${VALUED} THEN coalesce(f.order_currency, '') ELSE '' END,
              max(f.workflow_name), count(*),
              count(*) FILTER (WHERE f.status = 'success'),
              count(*) FILTER (WHERE ${FAILED}),
              count(f.stopped_at),
              coalesce(sum(${SECONDS}), 0),
              max(${SECONDS}),
              count(*) FILTER (WHERE ${EMAIL}),
              count(*) FILTER (WHERE ${REPLY}),
              count(*) FILTER (WHERE ${ORDER}),
              count(*) FILTER (WHERE ${ORDER} AND f.status = 'success'),
              count(*) FILTER (WHERE ${ORDER} AND ${FAILED}),
              count(*) FILTER (WHERE ${VALUED}),
              coalesce(sum(f.order_amount) FILTER (WHERE ${VALUED}), 0),
              min(f.order_amount) FILTER (WHERE ${VALUED}),
              max(f.order_amount) FILTER (WHERE ${VALUED}),
              count(*) FILTER (WHERE ${LEAD})
         FROM ${facts} f WHERE ${factsWhere}
        GROUP BY 1, 2, 3, 4`,
      params,
    );
    await client.query(
      `INSERT INTO ${app}.business_senders_daily (day, workflow_id, sender, emails, replies)
       SELECT ${LOCAL}::date, f.workflow_id, f.email_sender, count(*), count(*) FILTER (WHERE ${REPLY})
         FROM ${facts} f WHERE ${factsWhere} AND ${EMAIL}
        GROUP BY 1, 2, 3`,
      params,
    );
    await client.query(
      `INSERT INTO ${app}.business_errors_daily (day, workflow_id, workflow_name, cause, failures)
       SELECT ${LOCAL}::date, f.workflow_id, max(f.workflow_name), coalesce(f.error_cause, 'other'), count(*)
         FROM ${facts} f WHERE ${factsWhere} AND ${FAILED}
        GROUP BY 1, 2, 4`,
      params,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
