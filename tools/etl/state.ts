import type pg from "pg";

/**
 * Bumped whenever the ETL extracts or aggregates differently: a database processed by an older ETL
 * is then reprocessed from the start once, so every row follows the same rules.
 */
export const ETL_VERSION = 2;

const STATE_NAME = "n8n_executions";

export interface EtlState {
  readonly lastExecutionId: number;
  readonly sourceWatermark: string;
  readonly timeZone: string;
  readonly version: number;
}

export async function readEtlState(pool: pg.Pool, app: string): Promise<EtlState> {
  const { rows } = await pool.query<{
    last_execution_id: number;
    source_watermark: string;
    time_zone: string;
    etl_version: number;
  }>(
    `SELECT last_execution_id, source_watermark, time_zone, etl_version FROM ${app}.etl_state WHERE name = $1`,
    [STATE_NAME],
  );
  const row = rows[0];
  return row
    ? {
        lastExecutionId: Number(row.last_execution_id),
        sourceWatermark: row.source_watermark,
        timeZone: row.time_zone,
        version: row.etl_version,
      }
    : { lastExecutionId: 0, sourceWatermark: "", timeZone: "", version: 0 };
}

export async function writeEtlState(pool: pg.Pool, app: string, state: EtlState): Promise<void> {
  await pool.query(
    `INSERT INTO ${app}.etl_state (name, last_execution_id, source_watermark, time_zone, etl_version, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (name) DO UPDATE SET last_execution_id = EXCLUDED.last_execution_id,
       source_watermark = EXCLUDED.source_watermark, time_zone = EXCLUDED.time_zone,
       etl_version = EXCLUDED.etl_version, updated_at = now()`,
    [STATE_NAME, state.lastExecutionId, state.sourceWatermark, state.timeZone, state.version],
  );
}
