import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import {
  BreakdownSchema,
  DIMENSIONS,
  DraftPlanSchema,
  MEASURES,
  ResolvedFiltersSchema,
  ResolvedQueryPlanSchema,
  type DimensionName,
  type MeasureName,
  type ResolvedFilters,
  type ResolvedPeriod,
} from "../../graph/plan.ts";
import {
  BREAKDOWN_ROW_CAP,
  createPlanCompiler,
  PlanNotExpressibleError,
  type CompiledQuery,
  type QuerySpec,
} from "./compiler.ts";
import { MEASURE_DEFS } from "./measures.ts";
import type { BoundValue } from "./params.ts";
import { createSources, type FilterName, type SourceDef, type SourceName } from "./sources.ts";

const SCHEMAS = { app: "milhena", n8n: "n8n" } as const;
const TZ = "Europe/Rome";
const compiler = createPlanCompiler(SCHEMAS);
const SOURCES = createSources(SCHEMAS);
const sourceNamed = (name: SourceName): SourceDef => SOURCES.find((s) => s.name === name)!;

const NO_FILTERS: ResolvedFilters = {
  workflows: [],
  category: null,
  status: null,
  senders: [],
  weekdays: null,
  hours: null,
};

const DAYS: ResolvedPeriod = {
  kind: "days",
  from: "2026-11-01",
  to: "2026-11-18",
  spec: { kind: "this_month" },
};
const ROLLING: ResolvedPeriod = {
  kind: "rolling",
  hours: 3,
  from: "2026-11-18T11:00:00.000Z",
  to: "2026-11-18T14:00:00.000Z",
  spec: { kind: "rolling_hours", hours: 3 },
};
const NONE: ResolvedPeriod = { kind: "none" };

/** One active value per filter; typed as a full record so that a new filter name must be added here. */
const FILTER_SAMPLES: Record<FilterName, Partial<ResolvedFilters>> = {
  workflows: { workflows: [{ id: "wf-1", name: "Smistamento email clienti" }] },
  category: { category: "order" },
  status: { status: "failed" },
  senders: { senders: ["Laura Conti"] },
  weekdays: { weekdays: [6, 7] },
  hours: { hours: { from: 9, to: 12 } },
};
const FILTERS = Object.keys(FILTER_SAMPLES) as FilterName[];

/** The value each filter binds, and the cast the compiler gives it. */
const BOUND: Record<FilterName, { value: (f: ResolvedFilters) => BoundValue; cast: string }> = {
  workflows: { value: (f) => f.workflows.map((w) => w.id), cast: "text[]" },
  category: { value: (f) => f.category, cast: "text" },
  status: { value: (f) => f.status, cast: "text" },
  senders: { value: (f) => [...f.senders], cast: "text[]" },
  weekdays: { value: (f) => [...(f.weekdays ?? [])], cast: "int[]" },
  hours: { value: (f) => (f.hours ? [f.hours.from, f.hours.to] : null), cast: "int[]" },
};

function spec(over: Partial<QuerySpec> = {}): QuerySpec {
  return {
    measure: "runs",
    filters: NO_FILTERS,
    period: DAYS,
    by: null,
    order: "desc",
    limit: null,
    dropZero: false,
    timeZone: TZ,
    ...over,
  };
}

const withFilters = (...parts: Partial<ResolvedFilters>[]): ResolvedFilters =>
  Object.assign({}, NO_FILTERS, ...parts) as ResolvedFilters;

/** The period a measure is asked over when nothing else is said: none for the inventory. */
const periodFor = (measure: MeasureName): ResolvedPeriod =>
  MEASURE_DEFS[measure].defaultPeriod === null ? NONE : DAYS;

type Outcome =
  { kind: "compiled"; query: CompiledQuery } | { kind: "refused"; error: PlanNotExpressibleError };

/** Compiles or is refused; any other error fails the test. */
function outcomeOf(s: QuerySpec): Outcome {
  try {
    return { kind: "compiled", query: compiler.compile(s) };
  } catch (error) {
    if (error instanceof PlanNotExpressibleError) return { kind: "refused", error };
    throw error;
  }
}

function compiled(s: QuerySpec): CompiledQuery {
  const outcome = outcomeOf(s);
  if (outcome.kind !== "compiled")
    throw new Error(`expected ${s.measure} to compile: ${outcome.error.reason}`);
  return outcome.query;
}

function refused(s: QuerySpec): PlanNotExpressibleError {
  const outcome = outcomeOf(s);
  if (outcome.kind !== "refused") throw new Error(`expected a refusal, got ${outcome.query.name}`);
  return outcome.error;
}

function activeFilters(f: ResolvedFilters): FilterName[] {
  return FILTERS.filter((name) => {
    const v = BOUND[name].value(f);
    return Array.isArray(v) ? v.length > 0 : v !== null;
  });
}

const servesPeriod = (source: SourceDef, period: ResolvedPeriod): boolean =>
  period.kind === "none"
    ? source.grain === "none"
    : period.kind === "rolling"
      ? source.grain === "instants"
      : source.grain !== "none";

/**
 * What the declarations say: the first source (coarsest first) with SQL for the measure, that cuts
 * time as the period needs and declares every active filter and the dimension; none for summaries.
 */
function declaredSource(s: QuerySpec): SourceDef | null {
  const def = MEASURE_DEFS[s.measure];
  if (def.unit === "summary") return null;
  // Causes are of failures, senders of emails: any other measure would lump the rest under no key.
  if (s.by === "error_cause" && s.measure !== "failures") return null;
  if (s.by === "sender" && (def.category !== "email" || s.measure === "distinct_senders")) return null;
  const filters = activeFilters(s.filters);
  return (
    SOURCES.find(
      (source) =>
        def.sql[source.name] !== undefined &&
        servesPeriod(source, s.period) &&
        filters.every((f) => source.filters[f] !== undefined) &&
        (s.by === null || source.dims[s.by] !== undefined),
    ) ?? null
  );
}

/** The placeholder numbers used in a statement's text. */
function placeholders(text: string): number[] {
  return [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
}

/** `$k::cast` of the bound value equal to `value` (the first such). */
function placeholderOf(q: CompiledQuery, value: BoundValue, cast: string): string {
  const i = q.params.findIndex((p) => isDeepStrictEqual(p, value));
  expect(i, `value ${JSON.stringify(value)} is bound`).toBeGreaterThanOrEqual(0);
  return `$${i + 1}::${cast}`;
}

/** The time zone's placeholder, as the declarations' expressions receive it. */
const tzRef = (q: CompiledQuery, timeZone: string) => () => placeholderOf(q, timeZone, "text");

/**
 * A count over a rolling span with whole hours in it, on filters both the hourly aggregates and the
 * facts declare: its whole hours come from the aggregates and its edges from the facts.
 */
function splitsRolling(s: QuerySpec): boolean {
  const def = MEASURE_DEFS[s.measure];
  const [hourly, facts] = [
    SOURCES.find((x) => x.name === "hourly")!,
    SOURCES.find((x) => x.name === "facts")!,
  ];
  return (
    s.period.kind === "rolling" &&
    s.by === null &&
    def.unit === "count" &&
    def.sql.hourly !== undefined &&
    def.sql.facts !== undefined &&
    activeFilters(s.filters).every((f) => hourly.filters[f] !== undefined && facts.filters[f] !== undefined)
  );
}

/** Properties every compiled statement has, whatever it was compiled from. */
function expectWellFormed(q: CompiledQuery): void {
  const used = placeholders(q.text);
  const distinct = [...new Set(used)].sort((a, b) => a - b);
  // Every bound value is used, and nothing is used that is not bound: $1..$n, n = params.length.
  expect(distinct).toEqual(Array.from({ length: q.params.length }, (_, i) => i + 1));
  // Every placeholder carries its type.
  expect(q.text.match(/\$\d+(?!\d|::)/g)).toBeNull();
  // One statement, no comments.
  expect(q.text).not.toContain(";");
  expect(q.text).not.toContain("--");
}

/** The statement is what the declarations say for this spec and source. */
function expectDeclared(q: CompiledQuery, s: QuerySpec, source: SourceDef): void {
  const sql = MEASURE_DEFS[s.measure].sql[source.name]!;
  const tz = tzRef(q, s.timeZone);
  expect(q.source).toBe(source.name);
  expect(q.name).toBe(`${s.measure}@${source.name}${s.by ? ` by ${s.by}` : ""}`);
  expect(q.text.startsWith("SELECT ")).toBe(true);
  expect(q.text).toContain(` FROM ${source.table(SCHEMAS)} ${source.alias}`);
  expect(q.text).toContain(`${sql.value} AS value`);
  if (sql.where) expect(q.text).toContain(sql.where);
  if (source.base) expect(q.text).toContain(source.base);
  expect(q.perCurrency).toBe(sql.currency !== undefined);
  if (sql.currency) expect(q.text).toContain(`${sql.currency} AS currency`);
  for (const name of activeFilters(s.filters)) {
    const placeholder = placeholderOf(q, BOUND[name].value(s.filters), BOUND[name].cast);
    expect(q.text).toContain(source.filters[name]!(placeholder, tz));
  }
  if (s.by === null) {
    expect(q.text).not.toContain(" AS key");
    expect(q.text).not.toContain("ORDER BY");
    expect(q.text).not.toContain("LIMIT");
    if (sql.currency) expect(q.text).toContain(` GROUP BY ${sql.currency}`);
    else expect(q.text).not.toContain("GROUP BY");
  } else {
    expect(q.text).toContain(`SELECT ${source.dims[s.by]!(tz)} AS key`);
    expect(q.text).toContain(` GROUP BY 1${sql.currency ? `, ${sql.currency}` : ""}`);
    expect(q.text).toMatch(/ ORDER BY .* LIMIT \$\d+::int$/);
  }
}

// ---------------------------------------------------------------------------------------------------

describe("the enumerations the matrix is built from", () => {
  it("declares every measure of the plan schema, under its own name", () => {
    expect(Object.keys(MEASURE_DEFS).sort()).toEqual([...MEASURES].sort());
    for (const m of MEASURES) expect(MEASURE_DEFS[m].name).toBe(m);
  });

  it("samples every filter of the resolved plan schema", () => {
    expect([...FILTERS].sort()).toEqual(Object.keys(ResolvedFiltersSchema.shape).sort());
    for (const name of FILTERS) expect(activeFilters(withFilters(FILTER_SAMPLES[name]))).toEqual([name]);
  });

  it("has the dimensions of the docs", () => {
    expect([...DIMENSIONS]).toEqual(["workflow", "sender", "day", "weekday", "hour", "error_cause"]);
  });

  it("has sources coarsest first, each with a distinct alias", () => {
    expect(SOURCES.map((s) => s.name)).toEqual(["hourly", "senders", "errors", "facts", "workflows"]);
    expect(new Set(SOURCES.map((s) => s.alias)).size).toBe(SOURCES.length);
  });
});

describe("each measure × each dimension", () => {
  const pairs = MEASURES.flatMap((measure) => DIMENSIONS.map((by) => [measure, by] as const));

  it.each(pairs)("%s by %s compiles from its declarations or is refused", (measure, by) => {
    const s = spec({ measure, by, period: periodFor(measure) });
    const outcome = outcomeOf(s);
    const declared = declaredSource(s);
    expect(compiler.sourceFor(s)).toBe(declared?.name ?? null);
    if (declared === null) {
      expect(outcome.kind).toBe("refused");
    } else {
      expect(outcome.kind).toBe("compiled");
      if (outcome.kind === "compiled") {
        expectWellFormed(outcome.query);
        expectDeclared(outcome.query, s, declared);
      }
    }
  });
});

describe("each measure × each filter", () => {
  const pairs = MEASURES.flatMap((measure) => FILTERS.map((filter) => [measure, filter] as const));

  it.each(pairs)("%s filtered by %s compiles from its declarations or is refused", (measure, filter) => {
    const s = spec({ measure, filters: withFilters(FILTER_SAMPLES[filter]), period: periodFor(measure) });
    const outcome = outcomeOf(s);
    const declared = declaredSource(s);
    expect(compiler.sourceFor(s)).toBe(declared?.name ?? null);
    if (declared === null) {
      expect(outcome.kind).toBe("refused");
    } else {
      expect(outcome.kind).toBe("compiled");
      if (outcome.kind === "compiled") {
        expectWellFormed(outcome.query);
        expectDeclared(outcome.query, s, declared);
      }
    }
  });
});

describe("every measure × dimension × filter × period", () => {
  it("compiles exactly the combinations some source declares whole, and refuses the others", () => {
    let compiledCount = 0;
    let refusedCount = 0;
    for (const measure of MEASURES)
      for (const by of [null, ...DIMENSIONS] as (DimensionName | null)[])
        for (const filter of [null, ...FILTERS])
          for (const period of [DAYS, ROLLING, NONE]) {
            const s = spec({
              measure,
              by,
              period,
              filters: filter ? withFilters(FILTER_SAMPLES[filter]) : NO_FILTERS,
            });
            const outcome = outcomeOf(s);
            const declared = declaredSource(s);
            const label = `${measure} by ${by} filter ${filter} period ${period.kind}`;
            expect(outcome.kind, label).toBe(declared ? "compiled" : "refused");
            if (outcome.kind === "compiled") {
              compiledCount++;
              expect(outcome.query.source, label).toBe(splitsRolling(s) ? "hourly" : declared!.name);
              expectWellFormed(outcome.query);
            } else {
              refusedCount++;
            }
          }
    // Both outcomes really occur (the matrix is not vacuous).
    expect(compiledCount).toBeGreaterThan(1000);
    expect(refusedCount).toBeGreaterThan(1000);
  });

  it("two filters together need one source declaring both", () => {
    for (const measure of MEASURES)
      for (const a of FILTERS)
        for (const b of FILTERS) {
          const s = spec({
            measure,
            period: periodFor(measure),
            filters: withFilters(FILTER_SAMPLES[a], FILTER_SAMPLES[b]),
          });
          const outcome = outcomeOf(s);
          const declared = declaredSource(s);
          expect(outcome.kind, `${measure} ${a}+${b}`).toBe(declared ? "compiled" : "refused");
          if (outcome.kind === "compiled") expectDeclared(outcome.query, s, declared!);
        }
  });
});

describe("representative plans, checked against the declarations by hand", () => {
  const emails = withFilters(FILTER_SAMPLES.senders);
  const accepted: [string, Partial<QuerySpec>, SourceName][] = [
    ["runs today", { measure: "runs" }, "hourly"],
    ["runs by workflow", { measure: "runs", by: "workflow" }, "hourly"],
    [
      "runs by hour, mornings only",
      { measure: "runs", by: "hour", filters: withFilters({ hours: { from: 6, to: 12 } }) },
      "hourly",
    ],
    [
      "runs on weekends by weekday",
      { measure: "runs", by: "weekday", filters: withFilters({ weekdays: [6, 7] }) },
      "hourly",
    ],
    ["failures by error cause (the errors table)", { measure: "failures", by: "error_cause" }, "errors"],
    [
      "failures by error cause of one workflow on Mondays",
      {
        measure: "failures",
        by: "error_cause",
        filters: withFilters(FILTER_SAMPLES.workflows, { weekdays: [1] }),
      },
      "errors",
    ],
    [
      "failures by error cause in the morning (errors has no hours)",
      { measure: "failures", by: "error_cause", filters: withFilters({ hours: { from: 6, to: 12 } }) },
      "facts",
    ],
    ["emails by sender", { measure: "emails_received", by: "sender" }, "senders"],
    ["emails from one sender", { measure: "emails_received", filters: emails }, "senders"],
    [
      "emails from one sender by hour (senders has no hour)",
      { measure: "emails_received", by: "hour", filters: emails },
      "facts",
    ],
    ["distinct senders (hourly has no SQL for it)", { measure: "distinct_senders" }, "senders"],
    ["distinct senders by hour", { measure: "distinct_senders", by: "hour" }, "facts"],
    [
      "runs of one sender's emails (hourly has no sender filter)",
      { measure: "runs", filters: emails },
      "facts",
    ],
    [
      "average duration of failed runs (status only on facts)",
      { measure: "avg_duration", filters: withFilters({ status: "failed" }) },
      "facts",
    ],
    [
      "runs in the last 3 hours (whole hours from the aggregates)",
      { measure: "runs", period: ROLLING },
      "hourly",
    ],
    [
      "the longest run in the last 3 hours (not a count: instants)",
      { measure: "max_duration", period: ROLLING },
      "facts",
    ],
    [
      "failed runs in the last 3 hours (status only on facts)",
      { measure: "runs", period: ROLLING, filters: withFilters({ status: "failed" }) },
      "facts",
    ],
    ["latest email (facts only)", { measure: "latest_email" }, "facts"],
    ["order value by day", { measure: "order_value_sum", by: "day" }, "hourly"],
    ["active workflows", { measure: "active_workflows", period: NONE }, "workflows"],
    [
      "active workflows by workflow",
      { measure: "active_workflows", period: NONE, by: "workflow" },
      "workflows",
    ],
    [
      "email workflows set up",
      { measure: "workflows_total", period: NONE, filters: withFilters({ category: "email" }) },
      "workflows",
    ],
  ];

  it.each(accepted)("%s → %s", (_label, over, source) => {
    const s = spec(over);
    const q = compiled(s);
    expect(q.source).toBe(source);
    expectWellFormed(q);
    if (!splitsRolling(s)) expectDeclared(q, s, sourceNamed(source));
    else {
      // Both halves are the measure's own declarations, summed.
      const sql = MEASURE_DEFS[s.measure].sql;
      expect(q.text).toContain(`coalesce(${sql.hourly!.value}, 0) FROM milhena.business_hourly h`);
      expect(q.text).toContain(`coalesce(${sql.facts!.value}, 0) FROM milhena.business_execution_data f`);
    }
  });

  const refusedCases: [string, Partial<QuerySpec>, RegExp][] = [
    [
      "active workflows today: no source with a period has SQL for it",
      { measure: "active_workflows", period: DAYS },
      /measure active_workflows, period days/,
    ],
    [
      "workflows in total over a rolling span",
      { measure: "workflows_total", period: ROLLING },
      /period rolling/,
    ],
    ["active workflows by day", { measure: "active_workflows", period: NONE, by: "day" }, /by day/],
    ["active workflows by day", { measure: "active_workflows", period: NONE, by: "day" }, /by day/],
    [
      "active workflows that failed",
      { measure: "active_workflows", period: NONE, filters: withFilters({ status: "failed" }) },
      /filters status/,
    ],
    [
      "workflows in total on weekends",
      { measure: "workflows_total", period: NONE, filters: withFilters({ weekdays: [6, 7] }) },
      /filters weekdays/,
    ],
    [
      "runs with no period: only the inventory has none",
      { measure: "runs", period: NONE },
      /measure runs, period none/,
    ],
    [
      "the latest run with no period (no workflows SQL)",
      { measure: "latest_run", period: NONE },
      /measure latest_run, period none/,
    ],
    [
      "active workflows in the morning by hour",
      {
        measure: "active_workflows",
        period: NONE,
        by: "hour",
        filters: withFilters({ hours: { from: 6, to: 12 } }),
      },
      /filters hours, by hour/,
    ],
  ];

  it.each(refusedCases)("%s is refused", (_label, over, reason) => {
    const s = spec(over);
    const error = refused(s);
    expect(error.reason).toMatch(/^no source serves /);
    expect(error.reason).toMatch(reason);
    expect(error.message).toContain(error.reason);
    expect(error.name).toBe("PlanNotExpressibleError");
    expect(compiler.sourceFor(s)).toBeNull();
  });

  it.each(["activity", "overview"] as const)(
    "the summary %s is refused as a bundle, whatever is asked",
    (measure) => {
      for (const by of [null, ...DIMENSIONS] as (DimensionName | null)[])
        for (const period of [DAYS, ROLLING, NONE]) {
          const error = refused(spec({ measure, by, period }));
          expect(error.reason).toBe(`${measure} is a bundle of measures`);
          expect(compiler.sourceFor(spec({ measure, by, period }))).toBeNull();
        }
    },
  );

  it("refuses any measure with no workflows SQL when there is no period", () => {
    for (const measure of MEASURES) {
      if (MEASURE_DEFS[measure].sql.workflows !== undefined) continue;
      expect(outcomeOf(spec({ measure, period: NONE })).kind, measure).toBe("refused");
    }
  });

  it("refuses a rolling span, a status, an hour or a sender for any measure with no facts SQL", () => {
    const factsOnly: Partial<QuerySpec>[] = [
      { period: ROLLING },
      { period: NONE, filters: withFilters({ status: "success" }) },
      { period: NONE, filters: withFilters({ senders: ["Laura Conti"] }) },
      { period: NONE, filters: withFilters({ hours: { from: 0, to: 6 } }) },
      { period: NONE, by: "error_cause" },
    ];
    let checked = 0;
    for (const measure of MEASURES) {
      if (MEASURE_DEFS[measure].sql.facts !== undefined) continue;
      for (const over of factsOnly) {
        expect(outcomeOf(spec({ measure, ...over })).kind, measure).toBe("refused");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("only the errors, hourly and facts sources serve failures; failures by cause avoid facts when they can", () => {
    expect(Object.keys(MEASURE_DEFS.failures.sql).sort()).toEqual(["errors", "facts", "hourly"]);
    const q = compiled(spec({ measure: "failures", by: "error_cause" }));
    expect(q.text).toContain("SELECT e.cause AS key");
    expect(q.text).toContain("sum(e.failures) AS value");
    expect(q.text).toContain("FROM milhena.business_errors_daily e");
  });

  it("treats empty lists as no filter", () => {
    const q = compiled(spec({ filters: withFilters({ workflows: [], senders: [], weekdays: [] }) }));
    expect(q.source).toBe("hourly");
    expect(q.text).not.toContain("ANY(");
    expect(q.params).toEqual([DAYS.from, DAYS.to]);
  });
});

// ---------------------------------------------------------------------------------------------------

const INJECTIONS = [
  "'; DROP TABLE x; --",
  "Robert'); DROP TABLE n8n.workflow_entity; --",
  "1 OR 1=1",
  '" OR ""="',
  "x' UNION SELECT password FROM users --",
  "\\'; SELECT pg_sleep(10); --",
];

function expectNotInText(q: CompiledQuery, ...values: string[]): void {
  for (const v of values) expect(q.text).not.toContain(v);
  expect(q.text).not.toMatch(/DROP|UNION|pg_sleep|password|1=1/i);
}

describe("every value is a bound parameter", () => {
  it.each(INJECTIONS)("workflow ids and names: %s", (evil) => {
    const filters = withFilters({
      workflows: [
        { id: evil, name: evil },
        { id: "wf-2", name: `${evil} (copy)` },
      ],
    });
    for (const by of [null, "workflow", "day"] as const) {
      const q = compiled(spec({ filters, by }));
      expectWellFormed(q);
      expectNotInText(q, evil);
      expect(q.params).toContainEqual([evil, "wf-2"]);
      // The name is never needed: ids are matched, names come from n8n.
      expect(JSON.stringify(q.params)).not.toContain("(copy)");
      expect(q.text).toContain(`h.workflow_id = ANY(${placeholderOf(q, [evil, "wf-2"], "text[]")})`);
    }
  });

  it.each(INJECTIONS)("sender names, on the senders and facts sources: %s", (evil) => {
    const filters = withFilters({ senders: [evil, "Laura Conti"] });
    for (const [measure, source] of [
      ["emails_received", "senders"],
      ["latest_email", "facts"],
      ["replies_drafted", "senders"],
    ] as const) {
      const q = compiled(spec({ measure, filters, by: "sender" }));
      expect(q.source).toBe(source);
      expectWellFormed(q);
      expectNotInText(q, evil);
      expect(q.params).toContainEqual([evil, "Laura Conti"]);
    }
  });

  it.each(INJECTIONS)("calendar days on a day-grained source: %s", (evil) => {
    const period: ResolvedPeriod = { kind: "days", from: evil, to: `${evil}2`, spec: { kind: "this_month" } };
    const q = compiled(spec({ period, by: "day" }));
    expect(q.source).toBe("hourly");
    expectWellFormed(q);
    expectNotInText(q, evil);
    expect(q.text).toContain(
      `h.day BETWEEN ${placeholderOf(q, evil, "date")} AND ${placeholderOf(q, `${evil}2`, "date")}`,
    );
  });

  it.each(INJECTIONS)("calendar days on an instant source never become SQL text: %s", (evil) => {
    // The facts source turns days into instants first; a value that is not a day cannot get through.
    const period: ResolvedPeriod = { kind: "days", from: evil, to: evil, spec: { kind: "this_month" } };
    expect(() => compiler.compile(spec({ period, filters: withFilters({ status: "failed" }) }))).toThrow();
  });

  it.each(INJECTIONS)("rolling instants, split or not: %s", (evil) => {
    const period: ResolvedPeriod = {
      kind: "rolling",
      hours: 1,
      from: evil,
      to: `${evil}!`,
      spec: { kind: "rolling_hours", hours: 1 },
    };
    for (const measure of ["runs", "max_duration"] as const) {
      const q = compiled(spec({ measure, period }));
      expectWellFormed(q);
      expectNotInText(q, evil);
      expect(q.text).toContain(
        `f.started_at >= ${placeholderOf(q, evil, "timestamptz")} AND f.started_at < ${placeholderOf(q, `${evil}!`, "timestamptz")}`,
      );
    }
  });

  it.each(INJECTIONS)("the time zone: %s", (evil) => {
    const q = compiled(
      spec({ period: ROLLING, by: "hour", timeZone: evil, filters: withFilters({ weekdays: [1] }) }),
    );
    expectWellFormed(q);
    expectNotInText(q, evil);
    // Bound once, used by the filter and by the key.
    expect(q.params.filter((p) => p === evil)).toHaveLength(1);
    const tz = placeholderOf(q, evil, "text");
    expect(q.text).toContain(`EXTRACT(ISODOW FROM (f.started_at AT TIME ZONE ${tz}))::int = ANY(`);
    expect(q.text).toContain(`SELECT EXTRACT(HOUR FROM (f.started_at AT TIME ZONE ${tz}))::int::text AS key`);
  });

  it.each(INJECTIONS)("category and status, even when not one of the schema's values: %s", (evil) => {
    const filters = withFilters({
      category: evil as unknown as ResolvedFilters["category"],
      status: evil as unknown as ResolvedFilters["status"],
    });
    const q = compiled(spec({ filters }));
    expect(q.source).toBe("facts");
    expectWellFormed(q);
    expectNotInText(q, evil);
    expect(q.params.filter((p) => p === evil)).toHaveLength(2);
    expect(q.text).toContain(`category = ${placeholderOf(q, evil, "text")})`);
  });

  it("weekdays and hours that are not numbers", () => {
    const evil = INJECTIONS[0]!;
    const filters = withFilters({
      weekdays: [evil] as unknown as number[],
      hours: { from: evil, to: evil } as unknown as ResolvedFilters["hours"],
    });
    const q = compiled(spec({ filters }));
    expectWellFormed(q);
    expectNotInText(q, evil);
    expect(q.params).toContainEqual([evil]);
    expect(q.params).toContainEqual([evil, evil]);
  });

  it("everything at once: no value in the text, $1..$n for n params, each value where it belongs", () => {
    const [a, b, c, d, e, f] = INJECTIONS as [string, string, string, string, string, string];
    const s = spec({
      measure: "runs",
      by: "workflow",
      order: "desc",
      limit: 7,
      dropZero: true,
      timeZone: f,
      period: { kind: "rolling", hours: 2, from: d, to: e, spec: { kind: "rolling_hours", hours: 2 } },
      filters: {
        workflows: [{ id: a, name: b }],
        category: "email",
        status: "failed",
        senders: [c],
        weekdays: [1, 2, 3],
        hours: { from: 8, to: 20 },
      },
    });
    const q = compiled(s);
    expect(q.source).toBe("facts");
    expectWellFormed(q);
    expectNotInText(q, a, b, c, d, e, f);
    expectDeclared(q, s, sourceNamed("facts"));
    // period (2), six filters, the time zone once, the limit.
    expect(q.params).toHaveLength(10);
    expect(q.params).toEqual(
      expect.arrayContaining([d, e, [a], "email", "failed", [c], [1, 2, 3], [8, 20], f, 7]),
    );
    expect(q.params[0]).toBe(d);
    expect(q.params[1]).toBe(e);
    expect(q.params.at(-1)).toBe(7);
    expect(q.name).toBe("runs@facts by workflow");
  });

  it("a refusal names the plan's parts, never its values", () => {
    const evil = INJECTIONS[1]!;
    const error = refused(
      spec({
        measure: "active_workflows",
        period: NONE,
        by: "day",
        filters: withFilters({ senders: [evil], workflows: [{ id: evil, name: evil }] }),
      }),
    );
    expect(error.reason).toBe(
      "no source serves measure active_workflows, period none, filters workflows, senders, by day",
    );
    expect(error.message).not.toContain(evil);
  });
});

describe("unknown and unsupported plans", () => {
  it("refuses a breakdown dimension no source declares", () => {
    for (const measure of MEASURES) {
      const s = spec({ measure, by: "product" as unknown as DimensionName, period: periodFor(measure) });
      const error = refused(s);
      expect(error.reason).toMatch(MEASURE_DEFS[measure].unit === "summary" ? /bundle/ : /by product$/);
      expect(compiler.sourceFor(s)).toBeNull();
    }
  });

  it("the plan schemas reject an unknown measure, dimension or order before the compiler", () => {
    expect(DraftPlanSchema.safeParse({ kind: "query", measure: "profit" }).success).toBe(false);
    expect(DraftPlanSchema.safeParse({ kind: "query", measure: "runs" }).success).toBe(true);
    expect(BreakdownSchema.safeParse({ by: "product", order: "desc", limit: 1 }).success).toBe(false);
    expect(BreakdownSchema.safeParse({ by: "workflow", order: "random", limit: 1 }).success).toBe(false);
    expect(
      BreakdownSchema.safeParse({ by: "workflow", order: "desc", limit: BREAKDOWN_ROW_CAP }).success,
    ).toBe(false);
    const resolved = {
      kind: "query",
      measure: "runs",
      filters: NO_FILTERS,
      period: DAYS,
      breakdown: null,
      compare: null,
      share: false,
      trend: false,
      horizonDays: null,
      coverage: null,
      today: "2026-11-18",
      timeZone: TZ,
    };
    expect(ResolvedQueryPlanSchema.safeParse(resolved).success).toBe(true);
    expect(ResolvedQueryPlanSchema.safeParse({ ...resolved, measure: "profit" }).success).toBe(false);
    expect(
      ResolvedQueryPlanSchema.safeParse({
        ...resolved,
        breakdown: { by: "country", order: "desc", limit: 3 },
      }).success,
    ).toBe(false);
    expect(
      ResolvedQueryPlanSchema.safeParse({ ...resolved, period: { ...DAYS, from: "'; DROP TABLE x; --" } })
        .success,
    ).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------

/** The LIMIT's placeholder number and the value bound to it. */
function limitOf(q: CompiledQuery): { index: number; value: BoundValue } {
  const m = / LIMIT \$(\d+)::int$/.exec(q.text);
  expect(m, q.text).not.toBeNull();
  const index = Number(m![1]);
  return { index, value: q.params[index - 1]! };
}

describe("order, limit and the row cap", () => {
  it("binds the limit as the last parameter, never as text", () => {
    for (const limit of [1, 3, 5, 50]) {
      const q = compiled(spec({ by: "workflow", limit }));
      const { index, value } = limitOf(q);
      expect(index).toBe(q.params.length);
      expect(value).toBe(limit);
      expect(q.text).not.toMatch(/LIMIT \d/);
    }
  });

  it(`caps a breakdown with no limit, or a larger one, at BREAKDOWN_ROW_CAP (${BREAKDOWN_ROW_CAP})`, () => {
    expect(BREAKDOWN_ROW_CAP).toBe(400);
    for (const limit of [null, BREAKDOWN_ROW_CAP, BREAKDOWN_ROW_CAP + 1, 100_000]) {
      expect(limitOf(compiled(spec({ by: "day", limit, order: "key" }))).value).toBe(BREAKDOWN_ROW_CAP);
    }
    expect(limitOf(compiled(spec({ by: "day", limit: BREAKDOWN_ROW_CAP - 1 }))).value).toBe(
      BREAKDOWN_ROW_CAP - 1,
    );
  });

  it("top N: by value, largest first, ties by key", () => {
    const q = compiled(spec({ measure: "failures", by: "workflow", order: "desc", limit: 5 }));
    expect(q.text).toMatch(/ ORDER BY value DESC NULLS LAST, key LIMIT \$\d+::int$/);
    expect(limitOf(q).value).toBe(5);
  });

  it("bottom N: by value, smallest first (empty values first), ties by key", () => {
    const q = compiled(spec({ measure: "runs", by: "workflow", order: "asc", limit: 1 }));
    expect(q.text).toMatch(/ ORDER BY value ASC NULLS FIRST, key LIMIT \$\d+::int$/);
    expect(limitOf(q).value).toBe(1);
  });

  it("key order: calendar or clock order", () => {
    const q = compiled(spec({ measure: "orders_received", by: "day", order: "key", limit: null }));
    expect(q.text).toMatch(/ GROUP BY 1 ORDER BY key LIMIT \$\d+::int$/);
    expect(q.text).not.toContain("ORDER BY value");
  });

  it("leaves out zero entries only when asked, before ordering", () => {
    const kept = compiled(spec({ measure: "emails_received", by: "sender", dropZero: false }));
    expect(kept.text).not.toContain("HAVING");
    const dropped = compiled(spec({ measure: "emails_received", by: "sender", dropZero: true, limit: 3 }));
    expect(dropped.text).toContain(
      " GROUP BY 1 HAVING sum(s.emails) > 0 ORDER BY value DESC NULLS LAST, key LIMIT ",
    );
    expect(limitOf(dropped).value).toBe(3);
  });

  it("a plain value has no order, limit or grouping, whatever the spec says about them", () => {
    const q = compiled(spec({ measure: "runs", order: "asc", limit: 3, dropZero: true }));
    expect(q.text).not.toMatch(/ORDER BY|LIMIT|GROUP BY|HAVING/);
    expect(q.params).toEqual([DAYS.from, DAYS.to]);
  });

  it("money is ordered and limited per currency row, grouped by key and currency", () => {
    const q = compiled(spec({ measure: "order_value_sum", by: "workflow", limit: 2 }));
    expect(q.perCurrency).toBe(true);
    expect(q.text).toContain("h.currency AS currency");
    expect(q.text).toContain(" GROUP BY 1, h.currency ");
    expect(limitOf(q).value).toBe(2);
  });
});

describe("periods, time zone and names", () => {
  it("a day-grained source compares local days, with no time zone bound", () => {
    const q = compiled(spec({ measure: "failures", by: "weekday" }));
    expect(q.source).toBe("hourly");
    expect(q.text).toContain("WHERE h.day BETWEEN $1::date AND $2::date");
    expect(q.params.slice(0, 2)).toEqual([DAYS.from, DAYS.to]);
    expect(q.params).not.toContain(TZ);
  });

  it("an instant source reads days as [local midnight of the first, local midnight after the last)", () => {
    const q = compiled(spec({ filters: withFilters({ status: "success" }) }));
    expect(q.source).toBe("facts");
    expect(q.text).toContain("f.started_at >= $1::timestamptz AND f.started_at < $2::timestamptz");
    // Europe/Rome is UTC+1 in November.
    expect(q.params.slice(0, 2)).toEqual(["2026-10-31T23:00:00.000Z", "2026-11-18T23:00:00.000Z"]);
  });

  it("local midnights across the change to summer time", () => {
    const period: ResolvedPeriod = {
      kind: "days",
      from: "2026-03-29",
      to: "2026-03-29",
      spec: { kind: "today" },
    };
    const q = compiled(spec({ period, filters: withFilters({ status: "failed" }) }));
    // 29 March 2026 starts at UTC+1 and ends at UTC+2: a 23-hour day.
    expect(q.params.slice(0, 2)).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
  });

  it("a rolling span binds its instants as given", () => {
    const q = compiled(spec({ measure: "max_duration", period: ROLLING }));
    expect(q.text).toContain("f.started_at >= $1::timestamptz AND f.started_at < $2::timestamptz");
    expect(q.params).toEqual([ROLLING.from, ROLLING.to]);
  });

  it("a rolling count reads its whole local hours from the aggregates and its edges from the facts", () => {
    const rolling = (from: string, to: string, hours: number): ResolvedPeriod => ({
      kind: "rolling",
      hours,
      from,
      to,
      spec: { kind: "rolling_hours", hours },
    });
    // 11:20 → 14:20 UTC is 12:20 → 15:20 in Rome: whole hours 13:00 → 15:00, edges 11:20–12:00 and 14:00–14:20.
    const q = compiled(spec({ period: rolling("2026-11-18T11:20:00.000Z", "2026-11-18T14:20:00.000Z", 3) }));
    expectWellFormed(q);
    expect(q.name).toBe("runs@hourly+facts");
    expect(q.text).toContain("FROM milhena.business_hourly h");
    expect(q.text).toContain("FROM milhena.business_execution_data f");
    expect(q.params).toEqual([
      "2026-11-18",
      "2026-11-18",
      "2026-11-18T13:00:00",
      "2026-11-18T15:00:00",
      "2026-11-18T11:20:00.000Z",
      "2026-11-18T12:00:00.000Z",
      "2026-11-18T14:00:00.000Z",
      "2026-11-18T14:20:00.000Z",
    ]);
    // In Kolkata (UTC+5:30) local hours start at half past the UTC hour.
    const india = compiled(
      spec({
        period: rolling("2026-11-18T11:20:00.000Z", "2026-11-18T14:20:00.000Z", 3),
        timeZone: "Asia/Kolkata",
      }),
    );
    expect(india.params.slice(2, 6)).toEqual([
      "2026-11-18T17:00:00",
      "2026-11-18T19:00:00",
      "2026-11-18T11:20:00.000Z",
      "2026-11-18T11:30:00.000Z",
    ]);
    // Less than one whole hour, or across a change of offset (25 October in Rome): the facts alone.
    expect(
      compiled(spec({ period: rolling("2026-11-18T11:20:00.000Z", "2026-11-18T12:10:00.000Z", 1) })).source,
    ).toBe("facts");
    expect(
      compiled(spec({ period: rolling("2026-10-24T12:00:00.000Z", "2026-10-26T12:00:00.000Z", 48) })).source,
    ).toBe("facts");
  });

  it("the inventory has no period condition", () => {
    const q = compiled(spec({ measure: "active_workflows", period: NONE }));
    expect(q.text).toBe(
      `SELECT count(*) AS value FROM n8n.workflow_entity w WHERE w.active AND NOT w."isArchived"`,
    );
    expect(q.params).toEqual([]);
  });

  it("binds the time zone once however many expressions use it", () => {
    const q = compiled(
      spec({
        by: "hour",
        period: ROLLING,
        filters: withFilters({ weekdays: [1, 2], hours: { from: 9, to: 18 } }),
      }),
    );
    expect(q.params.filter((p) => p === TZ)).toHaveLength(1);
    const tz = placeholderOf(q, TZ, "text");
    expect(q.text.split(`AT TIME ZONE ${tz}`).length - 1).toBe(4);
  });

  it("names a workflow by n8n's current name, else the recorded one, else its id", () => {
    const hourly = compiled(spec({ by: "workflow" }));
    expect(hourly.text).toContain(" LEFT JOIN n8n.workflow_entity wn ON wn.id = h.workflow_id");
    expect(hourly.text).toContain("coalesce(max(wn.name), max(h.workflow_name), h.workflow_id) AS name");
    const inventory = compiled(spec({ measure: "active_workflows", by: "workflow", period: NONE }));
    expect(inventory.text).toContain("coalesce(max(wn.name), max(w.name), w.id) AS name");
    const facts = compiled(spec({ by: "workflow", period: ROLLING }));
    expect(facts.text).toContain("coalesce(max(wn.name), max(f.workflow_name), f.workflow_id) AS name");
    const other = compiled(spec({ by: "day" }));
    expect(other.text).not.toContain("JOIN");
    expect(other.text).not.toContain(" AS name");
  });

  it("writes identifiers from the configured schemas only", () => {
    const custom = createPlanCompiler({ app: "acme_app", n8n: "acme_n8n" });
    const hourly = custom.compile(spec({ by: "workflow", filters: withFilters({ category: "email" }) }));
    expect(hourly.text).toContain("FROM acme_app.business_hourly h");
    expect(hourly.text).toContain("LEFT JOIN acme_n8n.workflow_entity wn");
    expect(hourly.text).toContain("SELECT workflow_id FROM acme_app.business_workflows WHERE category = $");
    const inventory = custom.compile(spec({ measure: "workflows_total", period: NONE }));
    expect(inventory.text).toContain("FROM acme_n8n.workflow_entity w");
    for (const q of [hourly, inventory]) expect(q.text).not.toMatch(/\bmilhena\.|\bn8n\./);
  });
});

describe("breakdowns that would lump everything else under one empty key", () => {
  it("breaks down only failures by error cause and only email measures by sender", () => {
    for (const measure of ["runs", "successes", "emails_received", "orders_failed"] as const)
      expect(refused(spec({ measure, by: "error_cause" })).reason).toContain("no breakdown by error_cause");
    for (const measure of ["runs", "failures", "orders_received", "order_value_sum", "leads"] as const)
      expect(refused(spec({ measure, by: "sender" })).reason).toContain("no breakdown by sender");
    expect(compiled(spec({ measure: "failures", by: "error_cause" })).source).toBe("errors");
    expect(compiled(spec({ measure: "emails_received", by: "sender" })).source).toBe("senders");
    expect(compiled(spec({ measure: "latest_email", by: "sender" })).source).toBe("facts");
  });

  it("keeps the entries of a ranking of instants that have one (no comparison of a time with 0)", () => {
    const q = compiled(
      spec({ measure: "latest_failure", by: "workflow", order: "desc", limit: 3, dropZero: true }),
    );
    expect(q.text).toMatch(/HAVING max\(f\.started_at\) IS NOT NULL/);
    expect(q.text).not.toMatch(/HAVING [^ ]+ > 0/);
  });
});
