import type pg from "pg";
import { n8nTable, type N8nLocation } from "./n8n/tables.ts";
import { prepared } from "../db/prepared.ts";
import { STATE_NAME } from "./etl/state.ts";

/** Where the watermark reads: n8n's tables and Milhena's schema. */
export interface WatermarkLocation extends N8nLocation {
  readonly app: string;
}

/**
 * SQL of a fingerprint of everything the ETL depends on; it changes whenever executions are added,
 * finish, are soft-deleted or pruned from the bottom, an execution the ETL saw unfinished is no
 * longer in the status it was read in (finished, crashed or deleted), a workflow is added or edited,
 * or the owner overrides a category. Index probes only on n8n's execution table (primary key, the
 * partial "stoppedAt" index with its own predicate, the "deletedAt" index); the pending executions
 * are a handful of primary-key lookups.
 */
export function dataFingerprintSql(at: WatermarkLocation): string {
  const execs = n8nTable(at, "execution_entity");
  return `(SELECT coalesce(max(id), 0) FROM ${execs}) || '/' ||
          (SELECT coalesce(min(id), 0) FROM ${execs}) || '/' ||
          (SELECT coalesce(to_char(max("stoppedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') FROM ${execs}
            WHERE "stoppedAt" IS NOT NULL AND "deletedAt" IS NULL) || '/' ||
          (SELECT coalesce(to_char(max("deletedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') FROM ${execs}) || '/' ||
          (SELECT coalesce(string_agg(p.execution_id::text, ',' ORDER BY p.execution_id), '')
             FROM ${at.app}.etl_pending p LEFT JOIN ${execs} e ON e.id = p.execution_id
            WHERE e.status IS DISTINCT FROM p.status) || '/' ||
          (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM ${n8nTable(at, "workflow_entity")}) || '/' ||
          (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM ${at.app}.business_category_overrides)`;
}

/** The fingerprint of n8n's data (dataFingerprintSql), read alone. */
export async function readDataWatermark(pool: pg.Pool, at: WatermarkLocation): Promise<string> {
  const { rows } = await pool.query<{ data: string }>(prepared(`SELECT ${dataFingerprintSql(at)} AS data`));
  return rows[0]?.data ?? "empty";
}

/** What the staleness check needs of the ETL's state (etl_state), as read with the freshness. */
export interface EtlStateSummary {
  readonly sourceWatermark: string;
  readonly timeZone: string;
  readonly version: number;
  /** ISO time of the last full check for executions deleted outright; null before the first. */
  readonly reconciledAt: string | null;
}

/** What one request needs to know about how current everything is, read in one statement. */
export interface Freshness {
  /** n8n's execution data, workflows and category overrides (readDataWatermark). */
  readonly data: string;
  /** n8n's workflows: how many, and the latest edit (names, archiving). */
  readonly workflows: string;
  /** The ETL's last write (categories, services, senders, aggregates). */
  readonly etl: string;
  /** The ETL's state, for deciding whether it must run (null before its first run). */
  readonly etlState?: EtlStateSummary | null;
}

export async function readFreshness(pool: pg.Pool, at: WatermarkLocation): Promise<Freshness> {
  const { rows } = await pool.query<{
    data: string;
    workflows: string;
    etl: string | null;
    etl_state: EtlStateSummary | null;
  }>(
    prepared(`SELECT ${dataFingerprintSql(at)} AS data,
            (SELECT count(*) || '/' || coalesce(max("updatedAt")::text, '') FROM ${n8nTable(at, "workflow_entity")}) AS workflows,
            (SELECT max(source_watermark || '/' || updated_at::text) FROM ${at.app}.etl_state) AS etl,
            (SELECT json_build_object('sourceWatermark', source_watermark, 'timeZone', time_zone,
                                      'version', etl_version, 'reconciledAt', reconciled_at)
               FROM ${at.app}.etl_state WHERE name = '${STATE_NAME}') AS etl_state`),
  );
  const row = rows[0];
  return {
    data: row?.data ?? "empty",
    workflows: row?.workflows ?? "",
    etl: row?.etl ?? "",
    etlState: row?.etl_state ?? null,
  };
}
