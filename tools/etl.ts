import type pg from "pg";
import { readDataWatermark } from "./dataWatermark.ts";
import { refreshAggregates } from "./etl/aggregates.ts";
import { extractFacts } from "./etl/extract.ts";
import {
  markDeleted,
  pendingIds,
  removeFacts,
  trackPending,
  upsertFacts,
  type FactRow,
} from "./etl/facts.ts";
import { reconcileWithN8n } from "./etl/reconcile.ts";
import { ETL_VERSION, readEtlState, writeEtlState, type EtlState } from "./etl/state.ts";
import {
  profileAll,
  readCategoryOverrides,
  readPayloadShapes,
  readWorkflowDefinitions,
  writeWorkflowProfiles,
  type KnownWorkflow,
} from "./etl/workflows.ts";
import { createExecutionFileStore, type ExecutionFileStore } from "./n8n/executionStore.ts";
import { executionQueries, readIdBounds, type N8nExecutionRow } from "./n8n/executionQueries.ts";
import { readN8nSchemaInfo } from "./n8n/schemaInfo.ts";

export interface EtlOptions {
  readonly n8nSchema: string;
  /** n8n's DB_TABLE_PREFIX. */
  readonly n8nTablePrefix?: string | undefined;
  readonly appSchema: string;
  /** Calendar days and hours of the aggregates are local to this time zone. */
  readonly timeZone: string;
  /** n8n's storage folder, for executions n8n 2.x stored on the file system (`"storedAt"` = 'fs'). */
  readonly storagePath?: string | undefined;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Clock of the hard-delete check (tests). */
  readonly now?: () => Date;
}

export interface EtlResult {
  readonly processed: number;
  /** The highest execution id read. */
  readonly watermark: number;
}

/** Soft deletes are read again this far back: n8n's replicas may stamp them with clocks slightly apart. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** How often the ETL checks every id it knows for executions n8n deleted outright. */
export const RECONCILE_INTERVAL_MS = 10 * 60_000;

type StalenessOptions = Pick<EtlOptions, "n8nSchema" | "n8nTablePrefix" | "appSchema" | "timeZone" | "now">;

const reconcileDue = (state: Pick<EtlState, "reconciledAt">, now: Date) =>
  state.reconciledAt === null || now.getTime() - state.reconciledAt.getTime() >= RECONCILE_INTERVAL_MS;

/**
 * True when n8n's data (`watermark`, its fingerprint) changed since the last run (new, finished or
 * deleted executions, workflows, category overrides), the business time zone or the ETL itself
 * changed, or a check for executions deleted outright is due. Pure: the state is what was read.
 */
export function etlStateIsStale(
  state: Pick<EtlState, "version" | "timeZone" | "sourceWatermark"> & { readonly reconciledAt: Date | null },
  watermark: string,
  timeZone: string,
  now: Date,
): boolean {
  return (
    state.version !== ETL_VERSION ||
    state.timeZone !== timeZone ||
    state.sourceWatermark !== watermark ||
    reconcileDue({ reconciledAt: state.reconciledAt }, now)
  );
}

/** etlStateIsStale, reading the state (and the watermark, unless the caller has just read it): a few index probes and one row. */
export async function etlIsStale(
  pool: pg.Pool,
  options: StalenessOptions,
  /** The data watermark when the caller has just read it. */
  known?: string,
): Promise<boolean> {
  const at = { n8n: options.n8nSchema, n8nPrefix: options.n8nTablePrefix, app: options.appSchema };
  const [state, watermark] = await Promise.all([
    readEtlState(pool, options.appSchema),
    known ?? readDataWatermark(pool, at),
  ]);
  return etlStateIsStale(state, watermark, options.timeZone, (options.now ?? (() => new Date()))());
}

/**
 * Incremental, idempotent ETL from n8n's tables into Milhena's business tables, reading n8n with
 * SELECT only and only through its primary keys and its own indexes:
 * 1. profiles every workflow (category, services) from its running definition, tags, name, the
 *    owner's override and what its executions carry;
 * 2. reads again, by id, the executions it saw unfinished (new, running, waiting), which never hold
 *    the watermark back; those n8n removed in the meantime are dropped;
 * 3. reads the executions after the highest id seen, in batches (data from `execution_data`, or from
 *    n8n's storage folder for those n8n 2.x stored on the file system);
 * 4. applies soft deletes since the last one seen, removes what pruning deleted below n8n's lowest id,
 *    and every RECONCILE_INTERVAL_MS checks every block of ids for executions deleted outright (and
 *    for any committed below an id already read);
 * 5. rebuilds the aggregates of the days it touched (all of them when a category changed).
 * A new time zone or a new ETL version rebuilds everything.
 */
export async function runEtl(pool: pg.Pool, options: EtlOptions): Promise<EtlResult> {
  const { appSchema: app, timeZone } = options;
  const at = { n8n: options.n8nSchema, n8nPrefix: options.n8nTablePrefix, app };
  const batchSize = options.batchSize ?? 2000;
  const now = (options.now ?? (() => new Date()))();
  const previous = await readEtlState(pool, app);
  const rebuild = previous.version !== ETL_VERSION || previous.timeZone !== timeZone;
  if (rebuild) {
    await pool.query(`TRUNCATE ${app}.business_execution_data, ${app}.etl_pending`);
  }
  const state = rebuild
    ? { ...previous, lastExecutionId: 0, lastDeletedAt: null, minExecutionId: 0 }
    : previous;
  const info = await readN8nSchemaInfo(pool, at);
  const queries = executionQueries(at, info);
  const files = options.storagePath ? createExecutionFileStore(options.storagePath) : null;
  // Read before processing: whatever arrives meanwhile makes the next check stale again.
  const sourceWatermark = await readDataWatermark(pool, at);
  const bounds = await readIdBounds(pool, queries);

  const definitions = await readWorkflowDefinitions(pool, at, info);
  const overrides = await readCategoryOverrides(pool, app);
  let workflows = profileAll(definitions, overrides, await readPayloadShapes(pool, app));
  const touched = new Set<string>();
  const touch = (d: Date | null) => d && touched.add(d.toISOString().slice(0, 10));

  const ingest = async (rows: N8nExecutionRow[]) => {
    const facts: FactRow[] = [];
    for (const row of rows) facts.push(await factRow(row, workflows, files));
    await upsertFacts(pool, app, facts);
    await trackPending(pool, app, rows);
    for (const r of rows) touch(r.started_at);
  };

  // 2. Executions seen unfinished, read again by id.
  const pending = await pendingIds(pool, app);
  for (let i = 0; i < pending.length; i += batchSize) {
    const ids = pending.slice(i, i + batchSize);
    const { rows } = await pool.query<N8nExecutionRow>(queries.byIds.text, [ids]);
    await ingest(rows);
    const found = new Set(rows.map((r) => r.id));
    for (const d of await removeFacts(pool, app, { ids: ids.filter((id) => !found.has(id)) })) touch(d);
  }

  // 3. New executions.
  let cursor = state.lastExecutionId;
  let processed = 0;
  const total = Math.max(0, bounds.maxId - cursor);
  options.onProgress?.(0, total);
  for (;;) {
    const { rows } = await pool.query<N8nExecutionRow>(queries.after.text, [cursor, batchSize]);
    if (rows.length === 0) break;
    await ingest(rows);
    cursor = rows[rows.length - 1]!.id;
    processed += rows.length;
    options.onProgress?.(Math.min(processed, total), total);
  }

  // 4. Deletions: soft deletes since the last seen, pruning below n8n's lowest id, and the periodic check.
  const { rows: softDeleted } = await pool.query<{ id: number; deleted_at: Date }>(
    queries.deletedSince.text,
    [state.lastDeletedAt ? new Date(state.lastDeletedAt.getTime() - CLOCK_SKEW_MS) : new Date(0)],
  );
  for (let i = 0; i < softDeleted.length; i += batchSize) {
    const ids = softDeleted.slice(i, i + batchSize).map((r) => r.id);
    for (const d of await markDeleted(pool, app, ids)) touch(d);
  }
  const lastDeletedAt = softDeleted.at(-1)?.deleted_at ?? state.lastDeletedAt;
  if (bounds.minId > 0 || bounds.maxId === 0) {
    const below = bounds.maxId === 0 ? cursor + 1 : bounds.minId;
    for (const d of await removeFacts(pool, app, { below })) touch(d);
  }
  const reconcile = rebuild || reconcileDue(state, now);
  if (reconcile) {
    const found = await reconcileWithN8n(pool, app, queries, cursor);
    for (const d of found.removed) touch(d);
    // An execution committed after a higher id was read (concurrent inserts) is read now.
    for (let i = 0; i < found.missing.length; i += batchSize) {
      const { rows } = await pool.query<N8nExecutionRow>(queries.byIds.text, [
        found.missing.slice(i, i + batchSize),
      ]);
      await ingest(rows);
    }
  }

  // 5. Categories from what the executions carried, then the aggregates.
  workflows = profileAll(definitions, overrides, await readPayloadShapes(pool, app));
  const changed = await writeWorkflowProfiles(pool, app, workflows);
  const recategorized = await applyCategories(pool, app, changed, workflows);
  if (rebuild || recategorized > 0) await refreshAggregates(pool, app, timeZone, "all");
  else await refreshAggregates(pool, app, timeZone, { utcDays: [...touched] });
  await writeEtlState(pool, app, {
    lastExecutionId: cursor,
    sourceWatermark,
    timeZone,
    version: ETL_VERSION,
    lastDeletedAt,
    minExecutionId: bounds.minId,
    reconciledAt: reconcile ? now : state.reconciledAt,
  });
  return { processed, watermark: cursor };
}

const UNKNOWN_WORKFLOW: KnownWorkflow = {
  name: "",
  category: "other",
  basis: "none",
  services: [],
  nodeTypes: new Map(),
};

async function factRow(
  row: N8nExecutionRow,
  workflows: ReadonlyMap<string, KnownWorkflow>,
  files: ExecutionFileStore | null,
): Promise<FactRow> {
  const wf = workflows.get(row.workflow_id) ?? UNKNOWN_WORKFLOW;
  const data =
    row.data ?? (row.stored_at === "fs" && files ? await files.read(row.workflow_id, row.id) : null);
  const facts = extractFacts(data, wf.nodeTypes, row.status);
  const { data: _data, stored_at: _storedAt, ...rest } = row;
  return {
    row: rest,
    workflowName: wf.name || row.workflow_id,
    category: wf.category,
    facts,
    unread: data === null && row.stored_at !== "db",
  };
}

/** Moves the facts of recategorised workflows to their new category; returns how many rows moved. */
async function applyCategories(
  pool: pg.Pool,
  app: string,
  changed: readonly string[],
  workflows: ReadonlyMap<string, KnownWorkflow>,
): Promise<number> {
  if (changed.length === 0) return 0;
  const { rowCount } = await pool.query(
    `UPDATE ${app}.business_execution_data f SET category = u.category, updated_at = now()
       FROM unnest($1::text[], $2::text[]) AS u(id, category)
      WHERE f.workflow_id = u.id AND f.category <> u.category`,
    [changed, changed.map((id) => workflows.get(id)!.category)],
  );
  return rowCount ?? 0;
}
