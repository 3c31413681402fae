import type pg from "pg";
import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";

/**
 * LangGraph's long-term store (`PostgresStore`) in Milhena's schema, on Milhena's own pool: the
 * embedded database serves one connection, and every other part already shares this pool. The store
 * builds a pool of its own from its options; it is never connected (pools connect lazily) and is
 * swapped for the shared one here, the one place that relies on the store's internals (a test checks
 * it still holds: the store's tables are written through the shared pool).
 */
export function createMilhenaStore(pool: pg.Pool, schema: string): PostgresStore {
  const store = new PostgresStore({ connectionOptions: { max: 1 }, schema, ensureTables: false });
  const internals = store as unknown as { core?: { pool?: pg.Pool } };
  if (!internals.core?.pool) throw new Error("PostgresStore's internals changed: cannot share the pool");
  const own = internals.core.pool;
  internals.core.pool = pool;
  void own.end().catch(() => undefined);
  return store;
}
