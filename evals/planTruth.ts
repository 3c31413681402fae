import type pg from "pg";
import { DEMO_WORKFLOWS } from "../db/demo/workflows.ts";
import type { ExpectedPeriod, ExpectedPlan } from "./planCase.ts";
import { triggerOutput } from "./truth.ts";

/**
 * Truths for the plans datasets, written from docs/query-plans.md and independent of Milhena's
 * semantic layer, ETL and business tables: a table of this run's own (`eval_truth.facts`), one row
 * per execution n8n kept, read straight from `execution_entity` and `execution_data` (flatted) with
 * what the demo seeder says each workflow is; then plain SQL over it for each labelled plan.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : null;

/** What the demo seeder generated each workflow to be, by id: its kind and its trigger and AI nodes. */
const SEEDED = new Map(
  DEMO_WORKFLOWS.map((w) => [
    w.id,
    {
      kind: w.kind,
      trigger: w.nodes[0]!.name,
      agent: w.nodes.find((n) => n.type.endsWith(".agent"))?.name ?? null,
    },
  ]),
);

/** The sender of a mailbox trigger's message: Outlook's emailAddress, Gmail's value[0], or the text. */
function senderOf(json: Json): string | null {
  const from = json.from;
  if (typeof from === "string") return text(from.replace(/<[^>]*>/, ""));
  if (!isObject(from)) return null;
  if (isObject(from.emailAddress)) return text(from.emailAddress.name) ?? text(from.emailAddress.address);
  if (Array.isArray(from.value) && isObject(from.value[0]))
    return text(from.value[0].name) ?? text(from.value[0].address);
  return text(from.text);
}

interface FactRow {
  id: number;
  workflow: string;
  kind: string;
  status: string;
  started: Date;
  stopped: Date | null;
  sender: string | null;
  replied: boolean;
  orderRef: string | null;
  amount: number | null;
  currency: string | null;
  contact: string | null;
}

/** Builds `eval_truth.facts` from the n8n tables (once per run). */
export async function buildTruthFacts(pool: pg.Pool, n8n: string): Promise<number> {
  await pool.query(`DROP SCHEMA IF EXISTS eval_truth CASCADE`);
  await pool.query(`CREATE SCHEMA eval_truth`);
  await pool.query(`CREATE TABLE eval_truth.facts (
    id bigint PRIMARY KEY, workflow_id text NOT NULL, kind text NOT NULL, status text NOT NULL,
    started_at timestamptz NOT NULL, stopped_at timestamptz, sender text, replied boolean NOT NULL,
    order_ref text, amount numeric, currency text, contact text)`);
  let cursor = 0;
  let total = 0;
  for (;;) {
    const { rows } = await pool.query<{
      id: number;
      workflow_id: string;
      status: string;
      started: Date;
      stopped: Date | null;
      data: string | null;
    }>(
      `SELECT e.id, e."workflowId" AS workflow_id, e.status, e."startedAt" AS started, e."stoppedAt" AS stopped, d.data
         FROM ${n8n}.execution_entity e LEFT JOIN ${n8n}.execution_data d ON d."executionId" = e.id
        WHERE e.id > $1 AND e."deletedAt" IS NULL AND e."startedAt" IS NOT NULL ORDER BY e.id LIMIT 2000`,
      [cursor],
    );
    if (rows.length === 0) break;
    const facts: FactRow[] = rows.map((r) => {
      const seeded = SEEDED.get(r.workflow_id);
      const trigger = seeded && r.data ? triggerOutput(r.data, seeded.trigger) : null;
      const agent = seeded?.agent && r.data ? triggerOutput(r.data, seeded.agent) : null;
      const kind = seeded?.kind ?? "other";
      const amount = trigger ? Number(trigger.total_price ?? trigger.total ?? trigger.amount) : NaN;
      return {
        id: r.id,
        workflow: r.workflow_id,
        kind,
        status: r.status,
        started: r.started,
        stopped: r.stopped,
        sender: kind === "email" && trigger ? senderOf(trigger) : null,
        replied: text(agent?.output ?? agent?.text) !== null,
        orderRef:
          kind === "order" && trigger ? text(trigger.order_number ?? trigger.number ?? trigger.id) : null,
        amount: kind === "order" && Number.isFinite(amount) ? Math.round(amount * 100) / 100 : null,
        currency: kind === "order" && trigger ? (text(trigger.currency)?.toUpperCase() ?? null) : null,
        contact: kind === "lead" && trigger ? (text(trigger.email) ?? text(trigger.name)) : null,
      };
    });
    await pool.query(
      `INSERT INTO eval_truth.facts SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[],
         $5::timestamptz[], $6::timestamptz[], $7::text[], $8::bool[], $9::text[], $10::numeric[], $11::text[], $12::text[])`,
      [
        facts.map((f) => f.id),
        facts.map((f) => f.workflow),
        facts.map((f) => f.kind),
        facts.map((f) => f.status),
        facts.map((f) => f.started),
        facts.map((f) => f.stopped),
        facts.map((f) => f.sender),
        facts.map((f) => f.replied),
        facts.map((f) => f.orderRef),
        facts.map((f) => f.amount),
        facts.map((f) => f.currency),
        facts.map((f) => f.contact),
      ],
    );
    total += rows.length;
    cursor = rows[rows.length - 1]!.id;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------

export type TruthValue =
  | { readonly unit: "count" | "ratio" | "seconds"; readonly value: number | null }
  | { readonly unit: "money"; readonly amounts: readonly { currency: string; value: number }[] }
  | { readonly unit: "instant"; readonly value: string | null };

export interface TruthEntry {
  readonly name: string;
  readonly value: number;
}

export type Truth =
  | { readonly kind: "value"; readonly value: TruthValue }
  | {
      readonly kind: "ranking";
      readonly unit: TruthValue["unit"];
      readonly entries: readonly TruthEntry[];
      readonly total: number | null;
    }
  | { readonly kind: "notRun"; readonly names: readonly string[] }
  | { readonly kind: "comparison"; readonly current: TruthValue; readonly previous: TruthValue }
  | { readonly kind: "inventory"; readonly active: number; readonly total: number }
  /** Nothing to check figures against (forecasts, refusals, clarifications). */
  | { readonly kind: "none" };

export interface PlanTruthOptions {
  readonly n8n: string;
  readonly timeZone: string;
  readonly now: Date;
}

/** Which rows a measure counts, and how (SQL over `f`, the truth facts). */
const MEASURES: Record<string, { where?: string; value: string; unit: TruthValue["unit"] }> = {
  runs: { value: "count(*)", unit: "count" },
  successes: { where: "f.status = 'success'", value: "count(*)", unit: "count" },
  failures: { where: "f.status IN ('error','crashed')", value: "count(*)", unit: "count" },
  success_rate: {
    value:
      "(count(*) FILTER (WHERE f.status = 'success'))::float8 / NULLIF(count(*) FILTER (WHERE f.status IN ('success','error','crashed')), 0)",
    unit: "ratio",
  },
  failure_rate: {
    value:
      "(count(*) FILTER (WHERE f.status IN ('error','crashed')))::float8 / NULLIF(count(*) FILTER (WHERE f.status IN ('success','error','crashed')), 0)",
    unit: "ratio",
  },
  avg_duration: {
    where: "f.stopped_at IS NOT NULL",
    value: "avg(EXTRACT(EPOCH FROM f.stopped_at - f.started_at))",
    unit: "seconds",
  },
  max_duration: {
    where: "f.stopped_at IS NOT NULL",
    value: "max(EXTRACT(EPOCH FROM f.stopped_at - f.started_at))",
    unit: "seconds",
  },
  emails_received: { where: "f.kind = 'email' AND f.sender IS NOT NULL", value: "count(*)", unit: "count" },
  replies_drafted: {
    where: "f.kind = 'email' AND f.sender IS NOT NULL AND f.replied",
    value: "count(*)",
    unit: "count",
  },
  reply_rate: {
    where: "f.kind = 'email' AND f.sender IS NOT NULL",
    value: "(count(*) FILTER (WHERE f.replied))::float8 / NULLIF(count(*), 0)",
    unit: "ratio",
  },
  distinct_senders: {
    where: "f.kind = 'email' AND f.sender IS NOT NULL",
    value: "count(DISTINCT f.sender)",
    unit: "count",
  },
  orders_received: {
    where: "f.kind = 'order' AND f.order_ref IS NOT NULL",
    value: "count(*)",
    unit: "count",
  },
  orders_processed: {
    where: "f.kind = 'order' AND f.order_ref IS NOT NULL AND f.status = 'success'",
    value: "count(*)",
    unit: "count",
  },
  orders_failed: {
    where: "f.kind = 'order' AND f.order_ref IS NOT NULL AND f.status IN ('error','crashed')",
    value: "count(*)",
    unit: "count",
  },
  order_value_sum: {
    where: "f.kind = 'order' AND f.order_ref IS NOT NULL AND f.amount IS NOT NULL",
    value: "sum(f.amount)",
    unit: "money",
  },
  order_value_avg: {
    where: "f.kind = 'order' AND f.order_ref IS NOT NULL AND f.amount IS NOT NULL",
    value: "avg(f.amount)",
    unit: "money",
  },
  order_value_min: {
    where: "f.kind = 'order' AND f.order_ref IS NOT NULL AND f.amount IS NOT NULL",
    value: "min(f.amount)",
    unit: "money",
  },
  order_value_max: {
    where: "f.kind = 'order' AND f.order_ref IS NOT NULL AND f.amount IS NOT NULL",
    value: "max(f.amount)",
    unit: "money",
  },
  leads: { where: "f.kind = 'lead' AND f.contact IS NOT NULL", value: "count(*)", unit: "count" },
  latest_run: { value: "max(f.started_at)", unit: "instant" },
  latest_failure: { where: "f.status IN ('error','crashed')", value: "max(f.started_at)", unit: "instant" },
  latest_email: {
    where: "f.kind = 'email' AND f.sender IS NOT NULL",
    value: "max(f.started_at)",
    unit: "instant",
  },
  latest_order: {
    where: "f.kind = 'order' AND f.order_ref IS NOT NULL",
    value: "max(f.started_at)",
    unit: "instant",
  },
  latest_lead: {
    where: "f.kind = 'lead' AND f.contact IS NOT NULL",
    value: "max(f.started_at)",
    unit: "instant",
  },
  activity: { value: "count(*)", unit: "count" },
  overview: { value: "count(*)", unit: "count" },
};

class Sql {
  readonly params: unknown[] = [];
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

const LOCAL = (q: Sql, o: PlanTruthOptions) => `(f.started_at AT TIME ZONE ${q.p(o.timeZone)})`;

function periodWhere(q: Sql, o: PlanTruthOptions, period: ExpectedPeriod | null | undefined): string {
  if (!period || "all" in period) return "true";
  if ("hours" in period) {
    return `f.started_at >= ${q.p(o.now)}::timestamptz - make_interval(hours => ${q.p(period.hours)}::int) AND f.started_at <= ${q.p(o.now)}::timestamptz`;
  }
  return `${LOCAL(q, o)}::date BETWEEN ${q.p(period.from)}::date AND ${q.p(period.to)}::date`;
}

function filtersWhere(q: Sql, o: PlanTruthOptions, plan: ExpectedPlan, withEntities = true): string[] {
  const out: string[] = [];
  if (withEntities && plan.workflows?.length)
    out.push(
      `f.workflow_id IN (SELECT id FROM ${o.n8n}.workflow_entity WHERE name = ANY(${q.p(plan.workflows)}::text[]))`,
    );
  if (withEntities && plan.category) out.push(`f.kind = ${q.p(plan.category)}`);
  if (withEntities && plan.senders?.length) out.push(`f.sender = ANY(${q.p(plan.senders)}::text[])`);
  if (plan.status)
    out.push(plan.status === "failed" ? "f.status IN ('error','crashed')" : "f.status = 'success'");
  if (plan.weekdays?.length)
    out.push(`EXTRACT(ISODOW FROM ${LOCAL(q, o)})::int = ANY(${q.p(plan.weekdays)}::int[])`);
  if (plan.hours)
    out.push(
      `EXTRACT(HOUR FROM ${LOCAL(q, o)}) >= ${q.p(plan.hours[0])} AND EXTRACT(HOUR FROM ${LOCAL(q, o)}) < ${q.p(plan.hours[1])}`,
    );
  return out;
}

export interface TruthSource {
  truthOf(plan: ExpectedPlan): Promise<Truth>;
}

export function createPlanTruth(pool: pg.Pool, o: PlanTruthOptions): TruthSource {
  async function measure(
    plan: ExpectedPlan,
    period: ExpectedPeriod | null | undefined,
    withEntities = true,
  ): Promise<TruthValue> {
    const m = MEASURES[plan.measure!]!;
    const q = new Sql();
    const where = [
      m.where ?? "true",
      periodWhere(q, o, period),
      ...filtersWhere(q, o, plan, withEntities),
    ].join(" AND ");
    if (m.unit === "money") {
      const { rows } = await pool.query<{ currency: string; value: string }>(
        `SELECT coalesce(f.currency, '') AS currency, ${m.value} AS value FROM eval_truth.facts f WHERE ${where} GROUP BY 1 ORDER BY 1`,
        q.params,
      );
      return { unit: "money", amounts: rows.map((r) => ({ currency: r.currency, value: Number(r.value) })) };
    }
    const { rows } = await pool.query<{ value: unknown }>(
      `SELECT ${m.value} AS value FROM eval_truth.facts f WHERE ${where}`,
      q.params,
    );
    const raw = rows[0]?.value;
    if (m.unit === "instant")
      return { unit: "instant", value: raw instanceof Date ? raw.toISOString() : null };
    return {
      unit: m.unit,
      value: raw === null || raw === undefined ? (m.unit === "count" ? 0 : null) : Number(raw),
    };
  }

  async function inventory(plan: ExpectedPlan): Promise<Truth> {
    const kinds = new Map(DEMO_WORKFLOWS.map((w) => [w.name, w.kind]));
    const { rows } = await pool.query<{ name: string; active: boolean; archived: boolean }>(
      `SELECT name, active, "isArchived" AS archived FROM ${o.n8n}.workflow_entity`,
    );
    const kept = rows.filter((r) => !r.archived && (!plan.category || kinds.get(r.name) === plan.category));
    return { kind: "inventory", active: kept.filter((r) => r.active).length, total: kept.length };
  }

  async function ranking(plan: ExpectedPlan): Promise<Truth> {
    const b = plan.breakdown!;
    const m = MEASURES[plan.measure!]!;
    if (b.by === "error_cause") {
      const total = await measure({ ...plan, breakdown: undefined }, plan.period);
      return {
        kind: "ranking",
        unit: "count",
        entries: [],
        total: total.unit === "count" ? total.value : null,
      };
    }
    const q = new Sql();
    const key =
      b.by === "workflow"
        ? `(SELECT name FROM ${o.n8n}.workflow_entity w WHERE w.id = f.workflow_id)`
        : b.by === "sender"
          ? "f.sender"
          : b.by === "day"
            ? `to_char(${LOCAL(q, o)}::date, 'YYYY-MM-DD')`
            : b.by === "weekday"
              ? `EXTRACT(ISODOW FROM ${LOCAL(q, o)})::int::text`
              : `EXTRACT(HOUR FROM ${LOCAL(q, o)})::int::text`;
    const where = [m.where ?? "true", periodWhere(q, o, plan.period), ...filtersWhere(q, o, plan)].join(
      " AND ",
    );
    const { rows } = await pool.query<{ name: string; value: string }>(
      `SELECT ${key} AS name, ${m.value === "count(*)" ? "count(*)" : m.value} AS value FROM eval_truth.facts f WHERE ${where} GROUP BY 1`,
      q.params,
    );
    let entries = rows.map((r) => ({ name: r.name, value: Number(r.value) }));
    if (b.zeroOnly) {
      const { rows: active } = await pool.query<{ name: string }>(
        `SELECT name FROM ${o.n8n}.workflow_entity WHERE active AND NOT "isArchived"`,
      );
      const ran = new Set(entries.filter((e) => e.value > 0).map((e) => e.name));
      return {
        kind: "notRun",
        names: active
          .map((r) => r.name)
          .filter((n) => !ran.has(n))
          .sort(),
      };
    }
    if (b.order === "asc" && b.by === "workflow") {
      const { rows: active } = await pool.query<{ name: string }>(
        `SELECT name FROM ${o.n8n}.workflow_entity WHERE active AND NOT "isArchived"`,
      );
      for (const a of active)
        if (!entries.some((e) => e.name === a.name)) entries.push({ name: a.name, value: 0 });
    }
    const sign = b.order === "asc" ? 1 : -1;
    entries = entries.filter((e) => b.order === "asc" || e.value > 0);
    entries.sort((a, c) => sign * (a.value - c.value) || a.name.localeCompare(c.name));
    const total = m.unit === "count" ? entries.reduce((a, e) => a + e.value, 0) : null;
    return { kind: "ranking", unit: m.unit, entries, total: b.order === "asc" ? null : total };
  }

  return {
    async truthOf(plan) {
      if (!plan.measure || plan.forecastDays !== undefined) return { kind: "none" };
      if (plan.measure === "active_workflows" || plan.measure === "workflows_total") return inventory(plan);
      if (plan.breakdown) return ranking(plan);
      if (plan.compare) {
        return {
          kind: "comparison",
          current: await measure(plan, plan.period),
          previous: await measure(plan, plan.compare),
        };
      }
      if (plan.share) {
        const part = await measure(plan, plan.period);
        const whole = await measure(plan, plan.period, false);
        const p = part.unit === "count" ? (part.value ?? 0) : 0;
        const w = whole.unit === "count" ? (whole.value ?? 0) : 0;
        return { kind: "value", value: { unit: "ratio", value: w === 0 ? null : p / w } };
      }
      if (plan.trend) {
        const total = await measure(plan, plan.period);
        return total.unit === "count" ? { kind: "value", value: total } : { kind: "none" };
      }
      return { kind: "value", value: await measure(plan, plan.period) };
    },
  };
}
