import { parse } from "flatted";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/demo/seed.ts";
import { migrate } from "../../db/migrate.ts";
import type { DraftPlanInput, ResolvedQueryPlan } from "../../graph/plan.ts";
import { draftPlan } from "../../graph/plan.ts";
import { runEtl } from "../../tools/etl.ts";
import { createEntityCatalogSource } from "../../tools/entities/catalog.ts";
import { resolvePlan } from "../../tools/planResolver.ts";
import { numberOf, type PlanResult } from "../../tools/semantic/result.ts";
import { createPlanAsker, type PlanAsker } from "../support/askPlan.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

const NOW = new Date("2026-11-18T14:00:00Z"); // Wednesday, 15:00 in Rome
const TZ = "Europe/Rome";
const SHOP = "Sh0pF5yOrD3rPr9c";
const SUPPORT = "Gm7YtW2cNq8sLd4E";
const INJECTION = "Robert'); DROP TABLE n8n.workflow_entity; --";

/**
 * Figures of sample plans against truths written here as plain SQL on n8n's own tables (and
 * flatted payloads read here), not through Milhena's business tables or compiler.
 */
describe.each(TEST_BACKENDS)("the semantic layer on %s", (kind) => {
  let db: TestDatabase;
  const texts: string[] = [];
  const params: unknown[][] = [];

  let asker: PlanAsker;
  const ask = (input: DraftPlanInput, now: Date = NOW): Promise<PlanResult> => asker.ask(input, now);
  const one = async (sql: string, values: unknown[] = []) =>
    (await db.pool.query<{ n: number }>(sql, values)).rows[0]!.n;
  const value = (r: PlanResult) => (r.kind === "value" ? numberOf(r.value) : NaN);

  /** Trigger payloads of n8n's executions of one workflow (not deleted), with their start. */
  async function payloads(workflowId: string): Promise<{ started: Date; json: Record<string, unknown> }[]> {
    const { rows } = await db.pool.query<{ started: Date; data: string; trigger: string }>(
      `SELECT e."startedAt" AS started, d.data, (w.nodes::json -> 0 ->> 'name') AS trigger
         FROM n8n.execution_entity e JOIN n8n.execution_data d ON d."executionId" = e.id
         JOIN n8n.workflow_entity w ON w.id = e."workflowId"
        WHERE e."workflowId" = $1 AND e."deletedAt" IS NULL`,
      [workflowId],
    );
    return rows.flatMap((r) => {
      const run = (
        parse(r.data) as {
          resultData: {
            runData: Record<string, { data?: { main: { json: Record<string, unknown> }[][] } }[]>;
          };
        }
      ).resultData.runData[r.trigger];
      const json = run?.[0]?.data?.main[0]?.[0]?.json;
      return json ? [{ started: r.started, json }] : [];
    });
  }
  const localDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(d);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    asker = createPlanAsker(db.pool, { schemas: { app: "milhena", n8n: "n8n" }, timeZone: TZ, now: NOW });
    await migrate(db.pool, { app: "milhena", n8n: "n8n" });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 4000, days: 30, seed: 11, now: NOW });
    // A workflow whose name is an injection attempt: names only ever travel as bound values.
    await db.pool.query(
      `INSERT INTO n8n.workflow_entity (id, name, active, nodes, connections) VALUES ('inj1', $1, true, '[]', '{}')`,
      [INJECTION],
    );
    await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: TZ });
    // Record every statement the layer runs (texts and values): it checks out clients with
    // connect() (pool.query's own callback-style checkouts are left alone).
    const connect = db.pool.connect.bind(db.pool) as (cb?: unknown) => Promise<pg.PoolClient>;
    db.pool.connect = ((cb?: unknown) => {
      if (cb) return connect(cb);
      return record();
    }) as typeof db.pool.connect;
    const record = async () => {
      const client = await connect();
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        const q = args[0];
        if (typeof q === "object" && q !== null && "text" in q) {
          texts.push(String((q as { text: string }).text));
          params.push([...((q as { values?: unknown[] }).values ?? [])]);
        }
        return query(...args);
      };
      return client;
    };
  });
  afterAll(async () => db?.destroy());

  it("counts a named workflow's runs and failures in a period, as SQL on n8n's executions does", async () => {
    const failures = await ask({
      measure: "failures",
      filters: { workflows: [{ text: "Elaborazione ordini Shopify" }] },
      period: { kind: "last_n_days", n: 14 },
    });
    expect(value(failures)).toBe(
      await one(
        `SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "workflowId" = $1 AND "deletedAt" IS NULL
           AND status IN ('error','crashed') AND ("startedAt" AT TIME ZONE $2)::date BETWEEN '2026-11-05' AND '2026-11-18'`,
        [SHOP, TZ],
      ),
    );
    expect(value(failures)).toBeGreaterThan(0);
  });

  it("forecasts from tomorrow on, each day from its own weekday in the complete days before today", async () => {
    const tomorrow = await ask({ kind: "forecast", measure: "runs", horizonDays: 1 });
    if (tomorrow.kind !== "forecast") throw new Error(`expected a forecast, got ${tomorrow.kind}`);
    expect(tomorrow.series.map((p) => p.day)).toEqual(["2026-11-19"]);
    const week = await ask({ kind: "forecast", measure: "runs", horizonDays: 7 });
    if (week.kind !== "forecast") throw new Error(`expected a forecast, got ${week.kind}`);
    expect(week.series[0]?.day).toBe("2026-11-19");
    expect(week.series.at(-1)?.day).toBe("2026-11-25");
  });

  it("reads a time of day and weekdays in the business time zone", async () => {
    const evening = await ask({
      measure: "runs",
      filters: { hours: { from: 18, to: 24 }, weekdays: [6, 7] },
      period: { kind: "last_n_days", n: 21 },
    });
    expect(value(evening)).toBe(
      await one(
        `SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "deletedAt" IS NULL
           AND ("startedAt" AT TIME ZONE $1)::date BETWEEN '2026-10-29' AND '2026-11-18'
           AND EXTRACT(HOUR FROM "startedAt" AT TIME ZONE $1) >= 18 AND EXTRACT(ISODOW FROM "startedAt" AT TIME ZONE $1) IN (6, 7)`,
        [TZ],
      ),
    );
  });

  it("counts a rolling span of hours up to now", async () => {
    const r = await ask({ measure: "runs", period: { kind: "rolling_hours", hours: 5 } });
    expect(value(r)).toBe(
      await one(
        `SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "deletedAt" IS NULL AND "startedAt" >= $1::timestamptz - interval '5 hours'`,
        [NOW],
      ),
    );
  });

  it.each([
    ["48 hours, mid-hour", 48, 17 * 60_000 + 23_456],
    ["30 hours, on the hour", 30, 0],
    ["2 hours, mid-hour", 2, 59 * 60_000],
    ["600 hours, across the change from summer time", 600, 5 * 60_000],
  ])(
    "counts a rolling span from the hourly aggregates and the facts at its edges: %s",
    async (_name, hours, earlier) => {
      const now = new Date(NOW.getTime() - earlier);
      const failed = `status IN ('error', 'crashed')`;
      const truth = (extra: string, params: unknown[] = []) =>
        one(
          `SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "deletedAt" IS NULL
             AND "startedAt" >= $1::timestamptz - make_interval(hours => $2) AND "startedAt" < $1::timestamptz ${extra}`,
          [now, hours, ...params],
        );
      const runs = await ask({ measure: "runs", period: { kind: "rolling_hours", hours } }, now);
      expect(runs).toMatchObject({
        kind: "value",
        value: { value: await truth("") },
        context: {
          successes: { value: await truth(`AND status = 'success'`) },
          failures: { value: await truth(`AND ${failed}`) },
        },
      });
      const shop = await ask(
        {
          measure: "failures",
          filters: { workflows: [{ text: "Shopify" }] },
          period: { kind: "rolling_hours", hours },
        },
        now,
      );
      expect(value(shop)).toBe(await truth(`AND ${failed} AND "workflowId" = $3`, [SHOP]));
      const evenings = await ask(
        {
          measure: "runs",
          filters: { hours: { from: 18, to: 24 } },
          period: { kind: "rolling_hours", hours },
        },
        now,
      );
      expect(value(evenings)).toBe(
        await truth(`AND EXTRACT(HOUR FROM "startedAt" AT TIME ZONE $3) >= 18`, [TZ]),
      );
    },
  );

  it("counts one sender's emails and the distinct senders from the payloads n8n stored", async () => {
    const mails = (await payloads(SUPPORT)).filter((p) => localDay(p.started) >= "2026-11-12");
    const from = (j: Record<string, unknown>) => (j.from as { value: { name: string }[] }).value[0]!.name;
    const laura = await ask({
      measure: "emails_received",
      filters: { senders: [{ text: "Laura Conti" }], workflows: [{ text: "Customer support inbox" }] },
      period: { kind: "last_n_days", n: 7 },
    });
    expect(value(laura)).toBe(mails.filter((m) => from(m.json) === "Laura Conti").length);
    const distinct = await ask({
      measure: "distinct_senders",
      filters: { workflows: [{ text: "Customer support inbox" }] },
      period: { kind: "last_n_days", n: 7 },
    });
    expect(value(distinct)).toBe(new Set(mails.map((m) => from(m.json))).size);
  });

  it("sums and ranks order amounts per currency, and finds the latest order", async () => {
    const orders = (await payloads(SHOP)).filter((p) => localDay(p.started) >= "2026-11-01");
    const amounts = orders.map((o) => Number(o.json.total_price));
    const sum = await ask({
      measure: "order_value_sum",
      filters: { workflows: [{ text: "Shopify" }] },
      period: { kind: "this_month" },
    });
    const max = await ask({
      measure: "order_value_max",
      filters: { workflows: [{ text: "Shopify" }] },
      period: { kind: "this_month" },
    });
    if (
      sum.kind !== "value" ||
      sum.value.unit !== "money" ||
      max.kind !== "value" ||
      max.value.unit !== "money"
    )
      throw new Error("money expected");
    expect(sum.value.amounts).toHaveLength(1);
    expect(sum.value.amounts[0]!.currency).toBe("EUR");
    expect(sum.value.amounts[0]!.value).toBeCloseTo(
      amounts.reduce((a, b) => a + b, 0),
      2,
    );
    expect(max.value.amounts[0]!.value).toBeCloseTo(Math.max(...amounts), 2);
    const latest = await ask({ measure: "latest_order" });
    const allOrders = [...(await payloads(SHOP)), ...(await payloads("Wc8mRc3Ord7Ers2K"))];
    const last = Math.max(...allOrders.map((o) => o.started.getTime()));
    expect(latest).toMatchObject({
      kind: "value",
      value: { unit: "instant", value: new Date(last).toISOString() },
    });
  });

  it("ranks workflows by failures, ties broken by name, and lists active workflows that did not run", async () => {
    const top = await ask({
      measure: "failures",
      period: { kind: "last_n_days", n: 7 },
      breakdown: { by: "workflow", order: "desc", limit: 3 },
    });
    const { rows } = await db.pool.query<{ name: string; n: number }>(
      `SELECT w.name, count(*)::int AS n FROM n8n.execution_entity e JOIN n8n.workflow_entity w ON w.id = e."workflowId"
        WHERE e."deletedAt" IS NULL AND e.status IN ('error','crashed') AND (e."startedAt" AT TIME ZONE $1)::date >= '2026-11-12'
        GROUP BY w.name ORDER BY n DESC, w.name`,
      [TZ],
    );
    if (top.kind !== "breakdown") throw new Error("breakdown expected");
    expect(top.entries.slice(0, 3).map((e) => [e.name, numberOf(e.value)])).toEqual(
      rows.slice(0, 3).map((r) => [r.name, r.n]),
    );
    expect(numberOf(top.total)).toBe(rows.reduce((a, r) => a + r.n, 0));
    const idle = await ask({
      measure: "runs",
      period: { kind: "this_week" },
      breakdown: { by: "workflow", order: "desc", limit: null, zeroOnly: true },
    });
    const { rows: notRun } = await db.pool.query<{ name: string }>(
      `SELECT name FROM n8n.workflow_entity w WHERE active AND NOT "isArchived" AND NOT EXISTS (
         SELECT 1 FROM n8n.execution_entity e WHERE e."workflowId" = w.id AND e."deletedAt" IS NULL
            AND (e."startedAt" AT TIME ZONE $1)::date BETWEEN '2026-11-16' AND '2026-11-18') ORDER BY name`,
      [TZ],
    );
    if (idle.kind !== "breakdown") throw new Error("breakdown expected");
    expect(idle.entries.map((e) => e.name).sort()).toEqual(notRun.map((r) => r.name).sort());
    expect(notRun.map((r) => r.name)).toContain(INJECTION);
  });

  it("compares with the previous period and computes a share", async () => {
    const cmp = await ask({ measure: "runs", period: { kind: "this_week" }, compare: { kind: "previous" } });
    const count = (from: string, to: string) =>
      one(
        `SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "deletedAt" IS NULL AND ("startedAt" AT TIME ZONE $1)::date BETWEEN $2 AND $3`,
        [TZ, from, to],
      );
    expect(cmp).toMatchObject({
      kind: "comparison",
      current: { value: await count("2026-11-16", "2026-11-18") },
      previous: { value: await count("2026-11-09", "2026-11-11") },
    });
    const share = await ask({
      measure: "runs",
      share: true,
      filters: { workflows: [{ text: "Shopify" }] },
      period: { kind: "this_week" },
    });
    const part = await one(
      `SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "workflowId" = $1 AND "deletedAt" IS NULL AND ("startedAt" AT TIME ZONE $2)::date BETWEEN '2026-11-16' AND '2026-11-18'`,
      [SHOP, TZ],
    );
    expect(share).toMatchObject({ kind: "share", part, whole: await count("2026-11-16", "2026-11-18") });
  });

  it("says when a period starts before the recorded data, and has nothing for one wholly before", async () => {
    const old = await ask({ measure: "runs", period: { kind: "last_n_days", n: 60 } });
    expect(old.plan.coverage).toMatchObject({ empty: false });
    const before = await ask({ measure: "runs", period: { kind: "month", month: 8 } });
    expect(before.kind).toBe("no_data");
    // A comparison with a past only partly recorded is not made (a change against it would be false).
    const partly = await ask({
      measure: "runs",
      period: { kind: "last_n_days", n: 20 },
      compare: { kind: "previous" },
    });
    const firstDay = await one(
      `SELECT to_char(min(("startedAt" AT TIME ZONE $1)::date), 'YYYY-MM-DD') AS n FROM n8n.execution_entity WHERE "deletedAt" IS NULL`,
      [TZ],
    );
    expect(partly).toMatchObject({ kind: "comparison", previousFirstDay: firstDay });
    const whole = await ask({
      measure: "runs",
      period: { kind: "last_n_days", n: 7 },
      compare: { kind: "previous" },
    });
    expect(whole).toMatchObject({ kind: "comparison", previousFirstDay: null });
  });

  it("never puts a name, a sender or any other value of a plan into SQL text", async () => {
    texts.length = 0;
    params.length = 0;
    const catalog = await createEntityCatalogSource(db.pool, { app: "milhena", n8n: "n8n" }).load();
    // A name that is an injection attempt resolves to that workflow, by its id, as a bound value.
    const named = resolvePlan(draftPlan({ measure: "runs", filters: { workflows: [{ text: INJECTION }] } }), {
      catalog,
      now: NOW,
      timeZone: TZ,
    });
    expect(named.kind).toBe("plan");
    await asker.layer.execute((named as { plan: ResolvedQueryPlan }).plan);
    const sender = "x' OR '1'='1";
    const plan = resolvePlan(
      draftPlan({ measure: "emails_received", filters: { senders: [{ text: sender }] } }),
      { catalog, now: NOW, timeZone: TZ },
    );
    // An unknown sender is a clarification: nothing is queried for it.
    expect(plan.kind).toBe("clarify");
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      expect(t).not.toContain("DROP");
      expect(t).not.toContain("Robert");
      expect(t).not.toContain("inj1");
      expect(t).not.toContain("Europe/Rome");
    }
    expect(params.flat().flat()).toContain("inj1");
  });
});
