import type pg from "pg";
import type { N8nSchemaInfo } from "./schemaInfo.ts";
import { n8nTable, type N8nLocation } from "./tables.ts";

/** One execution as the ETL reads it from `execution_entity` (and `execution_data` when stored there). */
export interface N8nExecutionRow {
  id: number;
  workflow_id: string;
  status: string;
  started_at: Date | null;
  stopped_at: Date | null;
  deleted: boolean;
  /** Where n8n keeps the execution's data: 'db' (always on 1.x), 'fs', 's3' or 'az'. */
  stored_at: string;
  data: string | null;
}

/** A query on n8n's tables with example parameters (the EXPLAIN test runs every one of them). */
export interface N8nQuery {
  readonly name: string;
  readonly text: string;
  readonly example: readonly unknown[];
}

/**
 * Every query Milhena runs on n8n's execution tables, in one place. Each reaches rows through the
 * primary key or one of n8n's own indexes (`IDX_execution_entity_deletedAt`, the partial
 * `idx_execution_entity_stopped_at_status_deleted_at`): Milhena never adds an index to n8n's schema,
 * and none of these may scan a table whose size grows with the executions.
 */
export function executionQueries(at: N8nLocation, info: Pick<N8nSchemaInfo, "storedAt">) {
  const execs = n8nTable(at, "execution_entity");
  const data = n8nTable(at, "execution_data");
  const storedAt = info.storedAt ? `e."storedAt"::text` : `'db'`;
  const columns = `e.id, e."workflowId" AS workflow_id, e.status, e."startedAt" AS started_at,
       e."stoppedAt" AS stopped_at, e."deletedAt" IS NOT NULL AS deleted, ${storedAt} AS stored_at, d.data`;
  return {
    /** The next executions after an id, in id order (a primary-key range). */
    after: {
      name: "executions after an id",
      text: `SELECT ${columns} FROM ${execs} e LEFT JOIN ${data} d ON d."executionId" = e.id
              WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
      example: [0, 100],
    },
    /** Executions by id (those seen unfinished, read again). */
    byIds: {
      name: "executions by id",
      text: `SELECT ${columns} FROM ${execs} e LEFT JOIN ${data} d ON d."executionId" = e.id
              WHERE e.id = ANY($1::int[]) ORDER BY e.id`,
      example: [[1, 2, 3]],
    },
    /**
     * Executions n8n soft-deleted at or after a time (its "deletedAt" index). Pruning stamps a whole
     * batch with one time, so there is no page boundary to keep: the ids are all read.
     */
    deletedSince: {
      name: "soft deletions since a time",
      text: `SELECT e.id, e."deletedAt" AS deleted_at FROM ${execs} e
              WHERE e."deletedAt" >= $1::timestamptz ORDER BY e."deletedAt"`,
      example: ["2026-01-01T00:00:00Z"],
    },
    /** The ids n8n still has in a range (to find hard deletions). */
    idsBetween: {
      name: "ids in a range",
      text: `SELECT e.id FROM ${execs} e WHERE e.id BETWEEN $1 AND $2 ORDER BY e.id`,
      example: [1, 10000],
    },
    /** How many executions n8n has per block of ids, up to an id (index-only on the primary key). */
    blockCounts: {
      name: "executions per block of ids",
      text: `SELECT (e.id / $2::int) AS block, count(*)::int AS n FROM ${execs} e
              WHERE e.id BETWEEN $3 AND $1 GROUP BY 1`,
      example: [10000, 1000, 0],
    },
    /** The highest and lowest execution id (pruning removes from the bottom): two primary-key probes. */
    bounds: {
      name: "id bounds",
      text: `SELECT (SELECT coalesce(max(id), 0) FROM ${execs}) AS max_id, (SELECT coalesce(min(id), 0) FROM ${execs}) AS min_id`,
      example: [],
    },
  } satisfies Record<string, N8nQuery>;
}

export type ExecutionQueries = ReturnType<typeof executionQueries>;

export interface IdBounds {
  readonly maxId: number;
  readonly minId: number;
}

export async function readIdBounds(pool: pg.Pool, queries: ExecutionQueries): Promise<IdBounds> {
  const { rows } = await pool.query<{ max_id: number; min_id: number }>(queries.bounds.text);
  return { maxId: Number(rows[0]?.max_id ?? 0), minId: Number(rows[0]?.min_id ?? 0) };
}
