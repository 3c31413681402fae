import { describe, expect, it } from "vitest";
import { DIMENSIONS, MEASURES, ResolvedFiltersSchema, type MeasureName } from "../../graph/plan.ts";
import { isCount, MEASURE_DEFS, measureDef, type MeasureSql } from "./measures.ts";
import { createSources, type SourceName } from "./sources.ts";

const SCHEMAS = { app: "milhena", n8n: "n8n" } as const;
const SOURCES = createSources(SCHEMAS);
const ALIAS = Object.fromEntries(SOURCES.map((s) => [s.name, s.alias])) as Record<SourceName, string>;

/** Table aliases an expression refers to (`h.runs` → h, `w."isArchived"` → w). */
function aliasesIn(expression: string): Set<string> {
  const withoutStrings = expression.replace(/'[^']*'/g, "''");
  return new Set([...withoutStrings.matchAll(/\b([a-z]+)\.(?:[a-z_]+|")/g)].map((m) => m[1]!));
}

const sqlOf = (measure: MeasureName) =>
  Object.entries(MEASURE_DEFS[measure].sql) as [SourceName, MeasureSql][];

describe("measure declarations", () => {
  it("declares every measure once, under its own name", () => {
    expect(Object.keys(MEASURE_DEFS).sort()).toEqual([...MEASURES].sort());
    for (const m of MEASURES) {
      expect(MEASURE_DEFS[m].name).toBe(m);
      expect(measureDef(m)).toBe(MEASURE_DEFS[m]);
    }
  });

  it("gives SQL to every measure but the summaries, and none to them", () => {
    for (const m of MEASURES) {
      const sources = Object.keys(MEASURE_DEFS[m].sql);
      if (MEASURE_DEFS[m].unit === "summary") expect(sources, m).toEqual([]);
      else expect(sources.length, m).toBeGreaterThan(0);
    }
    expect(MEASURES.filter((m) => MEASURE_DEFS[m].unit === "summary")).toEqual(["activity", "overview"]);
  });

  it("writes each measure's SQL over the alias of its own source only", () => {
    for (const m of MEASURES)
      for (const [source, sql] of sqlOf(m)) {
        const alias = ALIAS[source];
        for (const part of [sql.value, sql.where, sql.currency]) {
          if (part === undefined) continue;
          expect(
            [...aliasesIn(part)].filter((a) => a !== alias),
            `${m}@${source}: ${part}`,
          ).toEqual([]);
        }
      }
  });

  it("has no placeholders or statement breaks in declared SQL (values are bound by the compiler)", () => {
    for (const m of MEASURES)
      for (const [source, sql] of sqlOf(m))
        for (const part of [sql.value, sql.where, sql.currency])
          if (part !== undefined) expect(part, `${m}@${source}`).not.toMatch(/\$\d|;|--/);
  });

  it("computes money per currency on every source, and nothing else", () => {
    for (const m of MEASURES)
      for (const [source, sql] of sqlOf(m))
        expect(sql.currency !== undefined, `${m}@${source}`).toBe(MEASURE_DEFS[m].unit === "money");
  });

  it("reads a measure of one kind of work only from that kind's facts", () => {
    for (const m of MEASURES) {
      const { category, sql } = MEASURE_DEFS[m];
      if (category === null || !sql.facts) continue;
      expect(sql.facts.where, m).toContain(`f.category = '${category}'`);
    }
  });

  it("divides rates by a NULLIF'd whole", () => {
    for (const m of MEASURES) {
      if (MEASURE_DEFS[m].unit !== "ratio") continue;
      for (const [source, sql] of sqlOf(m))
        expect(sql.value, `${m}@${source}`).toMatch(/::float8 \/ NULLIF\(/);
    }
  });

  it("reads instants only from the facts, and the inventory only from n8n's workflows", () => {
    for (const m of MEASURES) {
      const def = MEASURE_DEFS[m];
      const sources = Object.keys(def.sql);
      if (def.unit === "instant") expect(sources, m).toEqual(["facts"]);
      if (def.defaultPeriod === null) expect(sources, m).toEqual(["workflows"]);
      if (sources.includes("workflows")) expect(def.defaultPeriod, m).toBeNull();
    }
  });

  it("counts failures as error or crashed wherever the facts are read", () => {
    expect(MEASURE_DEFS.failures.sql.facts?.where).toBe(`f.status IN ('error', 'crashed')`);
    expect(MEASURE_DEFS.orders_failed.sql.facts?.where).toContain(`f.status IN ('error', 'crashed')`);
    expect(MEASURE_DEFS.latest_failure.sql.facts?.where).toBe(`f.status IN ('error', 'crashed')`);
  });

  it("uses the default periods of docs/query-plans.md", () => {
    const last30 = [
      "success_rate",
      "failure_rate",
      "reply_rate",
      "avg_duration",
      "max_duration",
      "order_value_avg",
      "order_value_min",
      "order_value_max",
    ];
    for (const m of MEASURES) {
      const period = MEASURE_DEFS[m].defaultPeriod;
      if (m === "active_workflows" || m === "workflows_total") expect(period, m).toBeNull();
      else if (m.startsWith("latest_")) expect(period, m).toEqual({ kind: "all_time" });
      else if (last30.includes(m)) expect(period, m).toEqual({ kind: "last_n_days", n: 30 });
      else expect(period, m).toEqual({ kind: "today" });
    }
  });

  it("isCount is true exactly for count measures", () => {
    for (const m of MEASURES) expect(isCount(m), m).toBe(MEASURE_DEFS[m].unit === "count");
    expect(isCount("runs")).toBe(true);
    expect(isCount("success_rate")).toBe(false);
    expect(isCount("order_value_sum")).toBe(false);
    expect(isCount("activity")).toBe(false);
  });
});

describe("source declarations", () => {
  const filterNames = Object.keys(ResolvedFiltersSchema.shape);
  const TZ = () => "$TZ";

  it("declare only known filters and dimensions, and every source filters by workflow and category", () => {
    for (const s of SOURCES) {
      for (const f of Object.keys(s.filters)) expect(filterNames, `${s.name}.${f}`).toContain(f);
      for (const d of Object.keys(s.dims))
        expect(DIMENSIONS as readonly string[], `${s.name}.${d}`).toContain(d);
      expect(s.filters.workflows, s.name).toBeDefined();
      expect(s.filters.category, s.name).toBeDefined();
    }
  });

  it("build every filter condition around the placeholder they are given", () => {
    for (const s of SOURCES)
      for (const [name, condition] of Object.entries(s.filters)) {
        const text = condition("$VALUE", TZ);
        expect(text, `${s.name}.${name}`).toContain("$VALUE");
        expect(text, `${s.name}.${name}`).not.toMatch(/\$\d/);
      }
  });

  it("write dimensions and filters over their own alias (and the category table's subquery)", () => {
    for (const s of SOURCES) {
      for (const [name, dim] of Object.entries(s.dims))
        expect([...aliasesIn(dim(TZ))], `${s.name} by ${name}`).toEqual([s.alias]);
      for (const [name, condition] of Object.entries(s.filters)) {
        const aliases = aliasesIn(condition("$VALUE", TZ));
        aliases.delete(SCHEMAS.app);
        expect([...aliases], `${s.name}.${name}`).toEqual([s.alias]);
      }
    }
  });

  it("read hours as [from, to), weekdays as ISO (1 = Monday) and failed as error or crashed", () => {
    const hourly = SOURCES.find((s) => s.name === "hourly")!;
    const facts = SOURCES.find((s) => s.name === "facts")!;
    expect(hourly.filters.hours!("$V", TZ)).toBe("h.hour >= ($V)[1] AND h.hour < ($V)[2]");
    expect(facts.filters.hours!("$V", TZ)).toBe(
      "EXTRACT(HOUR FROM (f.started_at AT TIME ZONE $TZ)) >= ($V)[1] AND EXTRACT(HOUR FROM (f.started_at AT TIME ZONE $TZ)) < ($V)[2]",
    );
    for (const s of SOURCES) {
      const weekdays = s.filters.weekdays?.("$V", TZ);
      if (weekdays !== undefined)
        expect(weekdays, s.name).toMatch(/^EXTRACT\(ISODOW FROM .+\)::int = ANY\(\$V\)$/);
    }
    expect(facts.filters.status!("$V", TZ)).toBe(
      "(CASE WHEN f.status IN ('error', 'crashed') THEN 'failed' ELSE f.status END) = $V",
    );
    expect(facts.filters.senders!("$V", TZ)).toBe("f.category = 'email' AND f.email_sender = ANY($V)");
  });

  it("read local time through the bound time zone on the instant source", () => {
    const facts = SOURCES.find((s) => s.name === "facts")!;
    expect(facts.grain).toBe("instants");
    for (const d of ["day", "weekday", "hour"] as const)
      expect(facts.dims[d]!(TZ)).toContain("AT TIME ZONE $TZ");
    expect(facts.filters.hours!("$V", TZ)).toContain("AT TIME ZONE $TZ");
    expect(facts.filters.weekdays!("$V", TZ)).toContain("AT TIME ZONE $TZ");
  });
});
