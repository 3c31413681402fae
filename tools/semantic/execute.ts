import type pg from "pg";
import type {
  Coverage,
  DimensionName,
  MeasureName,
  ResolvedFilters,
  ResolvedPeriod,
  ResolvedQueryPlan,
} from "../../graph/plan.ts";
import { fillDays, forecastDaily } from "../forecast.ts";
import { withReadOnlyTransaction, type QueryParam, type TemplateQuery } from "../readOnlyQuery.ts";
import { addDays, daysBetween, formatCivil, parseCivil } from "../calendar.ts";
import {
  createPlanCompiler,
  PlanNotExpressibleError,
  type PlanCompiler,
  type QuerySpec,
} from "./compiler.ts";
import { MEASURE_DEFS, isCount } from "./measures.ts";
import { numberOf, type BreakdownEntry, type MeasureValue, type PlanResult } from "./result.ts";
import type { Schemas } from "./sources.ts";

export interface SemanticLayerOptions {
  readonly pool: pg.Pool;
  readonly schemas: Schemas;
  readonly timeZone: string;
  readonly statementTimeoutMs: number;
  readonly maxRows: number;
}

/** Runs resolved plans: compiles each part with the plan compiler, in one read-only transaction. */
export interface SemanticLayer {
  readonly compiler: PlanCompiler;
  execute(plan: ResolvedQueryPlan): Promise<PlanResult>;
}

/** Figures an answer gives next to the one asked for (same filters and period). */
const CONTEXT: Partial<Record<MeasureName, readonly MeasureName[]>> = {
  runs: ["successes", "failures"],
  failures: ["runs"],
  success_rate: ["successes", "failures"],
  failure_rate: ["failures", "successes"],
  emails_received: ["replies_drafted"],
  reply_rate: ["replies_drafted", "emails_received"],
  orders_received: ["orders_processed", "orders_failed"],
};

const SUMMARY: Record<"activity" | "overview", readonly MeasureName[]> = {
  activity: ["runs", "successes", "failures", "emails_received", "orders_received"],
  overview: ["active_workflows", "runs", "success_rate", "failures"],
};

type Row = Record<string, unknown>;
const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const toText = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : v instanceof Date ? v.toISOString() : "";

function valueOf(measure: MeasureName, rows: readonly Row[]): MeasureValue {
  const unit = MEASURE_DEFS[measure].unit;
  if (unit === "money") {
    const amounts = rows
      .filter((r) => r.value !== null && r.value !== undefined && toText(r.currency) !== "")
      .map((r) => ({ currency: toText(r.currency), value: Number(r.value) }))
      .sort((a, b) => a.currency.localeCompare(b.currency));
    return { unit, amounts };
  }
  const raw = rows[0]?.value;
  if (unit === "instant") return { unit, value: raw === null || raw === undefined ? null : toText(raw) };
  if (unit === "count") return { unit, value: toNumber(raw) ?? 0 };
  return { unit: unit === "summary" ? "count" : unit, value: toNumber(raw) };
}

const sortValue = (v: MeasureValue): number =>
  v.unit === "money"
    ? v.amounts.reduce((a, m) => a + m.value, 0)
    : v.unit === "instant"
      ? v.value
        ? Date.parse(v.value)
        : 0
      : (v.value ?? 0);

/** Rows of a breakdown query grouped into entries (money rows come one per currency). */
function entriesOf(measure: MeasureName, rows: readonly Row[]): BreakdownEntry[] {
  const byKey = new Map<string, { name: string; rows: Row[] }>();
  for (const row of rows) {
    const key = toText(row.key);
    const entry = byKey.get(key) ?? { name: toText(row.name ?? row.key), rows: [] };
    entry.rows.push(row);
    byKey.set(key, entry);
  }
  return [...byKey].map(([key, e]) => ({ key, name: e.name || key, value: valueOf(measure, e.rows) }));
}

const zero = (measure: MeasureName): MeasureValue => {
  const unit = MEASURE_DEFS[measure].unit;
  return unit === "money"
    ? { unit, amounts: [] }
    : unit === "instant"
      ? { unit, value: null }
      : { unit: unit === "summary" ? "count" : unit, value: unit === "count" ? 0 : null };
};

/** Every key a calendar or clock breakdown has, so that empty days and hours show as 0. */
function universeOf(by: DimensionName, plan: ResolvedQueryPlan): string[] | null {
  const hours = plan.filters.hours ?? { from: 0, to: 24 };
  if (by === "hour") return Array.from({ length: hours.to - hours.from }, (_, i) => String(hours.from + i));
  if (by === "weekday") {
    const all = ["1", "2", "3", "4", "5", "6", "7"];
    return plan.filters.weekdays ? all.filter((d) => plan.filters.weekdays!.includes(Number(d))) : all;
  }
  if (by === "day" && plan.period.kind === "days") {
    const out: string[] = [];
    for (let d = parseCivil(plan.period.from); formatCivil(d) <= plan.period.to; d = addDays(d, 1)) {
      const day = formatCivil(d);
      if (
        !plan.filters.weekdays ||
        plan.filters.weekdays.includes(((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1)
      )
        out.push(day);
      if (out.length > 400) break;
    }
    return out;
  }
  return null;
}

const withoutEntities = (f: ResolvedFilters): ResolvedFilters => ({
  ...f,
  workflows: [],
  category: null,
  senders: [],
});

export function createSemanticLayer(options: SemanticLayerOptions): SemanticLayer {
  const compiler = createPlanCompiler(options.schemas);
  const coverageSql = {
    name: "coverage",
    text: `SELECT to_char(min(day), 'YYYY-MM-DD') AS first FROM ${options.schemas.app}.business_hourly`,
  };

  async function execute(plan: ResolvedQueryPlan): Promise<PlanResult> {
    // The first day the business tables hold is read with BEGIN, in the same round trip.
    return withReadOnlyTransaction(
      options.pool,
      { statementTimeoutMs: options.statementTimeoutMs, maxRows: options.maxRows },
      (query, [coverageRow]) => run(query, plan, coverageRow?.first ? toText(coverageRow.first) : null),
      coverageSql,
    );
  }

  async function run(
    query: TemplateQuery,
    plan: ResolvedQueryPlan,
    /** The first day the business tables hold (null when they are empty). */
    firstDay: string | null,
  ): Promise<PlanResult> {
    const coverageOf = (period: ResolvedPeriod) => coverageFrom(firstDay, period);
    const spec = (over: Partial<QuerySpec> = {}): QuerySpec => ({
      measure: plan.measure,
      filters: plan.filters,
      period: plan.period,
      by: null,
      order: "desc",
      limit: null,
      dropZero: false,
      timeZone: options.timeZone,
      ...over,
    });
    const rows = async (s: QuerySpec) => {
      const compiled = compiler.compile(s);
      return query<Row>(compiled, compiled.params);
    };
    const scalar = async (s: QuerySpec) => valueOf(s.measure, await rows(s));
    /**
     * Several scalar figures in one round trip: each compiled statement becomes a scalar sub-select
     * of one SELECT (its placeholders renumbered after the previous ones'). Money figures, one row per
     * currency, are read on their own.
     */
    const scalars = async (specs: readonly QuerySpec[]): Promise<MeasureValue[]> => {
      const values: (MeasureValue | undefined)[] = specs.map(() => undefined);
      const batch = specs.flatMap((s, i) => (MEASURE_DEFS[s.measure].unit === "money" ? [] : [{ s, i }]));
      if (batch.length > 1) {
        const parts: string[] = [];
        const params: QueryParam[] = [];
        for (const [k, { s }] of batch.entries()) {
          const compiled = compiler.compile(s);
          const offset = params.length;
          const text = compiled.text.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`);
          parts.push(`(SELECT q.value FROM (${text}) AS q) AS v${k}`);
          params.push(...compiled.params);
        }
        const [row] = await query<Row>(
          { name: batch.map(({ s }) => s.measure).join("+"), text: `SELECT ${parts.join(", ")}` },
          params,
        );
        for (const [k, { s, i }] of batch.entries())
          values[i] = valueOf(s.measure, row ? [{ value: row[`v${k}`] }] : []);
      }
      for (const [i, s] of specs.entries()) values[i] ??= await scalar(s);
      return values as MeasureValue[];
    };
    /** The plan's figure and the figures an answer gives next to it, in one round trip. */
    const withContext = async (measure: MeasureName, main: QuerySpec, extras = true) => {
      const extra = (extras ? (CONTEXT[measure] ?? []) : [])
        .map((m) => ({ m, s: spec({ measure: m }) }))
        .filter(({ s }) => compiler.sourceFor(s));
      const [value, ...rest] = await scalars([main, ...extra.map(({ s }) => s)]);
      const context: Partial<Record<MeasureName, MeasureValue>> = {};
      for (const [k, { m }] of extra.entries()) context[m] = rest[k]!;
      return { value: value!, context };
    };

    const coverage = withUnread(plan, coverageOf(plan.period), await unreadOf(query, plan));
    const covered: ResolvedQueryPlan = { ...plan, coverage };
    if (coverage?.empty) return { kind: "no_data", plan: covered, firstDay: coverage.firstDay };

    const def = MEASURE_DEFS[plan.measure];
    if (plan.kind === "forecast") return forecast(covered, rows);
    if (plan.trend) return trend(covered, rows);
    if (def.unit === "summary") {
      const names = SUMMARY[plan.measure as "activity" | "overview"];
      const parts = names
        .map((m) => ({
          m,
          s: spec({
            measure: m,
            period: MEASURE_DEFS[m].defaultPeriod === null ? { kind: "none" } : plan.period,
          }),
        }))
        .filter(({ s }) => compiler.sourceFor(s));
      const read = await scalars(parts.map(({ s }) => s));
      const values: Partial<Record<MeasureName, MeasureValue>> = {};
      for (const [k, { m }] of parts.entries()) values[m] = read[k]!;
      const busiest = entriesOf(
        "runs",
        await rows(spec({ measure: "runs", by: "workflow", limit: 1, dropZero: true })),
      )[0];
      return { kind: "summary", plan: covered, values, busiest: busiest ?? null };
    }
    if (def.defaultPeriod === null) {
      const list = entriesOf(plan.measure, await rows(spec({ by: "workflow", order: "key" })));
      const names = list.map((e) => e.name).sort((a, b) => a.localeCompare(b));
      const count = async (measure: MeasureName) => numberOf(await scalar(spec({ measure }))) ?? 0;
      return {
        kind: "inventory",
        plan: covered,
        active: await count("active_workflows"),
        total: await count("workflows_total"),
        names,
      };
    }
    if (plan.share) {
      if (!isCount(plan.measure) || plan.breakdown || plan.compare)
        throw new PlanNotExpressibleError("a share is of one count");
      const [partValue, wholeValue] = await scalars([
        spec(),
        spec({ filters: withoutEntities(plan.filters) }),
      ]);
      const part = sortValue(partValue!);
      const whole = sortValue(wholeValue!);
      return { kind: "share", plan: covered, part, whole, ratio: whole === 0 ? null : part / whole };
    }
    if (plan.compare) {
      if (plan.breakdown) throw new PlanNotExpressibleError("a comparison of a breakdown");
      const [current, previous] = (await scalars([spec(), spec({ period: plan.compare.period })])) as [
        MeasureValue,
        MeasureValue,
      ];
      const before = coverageOf(plan.compare.period);
      return {
        kind: "comparison",
        plan: covered,
        current,
        previous,
        // A past only partly recorded cannot be compared with: a change against it would be false.
        previousFirstDay: before ? before.firstDay : null,
      };
    }
    if (plan.breakdown) return breakdown(covered, rows, spec, withContext);
    const { value, context } = await withContext(plan.measure, spec());
    return { kind: "value", plan: covered, value, context };
  }

  /** Runs in the plan's period whose details could not be read, for measures of what came in. */
  async function unreadOf(query: TemplateQuery, plan: ResolvedQueryPlan): Promise<number> {
    if (!MEASURE_DEFS[plan.measure].category || plan.period.kind !== "days") return 0;
    const [row] = await query<Row>(
      {
        name: "unread runs",
        text: `SELECT count(*)::int AS value FROM ${options.schemas.app}.business_execution_data f
                WHERE f.data_unread AND NOT f.deleted
                  AND f.started_at >= ($1::date - 1)::timestamptz AND f.started_at < ($2::date + 2)::timestamptz
                  AND (f.started_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date`,
      },
      [plan.period.from, plan.period.to, options.timeZone],
    );
    return Number(row?.value ?? 0);
  }

  const withUnread = (
    plan: ResolvedQueryPlan,
    coverage: Coverage | null,
    unreadRuns: number,
  ): Coverage | null =>
    unreadRuns === 0 || plan.period.kind !== "days"
      ? coverage
      : { ...(coverage ?? { firstDay: plan.period.from, empty: false }), unreadRuns };

  /** Whether the period starts before the first day recorded (or lies wholly before it). */
  function coverageFrom(first: string | null, period: ResolvedPeriod): Coverage | null {
    if (period.kind !== "days" || period.spec.kind === "all_time") return null;
    if (first === null) return { firstDay: period.to, empty: true };
    if (period.from >= first) return null;
    return { firstDay: first, empty: period.to < first };
  }

  async function breakdown(
    plan: ResolvedQueryPlan,
    rows: (s: QuerySpec) => Promise<Row[]>,
    spec: (over?: Partial<QuerySpec>) => QuerySpec,
    figures: (
      measure: MeasureName,
      main: QuerySpec,
      extras: boolean,
    ) => Promise<{ value: MeasureValue; context: Partial<Record<MeasureName, MeasureValue>> }>,
  ): Promise<PlanResult> {
    const b = plan.breakdown!;
    const measure = plan.measure;
    // The measure over everything the breakdown splits ("93,9% overall; the most reliable is…"),
    // with the figures beside it for rates and durations, in one statement.
    const overall =
      MEASURE_DEFS[measure].unit === "instant" ? null : await figures(measure, spec(), !isCount(measure));
    const total = overall?.value ?? null;
    const context = overall?.context ?? {};
    const keyed = b.order === "key" || b.zeroOnly || b.order === "asc";
    // A ranking asks for a few more rows than its limit, to keep entries tied with the last one.
    const limit = keyed || b.limit === null ? null : b.limit + 5;
    let entries = entriesOf(
      measure,
      await rows(spec({ by: b.by, order: keyed ? "key" : b.order, limit, dropZero: !keyed })),
    );
    if (keyed) {
      let universe: { key: string; name: string }[] | null = null;
      if (b.by === "workflow") {
        const active = await rows(
          spec({ measure: "active_workflows", period: { kind: "none" }, by: "workflow", order: "key" }),
        );
        universe = active.map((r) => ({ key: toText(r.key), name: toText(r.name) }));
      } else {
        universe = universeOf(b.by, plan)?.map((key) => ({ key, name: key })) ?? null;
      }
      if (universe) {
        const seen = new Map(entries.map((e) => [e.key, e]));
        const merged = universe.map(
          (u) => seen.get(u.key) ?? { key: u.key, name: u.name, value: zero(measure) },
        );
        // Entries outside the universe (an inactive workflow that ran) still count in rankings.
        for (const e of entries) if (!universe.some((u) => u.key === e.key)) merged.push(e);
        entries = merged;
      }
      if (b.zeroOnly)
        entries = entries.filter((e) => sortValue(e.value) === 0 && universe?.some((u) => u.key === e.key));
      if (b.order === "asc") {
        entries.sort((a, c) => sortValue(a.value) - sortValue(c.value) || a.name.localeCompare(c.name));
      } else if (b.order === "desc") {
        entries.sort((a, c) => sortValue(c.value) - sortValue(a.value) || a.name.localeCompare(c.name));
      } else {
        const numeric = b.by === "hour" || b.by === "weekday";
        entries.sort((a, c) => (numeric ? Number(a.key) - Number(c.key) : a.key.localeCompare(c.key)));
      }
    }
    if (b.limit !== null && b.order !== "key" && entries.length > b.limit) {
      const last = sortValue(entries[b.limit - 1]!.value);
      let end = b.limit;
      while (end < entries.length && sortValue(entries[end]!.value) === last) end++;
      entries = entries.slice(0, end);
    }
    return { kind: "breakdown", plan, entries, total, context };
  }

  async function dailyPoints(plan: ResolvedQueryPlan, rows: (s: QuerySpec) => Promise<Row[]>) {
    if (plan.period.kind !== "days") throw new PlanNotExpressibleError("a daily series needs calendar days");
    const found = await rows({
      measure: plan.measure,
      filters: plan.filters,
      period: plan.period,
      by: "day",
      order: "key",
      limit: null,
      dropZero: false,
      timeZone: options.timeZone,
    });
    const points = found.map((r) => ({ day: toText(r.key), runs: Number(r.value ?? 0), failures: 0 }));
    return fillDays(points, plan.period.from, plan.period.to);
  }

  async function trend(plan: ResolvedQueryPlan, rows: (s: QuerySpec) => Promise<Row[]>): Promise<PlanResult> {
    const unit = MEASURE_DEFS[plan.measure].unit;
    if (unit !== "count" && unit !== "ratio" && unit !== "seconds")
      throw new PlanNotExpressibleError("a trend is of a count, a rate or a duration");
    const series = await dailyPoints(plan, rows);
    // Today is not over yet: the direction compares complete days only.
    const complete = series.at(-1)?.day === plan.today ? series.slice(0, -1) : series;
    const half = Math.floor(complete.length / 2);
    const valueOver = async (days: readonly { day: string; runs: number }[]): Promise<number> => {
      if (unit === "count") return days.reduce((a, p) => a + p.runs, 0);
      if (days.length === 0) return 0;
      const period: ResolvedPeriod = {
        kind: "days",
        from: days[0]!.day,
        to: days.at(-1)!.day,
        spec: { kind: "last_n_days", n: days.length },
      };
      const found = await rows({
        measure: plan.measure,
        filters: plan.filters,
        period,
        by: null,
        order: "desc",
        limit: null,
        dropZero: false,
        timeZone: options.timeZone,
      });
      return numberOf(valueOf(plan.measure, found)) ?? 0;
    };
    const first = await valueOver(complete.slice(0, half));
    const second = await valueOver(complete.slice(complete.length - half));
    const changePercent = first === 0 ? null : ((second - first) / first) * 100;
    const direction =
      changePercent === null
        ? second > 0
          ? "up"
          : "flat"
        : changePercent > 5
          ? "up"
          : changePercent < -5
            ? "down"
            : "flat";
    const points = series.map((p) => ({ day: p.day, value: p.runs }));
    const total = unit === "count" ? series.reduce((a, p) => a + p.runs, 0) : second;
    return { kind: "trend", plan, points, total, direction, changePercent };
  }

  async function forecast(
    plan: ResolvedQueryPlan,
    rows: (s: QuerySpec) => Promise<Row[]>,
  ): Promise<PlanResult> {
    if (!isCount(plan.measure)) throw new PlanNotExpressibleError("a forecast is of a count");
    const series = await dailyPoints(plan, rows);
    const horizon = plan.horizonDays ?? 7;
    // The history ends with the last complete day; the forecast starts tomorrow (today is under way).
    const lastDay = series.at(-1)?.day;
    const offset = lastDay ? daysBetween(parseCivil(lastDay), parseCivil(plan.today)) + 1 : 1;
    const result = forecastDaily(series, horizon, offset);
    return {
      kind: "forecast",
      plan,
      series: result.series,
      total: result.total,
      method: result.method,
      historyDays: result.historyDays,
      activeDays: result.activeDays,
      sparse: result.sparse,
    };
  }

  return { compiler, execute };
}
