import type { DimensionName, MeasureName, ResolvedFilters, ResolvedPeriod } from "../../graph/plan.ts";
import { addDays, parseCivil, startOfDay } from "../calendar.ts";
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
  sender: (m) => MEASURE_DEFS[m].category === "email",
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

/** Why no source serves the spec, for the refusal. */
function refusal(spec: QuerySpec, filters: readonly FilterName[]): string {
  const parts = [`measure ${spec.measure}`, `period ${spec.period.kind}`];
  if (filters.length) parts.push(`filters ${filters.join(", ")}`);
  if (spec.by) parts.push(`by ${spec.by}`);
  return `no source serves ${parts.join(", ")}`;
}

export interface PlanCompiler {
  compile(spec: QuerySpec): CompiledQuery;
  /** The source that would serve the spec, or null when none can (no SQL is built). */
  sourceFor(spec: QuerySpec): SourceName | null;
}

export function createPlanCompiler(schemas: Schemas): PlanCompiler {
  const sources = createSources(schemas);

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

  function compile(spec: QuerySpec): CompiledQuery {
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
    const f = spec.filters;
    const values: Record<FilterName, () => BoundValue> = {
      workflows: () => f.workflows.map((w) => w.id),
      category: () => f.category,
      status: () => f.status,
      senders: () => [...f.senders],
      weekdays: () => [...(f.weekdays ?? [])],
      hours: () => (f.hours ? [f.hours.from, f.hours.to] : null),
    };
    const casts: Record<FilterName, string> = {
      workflows: "text[]",
      category: "text",
      status: "text",
      senders: "text[]",
      weekdays: "int[]",
      hours: "int[]",
    };
    for (const name of filters) where.push(source.filters[name]!(p.bind(values[name](), casts[name]), tz));

    const select: string[] = [];
    const group: string[] = [];
    let join = "";
    if (spec.by !== null) {
      const key = source.dims[spec.by]!(tz);
      select.push(`${key} AS key`);
      group.push("1");
      if (spec.by === "workflow") {
        join = ` LEFT JOIN ${schemas.n8n}.workflow_entity wn ON wn.id = ${source.workflowId}`;
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
