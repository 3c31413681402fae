import type { DimensionName, MeasureName, ResolvedFilters, ResolvedPeriod } from "../../graph/plan.ts";
import { addDays, offsetMs, parseCivil, startOfDay } from "../calendar.ts";
import { n8nTable } from "../n8n/tables.ts";
import { MEASURE_DEFS } from "./measures.ts";
import { BoundParams, type BoundValue } from "./params.ts";
import { createSources, type FilterName, type Schemas, type SourceDef, type SourceName } from "./sources.ts";

/**
 * The plan compiler: one measure, its filters, a period and an optional dimension become one SQL
 * statement, written only from the declarations in measures.ts and sources.ts. Every value from the
 * plan is a bound parameter; identifiers are the configured schemas. A combination no source can
 * serve whole is refused with PlanNotExpressibleError — never approximated by a coarser query.
 */
export interface QuerySpec {
  readonly measure: MeasureName;
  readonly filters: ResolvedFilters;
  readonly period: ResolvedPeriod;
  readonly by: DimensionName | null;
  /** desc/asc by value, or key order (calendar, clock). */
  readonly order: "desc" | "asc" | "key";
  /** Rows to return (breakdowns); null: up to the compiler's cap. */
  readonly limit: number | null;
  /** Leave out entries whose value is 0 (desc rankings). */
  readonly dropZero: boolean;
  readonly timeZone: string;
}

export interface CompiledQuery {
  /** For logs and errors: measure, source and dimension, never values. */
  readonly name: string;
  readonly text: string;
  readonly params: readonly BoundValue[];
  readonly source: SourceName;
  /** Rows carry a `currency` column (money measures). */
  readonly perCurrency: boolean;
}

export class PlanNotExpressibleError extends Error {
  constructor(readonly reason: string) {
    super(`The plan cannot be expressed: ${reason}`);
    this.name = "PlanNotExpressibleError";
  }
}

/**
 * Which measures a dimension can break down. An error cause belongs to a failure, and a sender to an
 * email: runs by error cause or orders by sender would put everything else under one empty key.
 */
const DIMENSION_OF: Readonly<Record<DimensionName, (measure: MeasureName) => boolean>> = {
  workflow: () => true,
  day: () => true,
  weekday: () => true,
  hour: () => true,
  error_cause: (m) => m === "failures",
  // How many different senders, per sender, is one each: no ranking.
  sender: (m) => MEASURE_DEFS[m].category === "email" && m !== "distinct_senders",
};

/** Whether the spec's dimension (if any, and if declared at all) can break its measure down. */
function dimensionServes(spec: QuerySpec): boolean {
  if (spec.by === null) return true;
  const serves = (DIMENSION_OF as Partial<typeof DIMENSION_OF>)[spec.by];
  return serves === undefined || serves(spec.measure);
}

/** Most rows a breakdown without a limit returns (the read-only runner refuses more). */
export const BREAKDOWN_ROW_CAP = 400;

function activeFilters(f: ResolvedFilters): FilterName[] {
  const active: FilterName[] = [];
  if (f.workflows.length > 0) active.push("workflows");
  if (f.category !== null) active.push("category");
  if (f.status !== null) active.push("status");
  if (f.senders.length > 0) active.push("senders");
  if (f.weekdays !== null && f.weekdays.length > 0) active.push("weekdays");
  if (f.hours !== null) active.push("hours");
  return active;
}

function servesPeriod(source: SourceDef, period: ResolvedPeriod): boolean {
  if (period.kind === "none") return source.grain === "none";
  if (period.kind === "rolling") return source.grain === "instants";
  return source.grain === "days" || source.grain === "instants";
}

/** The bound value of an active filter. */
function filterValue(f: ResolvedFilters, name: FilterName): BoundValue {
  switch (name) {
    case "workflows":
      return f.workflows.map((w) => w.id);
    case "category":
      return f.category;
    case "status":
      return f.status;
    case "senders":
      return [...f.senders];
    case "weekdays":
      return [...(f.weekdays ?? [])];
    case "hours":
      return f.hours ? [f.hours.from, f.hours.to] : null;
  }
}

const FILTER_CASTS: Readonly<Record<FilterName, string>> = {
  workflows: "text[]",
  category: "text",
  status: "text",
  senders: "text[]",
  weekdays: "int[]",
  hours: "int[]",
};

/** Why no source serves the spec, for the refusal. */
function refusal(spec: QuerySpec, filters: readonly FilterName[]): string {
  const parts = [`measure ${spec.measure}`, `period ${spec.period.kind}`];
  if (filters.length) parts.push(`filters ${filters.join(", ")}`);
  if (spec.by) parts.push(`by ${spec.by}`);
  return `no source serves ${parts.join(", ")}`;
}

const HOUR_MS = 3_600_000;

/**
 * The whole local hours inside a rolling span, as the hourly aggregates key them, or null when the
 * span holds none or crosses a change of the zone's offset (a repeated or skipped hour would not map
 * onto one aggregate row). `from`/`to` are the instants of the first and past the last whole hour.
 */
export function wholeHoursOf(
  period: Extract<ResolvedPeriod, { kind: "rolling" }>,
  timeZone: string,
): {
  from: string;
  to: string;
  localFrom: string;
  localTo: string;
  firstDay: string;
  lastDay: string;
} | null {
  const start = new Date(period.from).getTime();
  const end = new Date(period.to).getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  let offset: number;
  try {
    offset = offsetMs(new Date(start), timeZone);
    // A span of at most 31 days holds at most one change of offset: equal offsets at both ends mean none.
    if (offsetMs(new Date(end), timeZone) !== offset) return null;
  } catch {
    return null; // not a time zone: the facts alone, which bind it as a value
  }
  const localStart = Math.ceil((start + offset) / HOUR_MS) * HOUR_MS;
  const localEnd = Math.floor((end + offset) / HOUR_MS) * HOUR_MS;
  if (localEnd - localStart < HOUR_MS) return null;
  const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  return {
    from: new Date(localStart - offset).toISOString(),
    to: new Date(localEnd - offset).toISOString(),
    localFrom: wall(localStart),
    localTo: wall(localEnd),
    firstDay: wall(localStart).slice(0, 10),
    lastDay: wall(localEnd - HOUR_MS).slice(0, 10),
  };
}

export interface PlanCompiler {
  compile(spec: QuerySpec): CompiledQuery;
  /** The source that would serve the spec, or null when none can (no SQL is built). */
  sourceFor(spec: QuerySpec): SourceName | null;
}

export function createPlanCompiler(schemas: Schemas): PlanCompiler {
  const sources = createSources(schemas);
  const hourly = sources.find((x) => x.name === "hourly")!;
  const facts = sources.find((x) => x.name === "facts")!;

  function choose(spec: QuerySpec): SourceDef | null {
    const def = MEASURE_DEFS[spec.measure];
    const filters = activeFilters(spec.filters);
    if (!dimensionServes(spec)) return null;
    return (
      sources.find(
        (source) =>
          def.sql[source.name] !== undefined &&
          servesPeriod(source, spec.period) &&
          filters.every((f) => source.filters[f] !== undefined) &&
          (spec.by === null || source.dims[spec.by] !== undefined),
      ) ?? null
    );
  }

  /**
   * A count over a rolling span reads its whole local hours from the hourly aggregates and only the
   * ragged edges from the facts, so "the last 48 hours" costs about 48 aggregate rows and two short
   * index ranges instead of every execution of two days. Null when the spec does not split.
   */
  function compileRollingCount(spec: QuerySpec): CompiledQuery | null {
    const def = MEASURE_DEFS[spec.measure];
    const period = spec.period;
    if (period.kind !== "rolling" || spec.by !== null || def.unit !== "count") return null;
    const [hSql, fSql] = [def.sql.hourly, def.sql.facts];
    const filters = activeFilters(spec.filters);
    if (!hSql || !fSql || hSql.currency || fSql.currency) return null;
    if (!filters.every((f) => hourly.filters[f] !== undefined && facts.filters[f] !== undefined)) return null;
    const whole = wholeHoursOf(period, spec.timeZone);
    if (!whole) return null;

    const p = new BoundParams();
    let tzPlaceholder: string | null = null;
    const tz = () => (tzPlaceholder ??= p.bind(spec.timeZone, "text"));
    const filterSql = (source: SourceDef) =>
      filters.map((name) =>
        source.filters[name]!(p.bind(filterValue(spec.filters, name), FILTER_CASTS[name]), tz),
      );

    const hourStart = "(h.day + make_interval(hours => h.hour::int))";
    const hWhere = [
      `h.day BETWEEN ${p.bind(whole.firstDay, "date")} AND ${p.bind(whole.lastDay, "date")}`,
      `${hourStart} >= ${p.bind(whole.localFrom, "timestamp")} AND ${hourStart} < ${p.bind(whole.localTo, "timestamp")}`,
      ...(hSql.where ? [hSql.where] : []),
      ...filterSql(hourly),
    ];
    const t = (v: string) => p.bind(v, "timestamptz");
    const edges = `((f.started_at >= ${t(period.from)} AND f.started_at < ${t(whole.from)}) OR (f.started_at >= ${t(whole.to)} AND f.started_at < ${t(period.to)}))`;
    const fWhere = [facts.base!, ...(fSql.where ? [fSql.where] : []), edges, ...filterSql(facts)];
    const text =
      `SELECT (SELECT coalesce(${hSql.value}, 0) FROM ${hourly.table(schemas)} h WHERE ${hWhere.join(" AND ")})` +
      ` + (SELECT coalesce(${fSql.value}, 0) FROM ${facts.table(schemas)} f WHERE ${fWhere.join(" AND ")}) AS value`;
    return {
      name: `${spec.measure}@hourly+facts`,
      text,
      params: p.values,
      source: "hourly",
      perCurrency: false,
    };
  }

  function compile(spec: QuerySpec): CompiledQuery {
    const split = compileRollingCount(spec);
    if (split) return split;
    const def = MEASURE_DEFS[spec.measure];
    if (def.unit === "summary") throw new PlanNotExpressibleError(`${spec.measure} is a bundle of measures`);
    if (!dimensionServes(spec))
      throw new PlanNotExpressibleError(`no breakdown by ${spec.by} for measure ${spec.measure}`);
    const filters = activeFilters(spec.filters);
    const source = choose(spec);
    if (!source) throw new PlanNotExpressibleError(refusal(spec, filters));
    const sql = def.sql[source.name]!;
    const p = new BoundParams();
    let tzPlaceholder: string | null = null;
    const tz = () => (tzPlaceholder ??= p.bind(spec.timeZone, "text"));

    const where: string[] = [];
    if (source.base) where.push(source.base);
    if (sql.where) where.push(sql.where);
    const period = spec.period;
    if (period.kind === "days") {
      if (source.grain === "days") {
        where.push(
          `${source.day(tz)} BETWEEN ${p.bind(period.from, "date")} AND ${p.bind(period.to, "date")}`,
        );
      } else {
        const from = startOfDay(parseCivil(period.from), spec.timeZone).toISOString();
        const to = startOfDay(addDays(parseCivil(period.to), 1), spec.timeZone).toISOString();
        where.push(
          `${source.instant} >= ${p.bind(from, "timestamptz")} AND ${source.instant} < ${p.bind(to, "timestamptz")}`,
        );
      }
    } else if (period.kind === "rolling") {
      where.push(
        `${source.instant} >= ${p.bind(period.from, "timestamptz")} AND ${source.instant} < ${p.bind(period.to, "timestamptz")}`,
      );
    }
    for (const name of filters)
      where.push(source.filters[name]!(p.bind(filterValue(spec.filters, name), FILTER_CASTS[name]), tz));

    const select: string[] = [];
    const group: string[] = [];
    let join = "";
    if (spec.by !== null) {
      const key = source.dims[spec.by]!(tz);
      select.push(`${key} AS key`);
      group.push("1");
      if (spec.by === "workflow") {
        join = ` LEFT JOIN ${n8nTable(schemas, "workflow_entity")} wn ON wn.id = ${source.workflowId}`;
        const recorded = source.workflowName ? `max(${source.workflowName}), ` : "";
        select.push(`coalesce(max(wn.name), ${recorded}${key}) AS name`);
      }
    }
    if (sql.currency) {
      select.push(`${sql.currency} AS currency`);
      group.push(sql.currency);
    }
    select.push(`${sql.value} AS value`);

    let text = `SELECT ${select.join(", ")} FROM ${source.table(schemas)} ${source.alias}${join}`;
    if (where.length) text += ` WHERE ${where.join(" AND ")}`;
    if (group.length) text += ` GROUP BY ${group.join(", ")}`;
    if (spec.by !== null) {
      if (spec.dropZero) text += ` HAVING ${sql.value} ${def.unit === "instant" ? "IS NOT NULL" : "> 0"}`;
      text +=
        spec.order === "key"
          ? " ORDER BY key"
          : spec.order === "desc"
            ? " ORDER BY value DESC NULLS LAST, key"
            : " ORDER BY value ASC NULLS FIRST, key";
      text += ` LIMIT ${p.bind(Math.min(spec.limit ?? BREAKDOWN_ROW_CAP, BREAKDOWN_ROW_CAP), "int")}`;
    }
    const name = `${spec.measure}@${source.name}${spec.by ? ` by ${spec.by}` : ""}`;
    return { name, text, params: p.values, source: source.name, perCurrency: sql.currency !== undefined };
  }

  return {
    compile,
    sourceFor: (spec) => choose(spec)?.name ?? null,
  };
}
