/**
 * The fixed catalogue of business SQL. Every statement Milhena runs on business data is here, as a
 * constant text with positional parameters. Schema names come from validated configuration
 * (identifiers), never from user input or LLM output; values are always bound parameters.
 */
export interface SqlTemplate {
  readonly name: string;
  readonly text: string;
}

export interface CatalogueSchemas {
  readonly n8n: string;
  readonly app: string;
}

const FAILED = `status IN ('error', 'crashed')`;

/**
 * Run figures come from `business_metrics` (daily aggregates per workflow, kept current by the ETL
 * that runs before every data answer), so they cost the same at a thousand executions or a million.
 * Names are the workflows' current names in n8n. Windows are whole local days: $1 first, $2 last.
 */
export function createSqlCatalogue({ n8n, app }: CatalogueSchemas) {
  const workflows = `${n8n}.workflow_entity`;
  const facts = `${app}.business_execution_data`;
  const metrics = `${app}.business_metrics`;
  const daysInWindow = `m.day BETWEEN $1::date AND $2::date`;
  const factsInRange = `NOT deleted AND started_at >= $1 AND started_at < $2`;
  const t = (name: string, text: string): SqlTemplate => Object.freeze({ name, text });
  const byWorkflow = (select: string, where: string, order: string) =>
    `SELECT coalesce(w.name, max(m.workflow_name)) AS name, ${select}
       FROM ${metrics} m LEFT JOIN ${workflows} w ON w.id = m.workflow_id
      WHERE ${daysInWindow}
      GROUP BY m.workflow_id, w.name ${where}
      ORDER BY ${order}, 1`;

  return Object.freeze({
    /** $1 first day, $2 last day → one row of run counts and the average run time. */
    runCounts: t(
      "runCounts",
      `SELECT coalesce(sum(runs), 0) AS runs, coalesce(sum(successes), 0) AS successes,
              coalesce(sum(failures), 0) AS failures,
              sum(seconds_total) / NULLIF(sum(timed_runs), 0) AS average_seconds
         FROM ${metrics} m WHERE ${daysInWindow}`,
    ),
    /** $1 first day, $2 last day, $3 limit → workflows by runs. */
    busiestWorkflows: t(
      "busiestWorkflows",
      `${byWorkflow("sum(m.runs) AS count", "HAVING sum(m.runs) > 0", "2 DESC")} LIMIT $3`,
    ),
    /** $1 first day, $2 last day, $3 limit → workflows by failures (only those with failures). */
    failingWorkflows: t(
      "failingWorkflows",
      `${byWorkflow("sum(m.failures) AS count", "HAVING sum(m.failures) > 0", "2 DESC")} LIMIT $3`,
    ),
    /** $1 first day, $2 last day, $3 min runs, $4 limit → workflows by success rate. */
    reliableWorkflows: t(
      "reliableWorkflows",
      `${byWorkflow(
        "sum(m.runs) AS runs, sum(m.successes)::float8 / NULLIF(sum(m.successes) + sum(m.failures), 0) AS success_rate",
        "HAVING sum(m.runs) >= $3 AND sum(m.successes) + sum(m.failures) > 0",
        "3 DESC, 2 DESC",
      )} LIMIT $4`,
    ),
    /** no parameters → active and total (non-archived) workflows. */
    workflowCounts: t(
      "workflowCounts",
      `SELECT count(*) FILTER (WHERE active AND NOT "isArchived") AS active,
              count(*) FILTER (WHERE NOT "isArchived") AS total
         FROM ${workflows}`,
    ),
    /** $1 first day, $2 last day → runs, failures, emails and orders per local calendar day. */
    dailyRuns: t(
      "dailyRuns",
      `SELECT to_char(m.day, 'YYYY-MM-DD') AS day, sum(runs) AS runs, sum(failures) AS failures,
              sum(emails) AS emails, sum(orders) AS orders
         FROM ${metrics} m WHERE ${daysInWindow}
        GROUP BY m.day ORDER BY m.day LIMIT 400`,
    ),
    /** $1 first day, $2 last day → emails received and replied; orders received, processed, failed and their amount. */
    businessCounts: t(
      "businessCounts",
      `SELECT coalesce(sum(emails), 0) AS emails, coalesce(sum(replies), 0) AS replies,
              coalesce(sum(orders), 0) AS orders,
              coalesce(sum(orders) - sum(failed_orders), 0) AS processed_orders,
              coalesce(sum(failed_orders), 0) AS failed_orders, coalesce(sum(order_amount), 0) AS amount
         FROM ${metrics} m WHERE ${daysInWindow}`,
    ),
    /** $1 from, $2 to (instants), $3 limit → senders by emails. */
    topSenders: t(
      "topSenders",
      `SELECT email_sender AS name, count(*) AS count
         FROM ${facts} WHERE ${factsInRange} AND category = 'email' AND email_sender IS NOT NULL
        GROUP BY email_sender ORDER BY count(*) DESC, email_sender LIMIT $3`,
    ),
    /** no parameters → the currency of the latest order. */
    orderCurrency: t(
      "orderCurrency",
      `SELECT order_currency AS currency FROM ${facts}
        WHERE category = 'order' AND started_at IS NOT NULL AND order_currency IS NOT NULL
        ORDER BY started_at DESC LIMIT 1`,
    ),
    /** $1 from, $2 to (instants), $3 limit → (workflow, error message, count) of failures. */
    errorMessages: t(
      "errorMessages",
      `SELECT workflow_name AS workflow, coalesce(error_message, '') AS message, count(*) AS count
         FROM ${facts} WHERE ${factsInRange} AND ${FAILED}
        GROUP BY workflow_name, error_message ORDER BY count(*) DESC, workflow_name LIMIT $3`,
    ),
  });
}

export type SqlCatalogue = ReturnType<typeof createSqlCatalogue>;
