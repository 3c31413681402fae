import type pg from "pg";

/**
 * Independent truth: SQL written straight from the data semantics of docs/architecture.md, on the n8n tables, using
 * PostgreSQL's own time-zone arithmetic (not Milhena's window code).
 */
export interface TruthOptions {
  schema: string;
  timeZone: string;
  now: Date;
}

/** Local calendar days [today - (back + span - 1), today - back]. */
function dayFilter(back: number, span: number): string {
  return `("startedAt" AT TIME ZONE $1)::date
            BETWEEN ($2::timestamptz AT TIME ZONE $1)::date - ${back + span - 1}
                AND ($2::timestamptz AT TIME ZONE $1)::date - ${back}`;
}

export async function truthRuns(
  pool: pg.Pool,
  o: TruthOptions,
  back: number,
  span: number,
  failedOnly = false,
) {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${o.schema}.execution_entity
      WHERE "deletedAt" IS NULL AND ${dayFilter(back, span)}
        ${failedOnly ? "AND status IN ('error', 'crashed')" : ""}`,
    [o.timeZone, o.now],
  );
  return rows[0]!.n;
}

export async function truthSuccessRate(pool: pg.Pool, o: TruthOptions, days: number) {
  const { rows } = await pool.query<{ ok: number; done: number }>(
    `SELECT count(*) FILTER (WHERE status = 'success')::int AS ok,
            count(*) FILTER (WHERE status IN ('success', 'error', 'crashed'))::int AS done
       FROM ${o.schema}.execution_entity WHERE "deletedAt" IS NULL AND ${dayFilter(0, days)}`,
    [o.timeZone, o.now],
  );
  return rows[0]!.ok / rows[0]!.done;
}

export async function truthActiveWorkflows(pool: pg.Pool, o: TruthOptions) {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${o.schema}.workflow_entity WHERE active AND NOT "isArchived"`,
  );
  return rows[0]!.n;
}

export async function truthMostFailing(pool: pg.Pool, o: TruthOptions, days: number) {
  const { rows } = await pool.query<{ name: string; n: number }>(
    `SELECT w.name, count(*)::int AS n FROM ${o.schema}.execution_entity e
       JOIN ${o.schema}.workflow_entity w ON w.id = e."workflowId"
      WHERE e."deletedAt" IS NULL AND e.status IN ('error', 'crashed') AND ${dayFilter(0, days).replaceAll('"startedAt"', 'e."startedAt"')}
      GROUP BY w.name ORDER BY n DESC, w.name LIMIT 2`,
    [o.timeZone, o.now],
  );
  return rows;
}
