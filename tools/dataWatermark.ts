import type pg from "pg";

/**
 * A fingerprint of n8n's execution data: it changes whenever executions are added, finish or are
 * deleted. Three index lookups (primary key, "stoppedAt" and "deletedAt" indexes), so cheap on any size.
 */
export async function readDataWatermark(pool: pg.Pool, n8nSchema: string): Promise<string> {
  const execs = `${n8nSchema}.execution_entity`;
  const { rows } = await pool.query<{ max_id: number; last_stop: string; last_delete: string }>(
    `SELECT (SELECT coalesce(max(id), 0) FROM ${execs}) AS max_id,
            (SELECT coalesce(to_char(max("stoppedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') FROM ${execs}) AS last_stop,
            (SELECT coalesce(to_char(max("deletedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') FROM ${execs}) AS last_delete`,
  );
  const row = rows[0];
  return row ? `${row.max_id}/${row.last_stop}/${row.last_delete}` : "empty";
}

/** What one request needs to know about how current everything is, read in one statement. */
export interface Freshness {
  /** n8n's execution data (readDataWatermark). */
  readonly data: string;
  /** n8n's workflows: how many, and the latest edit (names, archiving). */
  readonly workflows: string;
  /** The ETL's last write (categories, services, senders, aggregates). */
  readonly etl: string;
}

export async function readFreshness(
  pool: pg.Pool,
  schemas: { readonly n8n: string; readonly app: string },
): Promise<Freshness> {
  const execs = `${schemas.n8n}.execution_entity`;
  const { rows } = await pool.query<{
    max_id: number;
    last_stop: string;
    last_delete: string;
    workflows: string;
    etl: string | null;
  }>(
    `SELECT (SELECT coalesce(max(id), 0) FROM ${execs}) AS max_id,
            (SELECT coalesce(to_char(max("stoppedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') FROM ${execs}) AS last_stop,
            (SELECT coalesce(to_char(max("deletedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') FROM ${execs}) AS last_delete,
            (SELECT count(*) || '/' || coalesce(max("updatedAt")::text, '') FROM ${schemas.n8n}.workflow_entity) AS workflows,
            (SELECT max(source_watermark || '/' || updated_at::text) FROM ${schemas.app}.etl_state) AS etl`,
  );
  const row = rows[0];
  return {
    data: row ? `${row.max_id}/${row.last_stop}/${row.last_delete}` : "empty",
    workflows: row?.workflows ?? "",
    etl: row?.etl ?? "",
  };
}
