import { createMilhenaStore } from "../../memory/store.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerCache } from "../../cache/answerCache.ts";
import { migrate } from "../../db/migrate.ts";
import { MIGRATIONS } from "../../db/migrations/index.ts";
import { ensureN8nTables } from "../../db/n8nSchema.ts";
import { createUserMemory, MAX_INTERACTIONS, moveLegacyMemory } from "../../memory/userMemory.ts";
import { classification } from "../support/fakes.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

const schemas = { app: "milhena", n8n: "n8n" };

describe.each(TEST_BACKENDS)("storage on %s", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await migrate(db.pool, schemas);
    await ensureN8nTables(db.pool, "n8n");
  });
  afterAll(async () => db?.destroy());

  it("runs migrations once; a second run applies nothing", async () => {
    const again = await migrate(db.pool, schemas);
    expect(again.applied).toEqual([]);
    const { rows } = await db.pool.query<{ version: number }>(
      "SELECT version FROM milhena.schema_migrations ORDER BY 1",
    );
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const checkpoints = await db.pool.query("SELECT to_regclass('milhena.checkpoints') IS NOT NULL AS ok");
    expect(checkpoints.rows[0]).toEqual({ ok: true });
  });

  it("lets concurrent starts migrate safely (advisory lock)", async () => {
    const fresh = await createTestDatabase(kind);
    try {
      // On PostgreSQL: three pools, as three replicas would have; on PGlite: one process, one pool.
      const handles =
        kind === "postgres"
          ? await Promise.all([fresh.reopen(), fresh.reopen(), fresh.reopen()])
          : [fresh, fresh, fresh];
      try {
        const results = await Promise.all(handles.map((h) => migrate(h.pool, schemas)));
        expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
      } finally {
        if (kind === "postgres") await Promise.all(handles.map((h) => h.close()));
      }
    } finally {
      await fresh.destroy();
    }
  });

  it("keeps the last 50 interactions per user and a profile", async () => {
    const memory = createUserMemory(createMilhenaStore(db.pool, "milhena"));
    for (let i = 0; i < MAX_INTERACTIONS + 5; i++) {
      await memory.record({
        userId: "anna",
        threadId: "t",
        question: `q${i}`,
        answer: `a${i}`,
        classification: classification({
          queryType: i % 2 ? "EMAILS" : "ORDERS",
          language: i < 50 ? "en" : "it",
        }),
      });
    }
    await memory.record({
      userId: "bob",
      threadId: "t2",
      question: "ciao",
      answer: "Ciao!",
      classification: classification({ intent: "GREETING", queryType: null }),
    });
    const recent = await memory.recent("anna");
    expect(recent).toHaveLength(MAX_INTERACTIONS);
    expect(recent[0]!.question).toBe(`q${MAX_INTERACTIONS + 4}`);
    expect(recent.at(-1)!.question).toBe("q5");
    const profile = await memory.profile("anna");
    expect(profile).toMatchObject({
      preferredLanguage: "it",
      interactions: 55,
      topics: { EMAILS: 27, ORDERS: 28 },
    });
    expect((await memory.recent("bob")).map((i) => i.question)).toEqual(["ciao"]);
    // Kept in LangGraph's store tables in Milhena's schema, through the shared pool.
    const { rows } = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM milhena.store WHERE namespace_path LIKE 'users:anna%'",
    );
    expect(rows[0]?.n).toBe(MAX_INTERACTIONS + 1);
    expect(await memory.eraseUser("anna")).toBe(MAX_INTERACTIONS);
    expect(await memory.profile("anna")).toBeNull();
    expect(await memory.recent("anna")).toEqual([]);
    expect((await memory.recent("bob")).map((i) => i.question)).toEqual(["ciao"]);
  });

  it("users whose ids share a prefix or match as a pattern never see each other's memory", async () => {
    const memory = createUserMemory(createMilhenaStore(db.pool, "milhena"));
    const say = (userId: string, question: string) =>
      memory.record({ userId, threadId: "t", question, answer: "ok", classification: classification() });
    await say("ann", "ann's question");
    await say("annabel", "annabel's question");
    await say("a_b", "a_b's question");
    await say("axb", "axb's question");
    expect((await memory.recent("ann")).map((i) => i.question)).toEqual(["ann's question"]);
    expect((await memory.recent("a_b")).map((i) => i.question)).toEqual(["a_b's question"]);
    expect(await memory.eraseUser("ann")).toBe(1);
    expect(await memory.eraseUser("a_b")).toBe(1);
    expect((await memory.recent("annabel")).map((i) => i.question)).toEqual(["annabel's question"]);
    expect((await memory.recent("axb")).map((i) => i.question)).toEqual(["axb's question"]);
  });

  it("moves memory an earlier version kept in its own tables into the store, once", async () => {
    await db.pool.query(
      `INSERT INTO milhena.user_interaction (user_id, thread_id, question, answer, intent, query_type, language)
       VALUES ('carlo', 'old-thread', 'quanti ordini ieri?', 'Ieri 4 ordini.', 'BUSINESS_DATA', 'ORDERS', 'it')`,
    );
    await db.pool.query(
      `INSERT INTO milhena.user_profile (user_id, preferred_language, topics, interactions)
       VALUES ('carlo', 'it', '{"ORDERS": 7}', 7)`,
    );
    const store = createMilhenaStore(db.pool, "milhena");
    expect(await moveLegacyMemory(db.pool, "milhena", store)).toBe(1);
    expect(await moveLegacyMemory(db.pool, "milhena", store)).toBe(0);
    const memory = createUserMemory(store);
    expect((await memory.recent("carlo")).map((i) => i.question)).toEqual(["quanti ordini ieri?"]);
    expect(await memory.profile("carlo")).toMatchObject({
      preferredLanguage: "it",
      interactions: 7,
      topics: { ORDERS: 7 },
    });
    const left = await db.pool.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM milhena.user_interaction WHERE user_id = 'carlo')::int + (SELECT count(*) FROM milhena.user_profile WHERE user_id = 'carlo')::int AS n",
    );
    expect(left.rows[0]?.n).toBe(0);
  });

  it("caches answers with a TTL, in front of the table, keyed by the data watermark", async () => {
    let now = new Date("2026-11-18T10:00:00Z");
    const options = {
      pool: db.pool,
      n8nSchema: "n8n",
      appSchema: "milhena",
      ttlSeconds: 60,
      clock: () => now,
    };
    const cache = createAnswerCache(options);
    const input = { question: "Quante EMAIL oggi??", previousTurn: null, businessDay: "2026-11-18" };
    const key = await cache.keyFor(input);
    expect(await cache.keyFor({ ...input, question: "quante email  oggi" })).toBe(key);
    // A remembered answer language is part of the key (an ambiguous question answered in Italian is not English).
    expect(await cache.keyFor({ ...input, language: "en" })).not.toBe(
      await cache.keyFor({ ...input, language: "it" }),
    );
    expect(await cache.keyFor({ ...input, businessDay: "2026-11-19" })).not.toBe(key);
    await cache.put(key, { answer: "Sono arrivate 3 email.", classification: classification(), plan: null });
    // A second instance (another replica) reads it from the table.
    const other = createAnswerCache(options);
    expect((await other.get(key))?.answer).toBe("Sono arrivate 3 email.");
    now = new Date(now.getTime() + 61_000);
    expect(await cache.get(key)).toBeNull();
    expect(await other.get(key)).toBeNull();
    // New executions change the watermark, hence the key.
    await db.pool.query(
      `INSERT INTO n8n.workflow_entity (id, name, active, nodes, connections) VALUES ('wf1', 'Test', true, '[]', '{}')`,
    );
    await db.pool.query(
      `INSERT INTO n8n.execution_entity (finished, mode, status, "workflowId", "startedAt", "stoppedAt") VALUES (true, 'trigger', 'success', 'wf1', now(), now())`,
    );
    expect(await cache.keyFor(input)).not.toBe(key);
  });
});
