import { stringify } from "flatted";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../db/demo/seed.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../test/support/testDatabase.ts";
import { truthRuns } from "../test/support/truth.ts";
import { createTruthSource, isEmailIn, triggerOutput, windowRange, type TruthOptions } from "./truth.ts";

describe("triggerOutput", () => {
  const data = (json: unknown) =>
    stringify({ resultData: { runData: { Gmail: [{ data: { main: [[{ json }]] } }] } } });

  it("reads the first item a trigger produced", () => {
    const json = triggerOutput(data({ from: { text: "Anna <a@b.it>" } }), "Gmail");
    expect(json && isEmailIn(json)).toBe(true);
  });

  it("finds nothing in a failed trigger, another node or bad data", () => {
    expect(
      triggerOutput(stringify({ resultData: { runData: { Gmail: [{ error: {} }] } } }), "Gmail"),
    ).toBeNull();
    expect(triggerOutput(data({ from: "x" }), "Outlook")).toBeNull();
    expect(triggerOutput("not flatted", "Gmail")).toBeNull();
    expect(isEmailIn({ subject: "no sender" })).toBe(false);
  });
});

describe.each(TEST_BACKENDS)("eval truths on %s", (backend) => {
  let db: TestDatabase;
  // Wednesday 18 November 2026, 00:30 in Rome (still Tuesday 23:30 in UTC).
  const now = new Date("2026-11-17T23:30:00Z");
  const o: TruthOptions = { schema: "n8n", timeZone: "Europe/Rome", now };

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 1_500, days: 40, seed: 7, now });
  });
  afterAll(() => db?.destroy());

  it("turns windows into calendar days of the business time zone", async () => {
    const r = (w: Parameters<typeof windowRange>[2]) => windowRange(db.pool, o, w);
    expect(await r({ kind: "today" })).toEqual({ first: "2026-11-18", last: "2026-11-18" });
    expect(await r({ kind: "yesterday" })).toEqual({ first: "2026-11-17", last: "2026-11-17" });
    expect(await r({ kind: "last_n_days", n: 7 })).toEqual({ first: "2026-11-12", last: "2026-11-18" });
    expect(await r({ kind: "this_week" })).toEqual({ first: "2026-11-16", last: "2026-11-18" });
    expect(await r({ kind: "last_week" })).toEqual({ first: "2026-11-09", last: "2026-11-15" });
    expect(await r({ kind: "this_month" })).toEqual({ first: "2026-11-01", last: "2026-11-18" });
    expect(await r({ kind: "last_month" })).toEqual({ first: "2026-10-01", last: "2026-10-31" });
  });

  it("agrees with the integration tests' independent run counts", async () => {
    const truth = createTruthSource(db.pool, o);
    const legacy = { schema: "n8n", timeZone: "Europe/Rome", now };
    expect(await truth.value("runs", { kind: "last_n_days", n: 7 })).toBe(
      await truthRuns(db.pool, legacy, 0, 7),
    );
    expect(await truth.value("failures", { kind: "yesterday" })).toBe(
      await truthRuns(db.pool, legacy, 1, 1, true),
    );
  });

  it("counts emails and orders that came in, within the window", async () => {
    const truth = createTruthSource(db.pool, o);
    const month = await truth.value("emails", { kind: "last_n_days", n: 30 });
    const week = await truth.value("emails", { kind: "last_n_days", n: 7 });
    const runs = await truth.value("runs", { kind: "last_n_days", n: 30 });
    expect(month).toBeGreaterThan(0);
    expect(week).toBeLessThan(month!);
    expect(month).toBeLessThan(runs!);
    expect(await truth.value("orders", { kind: "last_n_days", n: 30 })).toBeGreaterThan(0);
    const rate = await truth.value("successRate", { kind: "last_n_days", n: 30 });
    expect(rate).toBeGreaterThan(0.5);
    expect(rate).toBeLessThan(1);
    expect(await truth.value("activeWorkflows", null)).toBeGreaterThan(0);
  });
});
