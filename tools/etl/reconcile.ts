import type pg from "pg";
import type { ExecutionQueries } from "../n8n/executionQueries.ts";
import { removeFacts } from "./facts.ts";

const BLOCK = 10_000;

/**
 * Finds executions n8n deleted outright (not soft-deleted first), which no watermark can see: counts
 * n8n's ids per block of 10,000 up to the highest id read (an index-only range on its primary key)
 * against Milhena's facts, and only for blocks that differ compares the ids themselves. Returns the
 * start times of the facts removed.
 */
export async function reconcileHardDeletes(
  pool: pg.Pool,
  app: string,
  queries: ExecutionQueries,
  upTo: number,
): Promise<Date[]> {
  if (upTo <= 0) return [];
  const [theirs, ours] = await Promise.all([
    pool.query<{ block: number; n: number }>(queries.blockCounts.text, [upTo, BLOCK, 0]),
    pool.query<{ block: number; n: number }>(
      `SELECT (execution_id / $2::int)::int AS block, count(*)::int AS n FROM ${app}.business_execution_data
        WHERE execution_id <= $1 GROUP BY 1`,
      [upTo, BLOCK],
    ),
  ]);
  const inN8n = new Map(theirs.rows.map((r) => [Number(r.block), r.n]));
  const removed: Date[] = [];
  for (const { block, n } of ours.rows) {
    if (inN8n.get(Number(block)) === n) continue;
    const from = Number(block) * BLOCK;
    const to = Math.min(from + BLOCK - 1, upTo);
    const { rows: kept } = await pool.query<{ id: number }>(queries.idsBetween.text, [from, to]);
    const { rows: known } = await pool.query<{ id: number }>(
      `SELECT execution_id AS id FROM ${app}.business_execution_data WHERE execution_id BETWEEN $1 AND $2`,
      [from, to],
    );
    const alive = new Set(kept.map((r) => Number(r.id)));
    const gone = known.map((r) => Number(r.id)).filter((id) => !alive.has(id));
    removed.push(...(await removeFacts(pool, app, { ids: gone })));
  }
  return removed;
}
