import type pg from "pg";
import type { ExecutionQueries } from "../n8n/executionQueries.ts";
import { removeFacts } from "./facts.ts";

const BLOCK = 10_000;

/**
 * Finds executions n8n deleted outright (not soft-deleted first), which no watermark can see, and
 * executions a concurrent transaction committed below an id already read: counts n8n's ids per block
 * of 10,000 up to the highest id read (an index-only range on its primary key) against Milhena's
 * facts, and only for blocks that differ compares the ids themselves. Removes the facts of the gone
 * ones (returning their start times) and returns the ids still to read.
 */
export async function reconcileWithN8n(
  pool: pg.Pool,
  app: string,
  queries: ExecutionQueries,
  upTo: number,
): Promise<{ removed: Date[]; missing: number[] }> {
  if (upTo <= 0) return { removed: [], missing: [] };
  const [theirs, ours] = await Promise.all([
    pool.query<{ block: number; n: number }>(queries.blockCounts.text, [upTo, BLOCK, 0]),
    pool.query<{ block: number; n: number }>(
      `SELECT (execution_id / $2::int)::int AS block, count(*)::int AS n FROM ${app}.business_execution_data
        WHERE execution_id <= $1 GROUP BY 1`,
      [upTo, BLOCK],
    ),
  ]);
  const inN8n = new Map(theirs.rows.map((r) => [Number(r.block), r.n]));
  const inFacts = new Map(ours.rows.map((r) => [Number(r.block), r.n]));
  const removed: Date[] = [];
  const missing: number[] = [];
  for (const block of new Set([...inN8n.keys(), ...inFacts.keys()])) {
    if (inN8n.get(block) === inFacts.get(block)) continue;
    const from = block * BLOCK;
    const to = Math.min(from + BLOCK - 1, upTo);
    const { rows: kept } = await pool.query<{ id: number }>(queries.idsBetween.text, [from, to]);
    const { rows: known } = await pool.query<{ id: number }>(
      `SELECT execution_id AS id FROM ${app}.business_execution_data WHERE execution_id BETWEEN $1 AND $2`,
      [from, to],
    );
    const alive = new Set(kept.map((r) => Number(r.id)));
    const seen = new Set(known.map((r) => Number(r.id)));
    removed.push(...(await removeFacts(pool, app, { ids: [...seen].filter((id) => !alive.has(id)) })));
    missing.push(...[...alive].filter((id) => !seen.has(id)));
  }
  return { removed, missing };
}
