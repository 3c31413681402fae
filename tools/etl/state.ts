import type pg from "pg";

/**
 * Bumped whenever the ETL extracts or aggregates differently: a database processed by an older ETL
 * is then reprocessed from the start once, so every row follows the same rules.
 */
export const ETL_VERSION = 3;

/** The etl_state row of the ETL over n8n's executions. */
export const STATE_NAME = "n8n_executions";

export interface EtlState {
  /** The highest execution id read; executions still unfinished are tracked in `etl_pending`. */
  readonly lastExecutionId: number;
  /** n8n's data, workflows and category overrides as they were when the last run started. */
  readonly sourceWatermark: string;
  readonly timeZone: string;
  readonly version: number;
  /** The latest soft delete already applied. */
  readonly lastDeletedAt: Date | null;
  /** n8n's lowest execution id at the last run (pruning removes from the bottom). */
  readonly minExecutionId: number;
  /** The last full check for executions n8n deleted outright. */
  readonly reconciledAt: Date | null;
}

export const INITIAL_STATE: EtlState = {
  lastExecutionId: 0,
  sourceWatermark: "",
  timeZone: "",
  version: 0,
  lastDeletedAt: null,
  minExecutionId: 0,
  reconciledAt: null,
};

export async function readEtlState(pool: pg.Pool, app: string): Promise<EtlState> {
  const { rows } = await pool.query<{
    last_execution_id: number;
    source_watermark: string;
    time_zone: string;
    etl_version: number;
    last_deleted_at: Date | null;
    min_execution_id: number;
    reconciled_at: Date | null;
  }>(
    `SELECT last_execution_id, source_watermark, time_zone, etl_version, last_deleted_at, min_execution_id,
            reconciled_at
       FROM ${app}.etl_state WHERE name = $1`,
    [STATE_NAME],
  );
  const row = rows[0];
  return row
    ? {
        lastExecutionId: Number(row.last_execution_id),
        sourceWatermark: row.source_watermark,
        timeZone: row.time_zone,
        version: row.etl_version,
        lastDeletedAt: row.last_deleted_at,
        minExecutionId: Number(row.min_execution_id),
        reconciledAt: row.reconciled_at,
      }
    : INITIAL_STATE;
}

export async function writeEtlState(pool: pg.Pool, app: string, state: EtlState): Promise<void> {
  await pool.query(
    `INSERT INTO ${app}.etl_state
       (name, last_execution_id, source_watermark, time_zone, etl_version, last_deleted_at, min_execution_id,
        reconciled_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (name) DO UPDATE SET last_execution_id = EXCLUDED.last_execution_id,
       source_watermark = EXCLUDED.source_watermark, time_zone = EXCLUDED.time_zone,
       etl_version = EXCLUDED.etl_version, last_deleted_at = EXCLUDED.last_deleted_at,
       min_execution_id = EXCLUDED.min_execution_id, reconciled_at = EXCLUDED.reconciled_at, updated_at = now()`,
    [
      STATE_NAME,
      state.lastExecutionId,
      state.sourceWatermark,
      state.timeZone,
      state.version,
      state.lastDeletedAt,
      state.minExecutionId,
      state.reconciledAt,
    ],
  );
}
