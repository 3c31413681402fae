import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendExecutions, seedDemo } from "../../db/demo/seed.ts";
import { migrate } from "../../db/migrate.ts";
import { readFreshness } from "../../tools/dataWatermark.ts";
import { etlIsStale, etlStateIsStale, RECONCILE_INTERVAL_MS, runEtl } from "../../tools/etl.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

const NOW = new Date("2026-11-18T22:30:00Z"); // already the 19th in Rome
const TZ = "Europe/Rome";
const opts = { n8nSchema: "n8n", appSchema: "milhena", timeZone: TZ, batchSize: 500 };

describe.each(TEST_BACKENDS)("seeder and ETL on %s", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await migrate(db.pool, { app: "milhena", n8n: "n8n" });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 2000, days: 10, seed: 21, now: NOW });
  });
  afterAll(async () => db?.destroy());

  /**
   * Whether the ETL must run, decided both ways: reading its state, and from the one freshness read a
   * request makes (which carries that state). The two always agree.
   */
  const stale = async () => {
    const read = await etlIsStale(db.pool, opts);
    const freshness = await readFreshness(db.pool, { n8n: "n8n", app: "milhena" });
    const state = freshness.etlState;
    const fromFreshness = state
      ? etlStateIsStale(
          { ...state, reconciledAt: state.reconciledAt ? new Date(state.reconciledAt) : null },
          freshness.data,
          TZ,
          new Date(),
        )
      : true;
    expect(fromFreshness).toBe(read);
    return read;
  };

  const count = async (sql: string, params: unknown[] = []) =>
    (await db.pool.query<{ n: number }>(sql, params)).rows[0]!.n;

  it("seeds the requested executions with failures and soft deletions", async () => {
    expect(await count(`SELECT count(*)::int AS n FROM n8n.execution_entity`)).toBe(2000);
    expect(await count(`SELECT count(*)::int AS n FROM n8n.execution_data`)).toBe(2000);
    expect(
      await count(`SELECT count(*)::int AS n FROM n8n.execution_entity WHERE status IN ('error','crashed')`),
    ).toBeGreaterThan(20);
    expect(
      await count(`SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "deletedAt" IS NOT NULL`),
    ).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "stoppedAt" > $1`, [NOW]),
    ).toBe(0);
  });

  it("fills one business row per execution and hourly aggregates equal to SQL on the n8n tables", async () => {
    expect(await stale()).toBe(true);
    const first = await runEtl(db.pool, opts);
    expect(first).toEqual({ processed: 2000, watermark: 2000 });
    expect(await stale()).toBe(false);
    expect(await count(`SELECT count(*)::int AS n FROM milhena.business_execution_data`)).toBe(2000);
    const { rows: truth } = await db.pool.query<{ day: string; runs: number; failures: number }>(
      `SELECT to_char(("startedAt" AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS day, count(*)::int AS runs,
              count(*) FILTER (WHERE status IN ('error','crashed'))::int AS failures
         FROM n8n.execution_entity WHERE "deletedAt" IS NULL GROUP BY 1 ORDER BY 1`,
      [TZ],
    );
    const { rows: metrics } = await db.pool.query<{ day: string; runs: number; failures: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(runs)::int AS runs, sum(failures)::int AS failures
         FROM milhena.business_hourly GROUP BY 1 ORDER BY 1`,
    );
    expect(metrics).toEqual(truth);
    // The time zone matters: grouped by UTC day, the same executions give other daily figures.
    const { rows: utc } = await db.pool.query<{ day: string; runs: number; failures: number }>(
      `SELECT to_char(("startedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS runs,
              count(*) FILTER (WHERE status IN ('error','crashed'))::int AS failures
         FROM n8n.execution_entity WHERE "deletedAt" IS NULL GROUP BY 1 ORDER BY 1`,
    );
    expect(utc).not.toEqual(truth);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE email_sender IS NOT NULL`,
      ),
    ).toBeGreaterThan(100);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE order_id IS NOT NULL`,
      ),
    ).toBeGreaterThan(50);
  });

  it("is a no-op when run again", async () => {
    const snapshot = () =>
      Promise.all(
        ["business_hourly", "business_senders_daily", "business_errors_daily"].map(
          async (t) =>
            (await db.pool.query<Record<string, unknown>>(`SELECT * FROM milhena.${t} ORDER BY 1, 2, 3, 4`))
              .rows,
        ),
      );
    const before = await snapshot();
    expect(await runEtl(db.pool, opts)).toEqual({ processed: 0, watermark: 2000 });
    expect(await snapshot()).toEqual(before);
  });

  it("picks up exactly the new executions, and later soft deletions", async () => {
    await appendExecutions(db.pool, { n8nSchema: "n8n", count: 7, now: NOW, seed: 5 });
    expect(await stale()).toBe(true);
    expect(await runEtl(db.pool, opts)).toEqual({ processed: 7, watermark: 2007 });
    await db.pool.query(`UPDATE n8n.execution_entity SET "deletedAt" = now() WHERE id = 2007`);
    await runEtl(db.pool, opts);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE execution_id = 2007 AND deleted`,
      ),
    ).toBe(1);
  });

  it("tracks a running execution without holding the watermark back, and counts it once when it finishes", async () => {
    await appendExecutions(db.pool, { n8nSchema: "n8n", count: 2, now: NOW, seed: 6 });
    await db.pool.query(
      `UPDATE n8n.execution_entity SET status = 'waiting', finished = false, "stoppedAt" = NULL WHERE id = 2008`,
    );
    expect((await runEtl(db.pool, opts)).watermark).toBe(2009);
    expect(await count(`SELECT count(*)::int AS n FROM milhena.etl_pending WHERE execution_id = 2008`)).toBe(
      1,
    );
    // Nothing changed: the waiting execution no longer makes every check stale.
    expect(await stale()).toBe(false);
    await db.pool.query(`UPDATE n8n.execution_entity SET status = 'error', finished = false WHERE id = 2008`);
    expect(await stale()).toBe(true);
    expect(await runEtl(db.pool, opts)).toEqual({ processed: 0, watermark: 2009 });
    const { rows } = await db.pool.query(
      `SELECT status FROM milhena.business_execution_data WHERE execution_id = 2008`,
    );
    expect(rows).toEqual([{ status: "error" }]);
    expect(await count(`SELECT count(*)::int AS n FROM milhena.etl_pending`)).toBe(0);
  });

  it("applies a pruning batch larger than a page, all stamped with one time", async () => {
    await db.pool.query(
      `UPDATE n8n.execution_entity SET "deletedAt" = now() WHERE id BETWEEN 1001 AND 1700 AND "deletedAt" IS NULL`,
    );
    await runEtl(db.pool, opts); // batchSize 500
    expect(
      await count(
        `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE execution_id BETWEEN 1001 AND 1700 AND NOT deleted`,
      ),
    ).toBe(0);
  });

  it("finds, on its periodic check, executions deleted outright and one committed below an id already read", async () => {
    const later = () => new Date(Date.now() + RECONCILE_INTERVAL_MS + 60_000);
    const { rows: saved } = await db.pool.query<Record<string, unknown>>(
      `SELECT * FROM n8n.execution_entity WHERE id = 500`,
    );
    const { rows: savedData } = await db.pool.query<Record<string, unknown>>(
      `SELECT * FROM n8n.execution_data WHERE "executionId" = 500`,
    );
    await db.pool.query(`DELETE FROM n8n.execution_entity WHERE id IN (500, 501)`);
    await runEtl(db.pool, { ...opts, now: later });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE execution_id IN (500, 501)`,
      ),
    ).toBe(0);
    // Execution 500 "commits" again, below the ETL's cursor: the next check reads it.
    const e = saved[0]!;
    await db.pool.query(
      `INSERT INTO n8n.execution_entity (id, finished, mode, status, "workflowId", "startedAt", "stoppedAt", "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.id, e.finished, e.mode, e.status, e.workflowId, e.startedAt, e.stoppedAt, e.createdAt],
    );
    const d = savedData[0]!;
    await db.pool.query(
      `INSERT INTO n8n.execution_data ("executionId", "workflowData", data) VALUES ($1, $2, $3)`,
      [d.executionId, JSON.stringify(d.workflowData), d.data],
    );
    await runEtl(db.pool, { ...opts, now: () => new Date(later().getTime() + RECONCILE_INTERVAL_MS) });
    expect(
      await count(`SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE execution_id = 500`),
    ).toBe(1);
  });

  it("profiles every workflow, and aggregates per hour, sender and error cause in the business time zone", async () => {
    const { rows: profiles } = await db.pool.query<{ name: string; category: string; services: string[] }>(
      `SELECT name, category, services FROM milhena.business_workflows ORDER BY name`,
    );
    expect(profiles.find((p) => p.name === "Elaborazione ordini Shopify")).toMatchObject({
      category: "order",
      services: expect.arrayContaining(["shopify", "slack"]) as unknown,
    });
    expect(profiles.find((p) => p.name === "Report vendite settimanale")?.category).toBe("report");
    const { rows: byHour } = await db.pool.query<{ hour: number; n: number }>(
      `SELECT EXTRACT(HOUR FROM "startedAt" AT TIME ZONE $1)::int AS hour, count(*)::int AS n
         FROM n8n.execution_entity WHERE "deletedAt" IS NULL GROUP BY 1 ORDER BY 1`,
      [TZ],
    );
    const { rows: hourly } = await db.pool.query<{ hour: number; n: number }>(
      `SELECT hour::int AS hour, sum(runs)::int AS n FROM milhena.business_hourly GROUP BY 1 ORDER BY 1`,
    );
    expect(hourly).toEqual(byHour);
    const failures = await count(
      `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE NOT deleted AND status IN ('error','crashed')`,
    );
    expect(await count(`SELECT sum(failures)::int AS n FROM milhena.business_errors_daily`)).toBe(failures);
    expect(
      await count(`SELECT count(*)::int AS n FROM milhena.business_errors_daily WHERE cause = 'credentials'`),
    ).toBeGreaterThan(0);
    const emails = await count(
      `SELECT count(*)::int AS n FROM milhena.business_execution_data WHERE NOT deleted AND category = 'email' AND email_sender IS NOT NULL`,
    );
    expect(await count(`SELECT sum(emails)::int AS n FROM milhena.business_senders_daily`)).toBe(emails);
  });

  it("reprocesses everything once when the ETL itself changed", async () => {
    await db.pool.query(`UPDATE milhena.etl_state SET etl_version = 1`);
    expect(await stale()).toBe(true);
    const again = await runEtl(db.pool, opts);
    expect(again.processed).toBeGreaterThan(2000);
    expect(await stale()).toBe(false);
  });

  it("reseeds identically from the same seed", async () => {
    const snapshot = async () =>
      (
        await db.pool.query<{ id: number; status: string; workflowId: string; startedAt: Date }>(
          `SELECT id, status, "workflowId", "startedAt" FROM n8n.execution_entity ORDER BY id LIMIT 50`,
        )
      ).rows;
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 300, days: 3, seed: 77, now: NOW });
    const a = await snapshot();
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 300, days: 3, seed: 77, now: NOW });
    expect(await snapshot()).toEqual(a);
  });
});
