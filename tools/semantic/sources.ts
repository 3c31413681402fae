import { n8nTable, type N8nLocation } from "../n8n/tables.ts";
import type { DimensionName } from "../../graph/plan.ts";

/**
 * Where the semantic layer reads: Milhena's business tables (kept by the ETL) and n8n's workflow
 * table. Each source says which periods, filters and dimensions it can serve and with which SQL
 * expression; the compiler takes the first source (in SOURCES order, coarsest first) that can serve a
 * plan whole. Expressions are fixed text over the source's alias; values reach them only as bound
 * parameters.
 */
export type SourceName = "hourly" | "senders" | "errors" | "facts" | "workflows";

export interface Schemas extends N8nLocation {
  readonly app: string;
}

/** How a source is cut in time: local calendar days, exact instants, or not at all (inventory). */
export type SourceGrain = "days" | "instants" | "none";

export type FilterName = "workflows" | "category" | "status" | "senders" | "weekdays" | "hours";

/** Builds a condition from the bound placeholder of its value. */
type Condition = (placeholder: string) => string;

/** The placeholder of the business time zone, bound the first time an expression needs it. */
export type TimeZoneRef = () => string;

export interface SourceDef {
  readonly name: SourceName;
  readonly alias: string;
  table(s: Schemas): string;
  readonly grain: SourceGrain;
  /** Local calendar day of a row, given the business time zone's placeholder (bound on first use). */
  day(tz: TimeZoneRef): string;
  /** Start instant of a row (instants grain). */
  readonly instant: string | null;
  /** Always true of the rows that count (not deleted, started). */
  readonly base: string | null;
  /** The row's workflow id (every source has one). */
  readonly workflowId: string;
  /** The workflow's name as recorded, when n8n no longer has it. */
  readonly workflowName: string | null;
  /** Filter conditions, given the placeholder of the bound value (and of the time zone). */
  readonly filters: Partial<Record<FilterName, (value: string, tz: TimeZoneRef) => string>>;
  /** Dimension keys (as text), given the time zone's placeholder. */
  readonly dims: Partial<Record<DimensionName, (tz: TimeZoneRef) => string>>;
}

const local = (instant: string, tz: TimeZoneRef) => `(${instant} AT TIME ZONE ${tz()})`;
const inCategory =
  (column: string, app: string): Condition =>
  (placeholder) =>
    `${column} IN (SELECT workflow_id FROM ${app}.business_workflows WHERE category = ${placeholder})`;

/** The category filter needs the app schema: sources are built per schema pair. */
export function createSources(s: Schemas): readonly SourceDef[] {
  const hourly: SourceDef = {
    name: "hourly",
    alias: "h",
    table: ({ app }) => `${app}.business_hourly`,
    grain: "days",
    day: () => "h.day",
    instant: null,
    base: null,
    workflowId: "h.workflow_id",
    workflowName: "h.workflow_name",
    filters: {
      workflows: (v) => `h.workflow_id = ANY(${v})`,
      category: inCategory("h.workflow_id", s.app),
      weekdays: (v) => `EXTRACT(ISODOW FROM h.day)::int = ANY(${v})`,
      hours: (v) => `h.hour >= (${v})[1] AND h.hour < (${v})[2]`,
    },
    dims: {
      workflow: () => "h.workflow_id",
      day: () => "to_char(h.day, 'YYYY-MM-DD')",
      weekday: () => "EXTRACT(ISODOW FROM h.day)::int::text",
      hour: () => "h.hour::text",
    },
  };
  const senders: SourceDef = {
    name: "senders",
    alias: "s",
    table: ({ app }) => `${app}.business_senders_daily`,
    grain: "days",
    day: () => "s.day",
    instant: null,
    base: null,
    workflowId: "s.workflow_id",
    workflowName: null,
    filters: {
      workflows: (v) => `s.workflow_id = ANY(${v})`,
      category: inCategory("s.workflow_id", s.app),
      senders: (v) => `s.sender = ANY(${v})`,
      weekdays: (v) => `EXTRACT(ISODOW FROM s.day)::int = ANY(${v})`,
    },
    dims: {
      sender: () => "s.sender",
      day: () => "to_char(s.day, 'YYYY-MM-DD')",
      weekday: () => "EXTRACT(ISODOW FROM s.day)::int::text",
    },
  };
  const errors: SourceDef = {
    name: "errors",
    alias: "e",
    table: ({ app }) => `${app}.business_errors_daily`,
    grain: "days",
    day: () => "e.day",
    instant: null,
    base: null,
    workflowId: "e.workflow_id",
    workflowName: "e.workflow_name",
    filters: {
      workflows: (v) => `e.workflow_id = ANY(${v})`,
      category: inCategory("e.workflow_id", s.app),
      weekdays: (v) => `EXTRACT(ISODOW FROM e.day)::int = ANY(${v})`,
    },
    dims: {
      workflow: () => "e.workflow_id",
      error_cause: () => "e.cause",
      day: () => "to_char(e.day, 'YYYY-MM-DD')",
      weekday: () => "EXTRACT(ISODOW FROM e.day)::int::text",
    },
  };
  const facts: SourceDef = {
    name: "facts",
    alias: "f",
    table: ({ app }) => `${app}.business_execution_data`,
    grain: "instants",
    day: (tz) => `${local("f.started_at", tz)}::date`,
    instant: "f.started_at",
    base: "NOT f.deleted AND f.started_at IS NOT NULL",
    workflowId: "f.workflow_id",
    workflowName: "f.workflow_name",
    filters: {
      workflows: (v) => `f.workflow_id = ANY(${v})`,
      category: inCategory("f.workflow_id", s.app),
      status: (v) => `(CASE WHEN f.status IN ('error', 'crashed') THEN 'failed' ELSE f.status END) = ${v}`,
      senders: (v) => `f.category = 'email' AND f.email_sender = ANY(${v})`,
      weekdays: (v, tz) => `EXTRACT(ISODOW FROM ${local("f.started_at", tz)})::int = ANY(${v})`,
      hours: (v, tz) =>
        `EXTRACT(HOUR FROM ${local("f.started_at", tz)}) >= (${v})[1] AND EXTRACT(HOUR FROM ${local("f.started_at", tz)}) < (${v})[2]`,
    },
    dims: {
      workflow: () => "f.workflow_id",
      sender: () => "f.email_sender",
      day: (tz) => `to_char(${local("f.started_at", tz)}::date, 'YYYY-MM-DD')`,
      weekday: (tz) => `EXTRACT(ISODOW FROM ${local("f.started_at", tz)})::int::text`,
      hour: (tz) => `EXTRACT(HOUR FROM ${local("f.started_at", tz)})::int::text`,
      error_cause: () => "coalesce(f.error_cause, 'other')",
    },
  };
  const workflows: SourceDef = {
    name: "workflows",
    alias: "w",
    table: (at) => n8nTable(at, "workflow_entity"),
    grain: "none",
    day: () => "NULL",
    instant: null,
    base: null,
    workflowId: "w.id",
    workflowName: "w.name",
    filters: {
      workflows: (v) => `w.id = ANY(${v})`,
      category: inCategory("w.id", s.app),
    },
    dims: { workflow: () => "w.id" },
  };
  return [hourly, senders, errors, facts, workflows];
}
