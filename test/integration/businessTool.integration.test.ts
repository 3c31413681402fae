import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/demo/seed.ts";
import { migrate } from "../../db/migrate.ts";
import type { Classification } from "../../graph/labels.ts";
import { runBusinessTool } from "../../tools/businessTool.ts";
import { runEtl } from "../../tools/etl.ts";
import { createSqlCatalogue } from "../../tools/sqlCatalogue.ts";
import type { ToolResult } from "../../tools/types.ts";
import { classification } from "../support/fakes.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";
import { truthRuns } from "../support/truth.ts";

const NOW = new Date("2026-11-18T14:00:00Z");
const TZ = "UTC";

describe.each(TEST_BACKENDS)("business tool on %s", (kind) => {
  let db: TestDatabase;
  const truth = { schema: "n8n", timeZone: TZ, now: NOW };
  const ask = (c: Partial<Classification>): Promise<ToolResult> =>
    runBusinessTool(
      {
        pool: db.pool,
        sql: createSqlCatalogue({ n8n: "n8n", app: "milhena" }),
        timeZone: TZ,
        statementTimeoutMs: 5000,
        maxRows: 500,
      },
      classification(c),
      NOW,
    );
  const one = async (sql: string, params: unknown[] = []) =>
    (await db.pool.query<{ n: number }>(sql, params)).rows[0]!.n;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await migrate(db.pool, { app: "milhena", n8n: "n8n" });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 3000, days: 35, seed: 4, now: NOW });
    await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: TZ });
  });
  afterAll(async () => db?.destroy());

  it("counts emails that came in and orders received from the business tables", async () => {
    const emails = await ask({ queryType: "EMAILS", window: { kind: "last_n_days", n: 7 } });
    const orders = await ask({ queryType: "ORDERS", window: { kind: "last_n_days", n: 7 } });
    const since = "2026-11-12T00:00:00Z";
    expect(emails).toMatchObject({
      kind: "emails",
      received: await one(
        `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE category = 'email' AND email_sender IS NOT NULL AND NOT deleted AND started_at >= $1`,
        [since],
      ),
    });
    expect(orders).toMatchObject({
      kind: "orders",
      orders: await one(
        `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE category = 'order' AND order_id IS NOT NULL AND NOT deleted AND started_at >= $1`,
        [since],
      ),
    });
    if (orders.kind === "orders") expect(orders.amount).toBeGreaterThan(0);
  });

  it("compares a period with the one before", async () => {
    const r = await ask({
      intent: "ANALYSIS",
      analysis: "compare",
      queryType: "TODAY_ACTIVITY",
      window: { kind: "last_n_days", n: 7 },
    });
    expect(r.kind).toBe("comparison");
    if (r.kind !== "comparison") return;
    expect(r.current.runs).toBe(await truthRuns(db.pool, truth, 0, 7));
    expect(r.before.runs).toBe(await truthRuns(db.pool, truth, 7, 7));
    expect(r.before.failures).toBe(await truthRuns(db.pool, truth, 7, 7, true));
  });

  it("compares orders when the question is about orders", async () => {
    const r = await ask({
      intent: "ANALYSIS",
      analysis: "compare",
      queryType: "ORDERS",
      window: { kind: "last_n_days", n: 7 },
    });
    if (r.kind !== "comparison") throw new Error(r.kind);
    const orders = (from: string, to: string) =>
      one(
        `SELECT count(*)::int AS n FROM milhena.business_execution_data
          WHERE category = 'order' AND order_id IS NOT NULL AND NOT deleted AND started_at >= $1 AND started_at < $2`,
        [from, to],
      );
    expect(r.subject).toBe("orders");
    expect(r.currentCount).toBe(await orders("2026-11-12T00:00:00Z", "2026-11-19T00:00:00Z"));
    expect(r.beforeCount).toBe(await orders("2026-11-05T00:00:00Z", "2026-11-12T00:00:00Z"));
  });

  it("gives a full daily series for a trend", async () => {
    const r = await ask({
      intent: "ANALYSIS",
      analysis: "trend",
      queryType: "TODAY_ACTIVITY",
      window: { kind: "last_n_days", n: 14 },
    });
    if (r.kind !== "trend") throw new Error(r.kind);
    expect(r.series).toHaveLength(14);
    expect(r.series.reduce((a, p) => a + p.runs, 0)).toBe(await truthRuns(db.pool, truth, 0, 14));
    expect(r.series.at(-1)!.day).toBe("2026-11-18");
  });

  it("ranks error causes per workflow", async () => {
    const r = await ask({
      intent: "ANALYSIS",
      analysis: "top_errors",
      queryType: "ERRORS",
      window: { kind: "last_n_days", n: 30 },
    });
    if (r.kind !== "top_errors") throw new Error(r.kind);
    expect(r.failures).toBe(await truthRuns(db.pool, truth, 0, 30, true));
    expect(r.causes.length).toBeGreaterThan(1);
    for (let i = 1; i < r.causes.length; i++)
      expect(r.causes[i - 1]!.count).toBeGreaterThanOrEqual(r.causes[i]!.count);
  });

  it("forecasts the next week from 28 complete days, with a range", async () => {
    const r = await ask({
      intent: "PREDICTION",
      queryType: "TODAY_ACTIVITY",
      window: { kind: "last_n_days", n: 28 },
    });
    if (r.kind !== "forecast") throw new Error(r.kind);
    expect(r).toMatchObject({ method: "seasonal_naive", horizonDays: 7, historyDays: 28, subject: "runs" });
    expect(r.range.lastDay).toBe("2026-11-17");
    expect(r.series.map((p) => p.day)).toEqual([
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
      "2026-11-24",
    ]);
    expect(r.total.low).toBeLessThanOrEqual(r.total.expected);
    expect(r.total.high).toBeGreaterThanOrEqual(r.total.expected);
    // Weekends are quieter in the history, so they are in the forecast.
    const sat = r.series.find((p) => p.day === "2026-11-21")!;
    const mon = r.series.find((p) => p.day === "2026-11-23")!;
    expect(sat.expected).toBeLessThan(mon.expected);
  });

  it("finds the most reliable workflow among those that ran enough", async () => {
    const r = await ask({ queryType: "PERFORMANCE", window: { kind: "last_n_days", n: 30 } });
    if (r.kind !== "performance") throw new Error(r.kind);
    expect(r.mostReliable).not.toBeNull();
    expect(r.mostReliable!.runs).toBeGreaterThanOrEqual(5);
    expect(r.successRate).toBeGreaterThan(0.8);
  });
});
