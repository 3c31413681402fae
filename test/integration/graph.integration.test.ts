import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv, type AppEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { appendExecutions, seedDemo } from "../../db/demo/seed.ts";
import type { Database } from "../../db/database.ts";
import { createMilhenaRuntime, type MilhenaRuntime } from "../../graph/runtime.ts";
import type { MilhenaStateType } from "../../graph/state.ts";
import { formatInteger, formatPercent } from "../../i18n/format.ts";
import { findJargon } from "../../i18n/jargon.ts";
import { withReadOnlyTransaction } from "../../tools/readOnlyQuery.ts";
import { runEtl } from "../../tools/etl.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";
import { truthActiveWorkflows, truthMostFailing, truthRuns, truthSuccessRate } from "../support/truth.ts";

// Late evening in Rome (already the next day there than at 00:30 UTC would suggest): exercises the time zone.
const NOW = new Date("2026-11-18T16:45:00Z");
const TZ = "Europe/Rome";

describe.each(TEST_BACKENDS)("Milhena graph on %s", (kind) => {
  let db: TestDatabase;
  let env: AppEnv;
  let runtime: MilhenaRuntime;
  /** The open handle on the test database (replaced when the test restarts the process). */
  let current: Database;
  const truth = { schema: "n8n", timeZone: TZ, now: NOW };
  const n = (x: number, lang: "it" | "en") => formatInteger(x, lang);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    current = db;
    env = loadEnv({ BUSINESS_TZ: TZ, LOG_LEVEL: "silent" });
    runtime = await createMilhenaRuntime(env, { database: db, clock: () => NOW, logger: silentLogger });
    await seedDemo(current.pool, { n8nSchema: "n8n", executions: 4000, days: 40, seed: 11, now: NOW });
    await runEtl(current.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: TZ });
  });

  afterAll(async () => {
    await runtime?.close().catch(() => undefined);
    await db?.destroy();
  });

  describe("answers numeric questions with the exact SQL truth", () => {
    it.each([
      ["how many workflow runs today?", 0, 1, false, "en"],
      ["quante esecuzioni ci sono state oggi?", 0, 1, false, "it"],
      ["how many runs yesterday?", 1, 1, false, "en"],
      ["quante esecuzioni ieri?", 1, 1, false, "it"],
      ["how many workflow runs in the last 7 days?", 0, 7, false, "en"],
      ["quante esecuzioni negli ultimi 30 giorni?", 0, 30, false, "it"],
      ["how many failures today?", 0, 1, true, "en"],
      ["quanti errori ieri?", 1, 1, true, "it"],
      ["how many workflows failed in the last 7 days?", 0, 7, true, "en"],
      ["quanti errori negli ultimi 14 giorni?", 0, 14, true, "it"],
    ] as const)("%s", async (question, back, span, failed, lang) => {
      const expected = await truthRuns(current.pool, truth, back, span, failed);
      expect(expected).toBeGreaterThan(0);
      const r = await runtime.ask(question);
      expect(r.language).toBe(lang);
      expect(r.answer).toContain(n(expected, lang));
      expect(findJargon(r.answer)).toEqual([]);
    });

    it("success rate over 30 days", async () => {
      const rate = await truthSuccessRate(current.pool, truth, 30);
      const en = await runtime.ask("what is the success rate?");
      expect(en.answer).toContain(formatPercent(rate, "en"));
      const it_ = await runtime.ask("qual è il tasso di successo?");
      expect(it_.answer).toContain(formatPercent(rate, "it"));
    });

    it("active workflows", async () => {
      const active = await truthActiveWorkflows(current.pool, truth);
      const r = await runtime.ask("quanti workflow attivi ci sono?");
      expect(r.queryType).toBe("WORKFLOWS");
      expect(r.answer).toContain(`${active} processi automatici attivi`);
    });

    it("the most failing workflow of the last 7 days", async () => {
      const [top] = await truthMostFailing(current.pool, truth, 7);
      const r = await runtime.ask("which workflow failed the most in the last 7 days?");
      expect(r.answer).toContain(`“${top!.name}” (${top!.n} times)`);
    });
  });

  it("resolves follow-ups from the previous turn of the thread", async () => {
    const thread = `follow-${kind}`;
    const first = await runtime.ask("how many failures today?", { threadId: thread });
    expect(first).toMatchObject({ queryType: "ERRORS", window: { kind: "today" } });
    const second = await runtime.ask("and yesterday?", { threadId: thread });
    expect(second).toMatchObject({ queryType: "ERRORS", window: { kind: "yesterday" }, language: "en" });
    expect(second.answer).toContain(n(await truthRuns(current.pool, truth, 1, 1, true), "en"));
    const third = await runtime.ask("e quale è il più affidabile?", { threadId: thread });
    expect(third).toMatchObject({ queryType: "PERFORMANCE", language: "it" });
  });

  it("resumes a thread after a process restart", async () => {
    const thread = `restart-${kind}`;
    const before = await runtime.ask("quante email sono arrivate oggi?", { threadId: thread });
    expect(before.queryType).toBe("EMAILS");
    await runtime.close();
    current = await db.reopen();
    runtime = await createMilhenaRuntime(env, { database: current, clock: () => NOW, logger: silentLogger });
    const after = await runtime.ask("e ieri?", { threadId: thread });
    expect(after).toMatchObject({ queryType: "EMAILS", window: { kind: "yesterday" }, language: "it" });
    const state = await runtime.graph.getState({ configurable: { thread_id: thread } });
    const humans = (state.values as MilhenaStateType).messages.filter((m) => m.getType() === "human");
    expect(humans.map((m) => m.content)).toEqual(["quante email sono arrivate oggi?", "e ieri?"]);
  });

  it("serves repeated questions from the cache until new executions arrive", async () => {
    const question = "how many workflow runs today?";
    const first = await runtime.ask(question);
    const second = await runtime.ask(question);
    expect(second).toMatchObject({ cached: true, source: "cache", answer: first.answer });
    const runsBefore = await truthRuns(current.pool, truth, 0, 1);
    await appendExecutions(current.pool, { n8nSchema: "n8n", count: 3, now: NOW, seed: 99 });
    const third = await runtime.ask(question);
    expect(third.cached).toBe(false);
    expect(third.answer).toContain(n(runsBefore + 3, "en"));
  });

  it("never lets injection strings reach SQL, and refuses them", async () => {
    const seen: string[] = [];
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0];
      // The statement's text (its values travel apart, as bound parameters).
      seen.push(
        typeof first === "string"
          ? first
          : first && typeof first === "object" && "text" in first
            ? String(first.text)
            : JSON.stringify(first),
      );
      return Reflect.apply(original, this, args);
    };
    try {
      for (const attack of [
        "'; DROP TABLE n8n.execution_entity; --",
        "how many runs today' OR 1=1; DELETE FROM n8n.workflow_entity; --",
        "quante email oggi? UNION SELECT password FROM users",
        "<script>alert(1)</script>",
      ]) {
        const r = await runtime.ask(attack);
        expect(r.intent).toBe("UNSAFE");
        expect(seen.join("\n")).not.toMatch(/DROP TABLE|DELETE FROM n8n|UNION SELECT|<script>/);
      }
    } finally {
      proto.query = original;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(await truthActiveWorkflows(current.pool, truth)).toBeGreaterThan(0);
  });

  it("fails any write through the business path (read-only transaction)", async () => {
    const before = await truthRuns(current.pool, truth, 0, 40);
    const evil = { name: "evil", text: `DELETE FROM n8n.execution_entity` };
    await expect(
      withReadOnlyTransaction(current.pool, { statementTimeoutMs: 2000, maxRows: 10 }, (query) =>
        query(evil),
      ),
    ).rejects.toThrow(/read-only transaction/);
    expect(await truthRuns(current.pool, truth, 0, 40)).toBe(before);
  });
});
