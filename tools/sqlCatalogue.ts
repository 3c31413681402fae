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

export function createSqlCatalogue({ n8n, app }: CatalogueSchemas) {
  const execs = `${n8n}.execution_entity`;
  const workflows = `${n8n}.workflow_entity`;
  const facts = `${app}.business_execution_data`;
  const inRange = `"deletedAt" IS NULL AND "startedAt" >= $1 AND "startedAt" < $2`;
  const factsInRange = `NOT deleted AND started_at >= $1 AND started_at < $2`;
  const t = (name: string, text: string): SqlTemplate => Object.freeze({ name, text });

  return Object.freeze({
    /** $1 from, $2 to → one row of run counts. */
    runCounts: t(
      "runCounts",
      `SELECT count(*) AS runs,
              count(*) FILTER (WHERE status = 'success') AS successes,
              count(*) FILTER (WHERE ${FAILED}) AS failures,
              avg(EXTRACT(EPOCH FROM ("stoppedAt" - "startedAt"))) AS average_seconds
         FROM ${execs} WHERE ${inRange}`,
    ),
    /** $1 from, $2 to, $3 limit → workflows by runs. */
    busiestWorkflows: t(
      "busiestWorkflows",
      `SELECT w.name, count(*) AS count
         FROM ${execs} e JOIN ${workflows} w ON w.id = e."workflowId"
        WHERE e."deletedAt" IS NULL AND e."startedAt" >= $1 AND e."startedAt" < $2
        GROUP BY w.name ORDER BY count(*) DESC, w.name LIMIT $3`,
    ),
    /** $1 from, $2 to, $3 limit → workflows by failures (only those with failures). */
    failingWorkflows: t(
      "failingWorkflows",
      `SELECT w.name, count(*) AS count
         FROM ${execs} e JOIN ${workflows} w ON w.id = e."workflowId"
        WHERE e."deletedAt" IS NULL AND e."startedAt" >= $1 AND e."startedAt" < $2 AND e.${FAILED}
        GROUP BY w.name ORDER BY count(*) DESC, w.name LIMIT $3`,
    ),
    /** $1 from, $2 to, $3 min runs, $4 limit → workflows by success rate. */
    reliableWorkflows: t(
      "reliableWorkflows",
      `SELECT w.name, count(*) AS runs,
              count(*) FILTER (WHERE e.status = 'success')::float8
                / NULLIF(count(*) FILTER (WHERE e.status = 'success' OR e.${FAILED}), 0) AS success_rate
         FROM ${execs} e JOIN ${workflows} w ON w.id = e."workflowId"
        WHERE e."deletedAt" IS NULL AND e."startedAt" >= $1 AND e."startedAt" < $2
        GROUP BY w.name
       HAVING count(*) >= $3 AND count(*) FILTER (WHERE e.status = 'success' OR e.${FAILED}) > 0
        ORDER BY success_rate DESC, runs DESC, w.name LIMIT $4`,
    ),
    /** no parameters → active and total (non-archived) workflows. */
    workflowCounts: t(
      "workflowCounts",
      `SELECT count(*) FILTER (WHERE active AND NOT "isArchived") AS active,
              count(*) FILTER (WHERE NOT "isArchived") AS total
         FROM ${workflows}`,
    ),
    /** $1 from, $2 to, $3 time zone → runs and failures per local calendar day. */
    dailyRuns: t(
      "dailyRuns",
      `SELECT to_char(("startedAt" AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS day,
              count(*) AS runs, count(*) FILTER (WHERE ${FAILED}) AS failures
         FROM ${execs} WHERE ${inRange}
        GROUP BY 1 ORDER BY 1 LIMIT 400`,
    ),
    /** $1 from, $2 to, $3 time zone, $4 category → business events per local calendar day. */
    dailyCategory: t(
      "dailyCategory",
      `SELECT to_char((started_at AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS day, count(*) AS runs,
              count(*) FILTER (WHERE ${FAILED}) AS failures
         FROM ${facts} WHERE ${factsInRange} AND category = $4 AND coalesce(email_sender, order_id) IS NOT NULL
        GROUP BY 1 ORDER BY 1 LIMIT 400`,
    ),
    /** $1 from, $2 to → emails received (an email was read) and replied. */
    emailCounts: t(
      "emailCounts",
      `SELECT count(*) AS received, count(*) FILTER (WHERE ai_reply IS NOT NULL AND ai_reply <> '') AS replied
         FROM ${facts} WHERE ${factsInRange} AND category = 'email' AND email_sender IS NOT NULL`,
    ),
    /** $1 from, $2 to, $3 limit → senders by emails. */
    topSenders: t(
      "topSenders",
      `SELECT email_sender AS name, count(*) AS count
         FROM ${facts} WHERE ${factsInRange} AND category = 'email' AND email_sender IS NOT NULL
        GROUP BY email_sender ORDER BY count(*) DESC, email_sender LIMIT $3`,
    ),
    /** $1 from, $2 to → orders received (an order came in), processed, failed and the processed amount. */
    orderCounts: t(
      "orderCounts",
      `SELECT count(*) AS orders,
              count(*) FILTER (WHERE status = 'success') AS processed,
              count(*) FILTER (WHERE ${FAILED}) AS failed,
              coalesce(sum(order_amount) FILTER (WHERE status = 'success'), 0) AS amount,
              coalesce(mode() WITHIN GROUP (ORDER BY order_currency), 'EUR') AS currency
         FROM ${facts} WHERE ${factsInRange} AND category = 'order' AND order_id IS NOT NULL`,
    ),
    /** $1 from, $2 to, $3 limit → (workflow, error message, count) of failures. */
    errorMessages: t(
      "errorMessages",
      `SELECT workflow_name AS workflow, coalesce(error_message, '') AS message, count(*) AS count
         FROM ${facts} WHERE ${factsInRange} AND ${FAILED}
        GROUP BY workflow_name, error_message ORDER BY count(*) DESC, workflow_name LIMIT $3`,
    ),
    /** no parameters → a fingerprint of the n8n data; changes when executions are added, finish or are deleted (three index lookups). */
    dataWatermark: t(
      "dataWatermark",
      `SELECT (SELECT coalesce(max(id), 0) FROM ${execs}) AS max_id,
              (SELECT coalesce(to_char(max("deletedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') FROM ${execs}) AS deleted,
              (SELECT coalesce(to_char(max("stoppedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') FROM ${execs}) AS last_stop`,
    ),
  });
}

export type SqlCatalogue = ReturnType<typeof createSqlCatalogue>;
