import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../config/env.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import { createMilhenaRuntime, type MilhenaRuntime } from "../../graph/runtime.ts";
import { fixedReply, lastQuestionReply, preferenceReply } from "../../i18n/replies.ts";
import { userNamespace } from "../../memory/userMemory.ts";
import { runEtl } from "../../tools/etl.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

/** Memory that serves the user across conversations, read by the graph through its store. */
describe.each(TEST_BACKENDS)("user memory across threads on %s", (kind) => {
  let db: TestDatabase;
  let runtime: MilhenaRuntime;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    runtime = await createMilhenaRuntime(loadEnv({ LOG_LEVEL: "silent", BUSINESS_TZ: "UTC" }), {
      database: db,
    });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 600, days: 10, seed: 4, now: new Date() });
    await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: "UTC" });
  }, 120_000);

  afterAll(async () => {
    await runtime?.settled();
    await db?.destroy();
  });

  const ask = async (userId: string, question: string, threadId: string = randomUUID()) => {
    const response = await runtime.ask(question, { userId, threadId });
    // What the turn leaves in memory is written after the answer.
    await runtime.settled();
    return response;
  };

  it("what a user asked in one thread shapes a new thread of theirs, not another user's, until erased", async () => {
    const first = randomUUID();
    await ask("lucia", "quanti ordini sono arrivati oggi?", first);
    await ask("lucia", "e ieri?", first);
    await ask("lucia", "quanti ordini questa settimana?", first);

    // Asked in a new thread, what she asked last time comes from her memory (another user has none).
    expect((await ask("lucia", "cosa ti ho chiesto l'ultima volta?")).answer).toBe(
      lastQuestionReply("quanti ordini questa settimana?", "it"),
    );
    expect((await ask("lucia", "e prima ancora? cosa ti ho chiesto prima?")).answer).toBe(
      lastQuestionReply("quanti ordini questa settimana?", "it"),
    );
    expect((await ask("nuovo", "what did I ask last time?")).answer).toBe(lastQuestionReply(null, "en"));

    // A question with no language of its own opens a new thread: Lucia's memory says Italian.
    expect((await ask("lucia", "ok")).answer).toBe(fixedReply("GENERAL", "it"));
    expect((await ask("marco", "ok")).answer).toBe(fixedReply("GENERAL", "en"));
    // The question's own language still wins.
    expect((await ask("lucia", "hello there, how many emails came in today?")).language).toBe("en");

    // A returning user is greeted with what they usually ask about; a new one is not.
    const greeting = (await ask("lucia", "ciao")).answer;
    expect(greeting).toMatch(/bentornat/i);
    expect(greeting).toContain("degli ordini");
    expect((await ask("marco", "ciao")).answer).toBe(fixedReply("GREETING", "it"));

    await runtime.memory.eraseUser("lucia");
    expect((await ask("lucia", "ok")).answer).toBe(fixedReply("GENERAL", "en"));
    expect((await ask("lucia", "ciao")).answer).toBe(fixedReply("GREETING", "it"));
  }, 120_000);

  it("a preference stated in one thread holds in a new thread of the same user, not another's, until forgotten or erased", async () => {
    const said = await ask("paola", "rispondimi sempre in inglese");
    expect(said.answer).toBe(preferenceReply("en", "it"));
    const later = await ask("paola", "quante email sono arrivate oggi?");
    expect(later.language).toBe("en");
    expect(later.answer).toMatch(/email/i);
    expect((await ask("piero", "quante email sono arrivate oggi?")).language).toBe("it");

    expect((await ask("paola", "dimentica la mia preferenza di lingua")).answer).toBe(
      preferenceReply(null, "it"),
    );
    expect((await ask("paola", "quante email sono arrivate oggi?")).language).toBe("it");

    await ask("paola", "always answer in Italian");
    expect((await ask("paola", "how many orders came in today?")).language).toBe("it");
    await runtime.memory.eraseUser("paola");
    expect((await ask("paola", "how many orders came in today?")).language).toBe("en");
  }, 120_000);

  it("a figure present only in memory never appears in an answer", async () => {
    const planted = "987654";
    const namespace = [...userNamespace("nina"), "interactions"];
    for (let i = 0; i < 3; i++) {
      await runtime.store.put(namespace, `000000000000001-00000${i}`, {
        threadId: "old",
        question: `quanti ordini il ${planted}?`,
        answer: `Sono arrivati ${planted} ordini per ${planted} euro.`,
        intent: "BUSINESS_DATA",
        queryType: "ORDERS",
        language: "it",
        at: new Date().toISOString(),
      });
    }
    await runtime.store.put(userNamespace("nina"), "profile", {
      preferredLanguage: "it",
      topics: { ORDERS: 40, [planted]: 99 },
      interactions: 3,
    });
    const answers = [];
    for (const question of [
      "ciao",
      "ok",
      "quanti ordini oggi?",
      "e ieri?",
      "cosa mi aspetta la prossima settimana?",
    ]) {
      answers.push((await ask("nina", question)).answer);
    }
    expect(answers[0]).toContain("degli ordini");
    for (const answer of answers) expect(answer).not.toContain(planted);
    expect(answers.join(" ")).not.toMatch(/987[.,\s]?654/);
  }, 120_000);
});
