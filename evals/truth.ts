import { parse } from "flatted";
import type pg from "pg";
import type { TimeWindow } from "../graph/labels.ts";
import type { TruthKey } from "./dataset.ts";

/**
 * Truths for the evals: SQL on the seeded n8n tables, written from the data semantics of docs/architecture.md with
 * PostgreSQL's own calendar arithmetic — independent of Milhena's window code, ETL and business tables.
 */
export interface TruthOptions {
  readonly schema: string;
  readonly timeZone: string;
  /** The run's "now": the same instant the graph's clock returns. */
  readonly now: Date;
}

/** Local calendar days [first, last] of a window ("YYYY-MM-DD"), computed by PostgreSQL. */
export interface DayRange {
  readonly first: string;
  readonly last: string;
}

const RANGE_SQL = `
  WITH t AS (SELECT ($2::timestamptz AT TIME ZONE $1)::date AS today)
  SELECT to_char(CASE $3
           WHEN 'today' THEN today
           WHEN 'yesterday' THEN today - 1
           WHEN 'last_n_days' THEN today - ($4::int - 1)
           WHEN 'this_week' THEN date_trunc('week', today)::date
           WHEN 'last_week' THEN date_trunc('week', today)::date - 7
           WHEN 'this_month' THEN date_trunc('month', today)::date
           WHEN 'last_month' THEN (date_trunc('month', today) - interval '1 month')::date
         END, 'YYYY-MM-DD') AS first,
         to_char(CASE $3
           WHEN 'yesterday' THEN today - 1
           WHEN 'last_week' THEN date_trunc('week', today)::date - 1
           WHEN 'last_month' THEN date_trunc('month', today)::date - 1
           ELSE today
         END, 'YYYY-MM-DD') AS last
    FROM t`;

export async function windowRange(pool: pg.Pool, o: TruthOptions, w: TimeWindow): Promise<DayRange> {
  const { rows } = await pool.query<DayRange>(RANGE_SQL, [
    o.timeZone,
    o.now,
    w.kind,
    w.kind === "last_n_days" ? w.n : 1,
  ]);
  const row = rows[0];
  if (!row) throw new Error(`no range for window ${w.kind}`);
  return row;
}

const LOCAL_DAY = `("startedAt" AT TIME ZONE $1)::date`;

export async function countRuns(pool: pg.Pool, o: TruthOptions, r: DayRange, failedOnly: boolean) {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${o.schema}.execution_entity
      WHERE "deletedAt" IS NULL AND ${LOCAL_DAY} BETWEEN $2::date AND $3::date
        ${failedOnly ? "AND status IN ('error', 'crashed')" : ""}`,
    [o.timeZone, r.first, r.last],
  );
  return rows[0]?.n ?? 0;
}

/** success / (success + error + crashed); null when nothing finished. */
export async function successRate(pool: pg.Pool, o: TruthOptions, r: DayRange): Promise<number | null> {
  const { rows } = await pool.query<{ ok: number; done: number }>(
    `SELECT count(*) FILTER (WHERE status = 'success')::int AS ok,
            count(*) FILTER (WHERE status IN ('success', 'error', 'crashed'))::int AS done
       FROM ${o.schema}.execution_entity
      WHERE "deletedAt" IS NULL AND ${LOCAL_DAY} BETWEEN $2::date AND $3::date`,
    [o.timeZone, r.first, r.last],
  );
  const row = rows[0];
  return row && row.done > 0 ? row.ok / row.done : null;
}

export async function activeWorkflows(pool: pg.Pool, o: TruthOptions) {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${o.schema}.workflow_entity WHERE active AND NOT "isArchived"`,
  );
  return rows[0]?.n ?? 0;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The first item a node output in an n8n run (`runData[node][0].data.main[0][0].json`). */
export function triggerOutput(data: string, triggerNode: string): Json | null {
  let parsed: unknown;
  try {
    parsed = parse(data);
  } catch {
    return null;
  }
  if (!isObject(parsed) || !isObject(parsed.resultData) || !isObject(parsed.resultData.runData)) return null;
  const runs = parsed.resultData.runData[triggerNode];
  if (!Array.isArray(runs) || !isObject(runs[0]) || !isObject(runs[0].data)) return null;
  const main = runs[0].data.main;
  if (!Array.isArray(main) || !Array.isArray(main[0])) return null;
  const item: unknown = main[0][0];
  return isObject(item) && isObject(item.json) ? item.json : null;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

/** An email came in: the email trigger produced a message with a sender. */
export const isEmailIn = (json: Json) => present(json.from);
/** An order came in: the shop trigger produced an order with a number or id. */
export const isOrderIn = (json: Json) => present(json.order_number ?? json.number ?? json.id);

const TRIGGERS = {
  emails: /\.(gmailTrigger|microsoftOutlookTrigger|emailReadImap)$/,
  orders: /\.(shopifyTrigger|wooCommerceTrigger|stripeTrigger)$/,
} as const;

/**
 * Emails or orders per local day: executions (not deleted) of workflows triggered by a mail box or
 * a shop, whose trigger output carries a message or an order. Read once per run.
 */
export async function businessEventsByDay(
  pool: pg.Pool,
  o: TruthOptions,
  what: keyof typeof TRIGGERS,
): Promise<Map<string, number>> {
  const { rows: workflows } = await pool.query<{ id: string; nodes: unknown }>(
    `SELECT id, nodes FROM ${o.schema}.workflow_entity`,
  );
  const triggerOf = new Map<string, string>();
  for (const w of workflows) {
    const nodes: unknown = typeof w.nodes === "string" ? JSON.parse(w.nodes) : w.nodes;
    if (!Array.isArray(nodes)) continue;
    for (const node of nodes as unknown[]) {
      if (isObject(node) && typeof node.type === "string" && typeof node.name === "string") {
        if (TRIGGERS[what].test(node.type)) triggerOf.set(w.id, node.name);
      }
    }
  }
  const byDay = new Map<string, number>();
  if (triggerOf.size === 0) return byDay;
  const { rows } = await pool.query<{ workflowId: string; day: string; data: string }>(
    `SELECT e."workflowId", to_char((e."startedAt" AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS day, d.data
       FROM ${o.schema}.execution_entity e JOIN ${o.schema}.execution_data d ON d."executionId" = e.id
      WHERE e."deletedAt" IS NULL AND e."workflowId" = ANY($2::text[])
        AND e."startedAt" <= $3::timestamptz`,
    [o.timeZone, [...triggerOf.keys()], o.now],
  );
  const accept = what === "emails" ? isEmailIn : isOrderIn;
  for (const row of rows) {
    const json = triggerOutput(row.data, triggerOf.get(row.workflowId)!);
    if (json && accept(json)) byDay.set(row.day, (byDay.get(row.day) ?? 0) + 1);
  }
  return byDay;
}

export function sumDays(byDay: ReadonlyMap<string, number>, r: DayRange): number {
  let total = 0;
  for (const [day, n] of byDay) if (day >= r.first && day <= r.last) total += n;
  return total;
}

/** Computes truth values on demand; per-day email and order counts are read once. */
export interface TruthSource {
  value(key: TruthKey, window: TimeWindow | null): Promise<number | null>;
}

export function createTruthSource(pool: pg.Pool, o: TruthOptions): TruthSource {
  const events = new Map<"emails" | "orders", Promise<Map<string, number>>>();
  const eventsFor = (what: "emails" | "orders") => {
    let p = events.get(what);
    if (!p) {
      p = businessEventsByDay(pool, o, what);
      events.set(what, p);
    }
    return p;
  };
  return {
    async value(key, window) {
      if (key === "activeWorkflows") return activeWorkflows(pool, o);
      if (!window) throw new Error(`truth ${key} needs a window`);
      const range = await windowRange(pool, o, window);
      switch (key) {
        case "runs":
          return countRuns(pool, o, range, false);
        case "failures":
          return countRuns(pool, o, range, true);
        case "successRate":
          return successRate(pool, o, range);
        case "emails":
        case "orders":
          return sumDays(await eventsFor(key), range);
      }
    },
  };
}
