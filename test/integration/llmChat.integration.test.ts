import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replyOf } from "../../classifier/llmPlan.ts";
import { classifyByRules } from "../../classifier/rules.ts";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import type { PreviousTurn } from "../../graph/context.ts";
import { createMilhenaRuntime, type MilhenaRuntime } from "../../graph/runtime.ts";
import type { MilhenaResponse } from "../../graph/response.ts";
import { findJargon } from "../../i18n/jargon.ts";
import { runEtl } from "../../tools/etl.ts";
import {
  startFakeLlmProvider,
  type FakeLlmProvider,
  type FakeReply,
  type RecordedRequest,
} from "../support/fakeLlmProvider.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

const NOW = new Date("2026-11-18T15:00:00Z");

/** A conversation: questions on one thread, including follow-ups, analysis, forecast and off-topic. */
const CHAT = [
  "how many workflow runs today?",
  "and yesterday?",
  "quante email sono arrivate oggi?",
  "e gli ordini?",
  "which workflows failed in the last 7 days?",
  "come sta andando rispetto alla settimana scorsa?",
  "what should we expect next week?",
  "who won the world cup?",
  "ciao!",
];

function quoted(prompt: string, label: string): string | null {
  const match = new RegExp(`${label}: ("(?:[^"\\\\]|\\\\.)*")`).exec(prompt);
  return match?.[1] ? (JSON.parse(match[1]) as string) : null;
}

/**
 * A well-behaved fake LLM: plans questions as the rules would (in the wire form the prompt asks for),
 * echoes the reference answer as its narrative, and answers off-topic questions politely without figures.
 */
function wellBehaved(request: RecordedRequest): FakeReply {
  const question = quoted(request.prompt, "Question");
  if (request.prompt.includes("Reference answer:")) {
    return { kind: "text", text: quoted(request.prompt, "Reference answer") ?? "" };
  }
  if (request.prompt.includes("write what each question asks for") && question) {
    const previousQuestion = quoted(request.prompt, "Previous question");
    const previous: PreviousTurn | null = previousQuestion
      ? { question: previousQuestion, classification: classifyByRules(previousQuestion, null) }
      : null;
    return { kind: "text", text: JSON.stringify(replyOf(classifyByRules(question, previous), 0.9)) };
  }
  return { kind: "text", text: "I only follow your automations, so I can't say who won." };
}

describe.each(TEST_BACKENDS)("a chat with LLM providers on %s", (kind) => {
  let db: TestDatabase;
  let fake: FakeLlmProvider;
  let rulesOnly: MilhenaRuntime;
  const runtimes: MilhenaRuntime[] = [];
  let expected: MilhenaResponse[];

  const llmRuntime = async (env: Record<string, string>) => {
    const runtime = await createMilhenaRuntime(
      loadEnv({
        GEMINI_API_KEY: "test-gemini-key",
        GROQ_API_KEY: "test-groq-key",
        GEMINI_BASE_URL: fake.baseUrl,
        GROQ_BASE_URL: fake.baseUrl,
        GEMINI_RPM: "10000",
        GROQ_RPM: "10000",
        CACHE_TTL_SECONDS: "0",
        LOG_LEVEL: "silent",
        ...env,
      }),
      { database: db, clock: () => NOW, logger: silentLogger, llm: { baseDelayMs: 1, maxDelayMs: 5 } },
    );
    runtimes.push(runtime);
    return runtime;
  };

  const chat = async (runtime: MilhenaRuntime, thread: string) => {
    const answers: MilhenaResponse[] = [];
    // Each chat is its own user: what one chat leaves in memory (a returning greeting) is not in another.
    for (const question of CHAT)
      answers.push(await runtime.ask(question, { threadId: thread, userId: thread }));
    return answers;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fake = await startFakeLlmProvider();
    rulesOnly = await createMilhenaRuntime(loadEnv({ CACHE_TTL_SECONDS: "0", LOG_LEVEL: "silent" }), {
      database: db,
      clock: () => NOW,
      logger: silentLogger,
    });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 1500, days: 30, seed: 5, now: NOW });
    await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: "UTC" });
    expected = await chat(rulesOnly, `rules-${kind}`);
  });

  afterAll(async () => {
    await fake?.close();
    // The runtimes share one database handle: close it once, through the test database.
    await db?.destroy();
  });

  beforeEach(() => fake.reset());

  it("the rules-only chat answers everything (the reference)", () => {
    expect(expected.map((r) => r.source)).toEqual(CHAT.map(() => "rules"));
    expect(expected[1]).toMatchObject({ intent: "BUSINESS_DATA", window: { kind: "yesterday" } });
    expect(expected.every((r) => r.usage === undefined)).toBe(true);
  });

  it("with both providers failing with 500 for the whole chat, every answer is the rules' answer", async () => {
    // Every question goes to the LLM first (policy llm); every call fails.
    const runtime = await llmRuntime({ LLM_POLICY: "llm" });
    const answers = await chat(runtime, `down-${kind}`);
    expect(answers.map((r) => r.answer)).toEqual(expected.map((r) => r.answer));
    expect(answers.map((r) => r.source)).toEqual(CHAT.map(() => "rules"));
    expect(answers.map((r) => [r.intent, r.queryType, r.window])).toEqual(
      expected.map((r) => [r.intent, r.queryType, r.window]),
    );
    expect(answers[0]!.usage).toMatchObject({ fallbacks: 2 });
    expect(fake.count("gemini")).toBeGreaterThan(0);
    expect(fake.count("groq")).toBeGreaterThan(0);
    // The breakers opened: far fewer calls than 3 attempts × 2 providers × every LLM step.
    expect(fake.requests.length).toBeLessThan(3 * 2 * CHAT.length);
    expect(runtime.providerStatus()).toEqual({ gemini: "open", groq: "open" });
    expect(answers.at(-2)!.usage).toMatchObject({ "breaker:gemini": 2, "breaker:groq": 2 });
  });

  it("with Gemini rate-limited and Groq healthy, Groq answers: source is groq and the figures are the rules'", async () => {
    fake.respondWith("gemini", () => ({ kind: "status", status: 429 }));
    fake.respondWith("groq", wellBehaved);
    const runtime = await llmRuntime({ LLM_POLICY: "llm" });
    const answers = await chat(runtime, `groq-${kind}`);
    expect(answers.map((r) => r.source)).toEqual(CHAT.map(() => "groq"));
    for (const [i, r] of answers.entries()) {
      expect([r.intent, r.queryType, r.window, r.language]).toEqual([
        expected[i]!.intent,
        expected[i]!.queryType,
        expected[i]!.window,
        expected[i]!.language,
      ]);
      if (r.intent !== "GENERAL") expect(r.answer).toBe(expected[i]!.answer);
      expect(findJargon(r.answer)).toEqual([]);
    }
    expect(answers[7]!.answer).toBe("I only follow your automations, so I can't say who won.");
    expect(answers[0]!.usage).toMatchObject({ fallbacks: 1, "groq:llama-3.1-8b-instant:calls": 1 });
    expect(answers[0]!.usage!.inputTokens).toBeGreaterThan(0);
  });

  it("with Gemini hanging and Groq sending malformed bodies, every answer is still the rules' answer", async () => {
    fake.respondWith("gemini", () => ({ kind: "hang" }));
    fake.respondWith("groq", () => ({ kind: "malformed" }));
    const runtime = await llmRuntime({ LLM_POLICY: "llm", LLM_TIMEOUT_MS: "100", LLM_DEADLINE_MS: "1000" });
    const answers = await chat(runtime, `hang-${kind}`);
    expect(answers.map((r) => r.answer)).toEqual(expected.map((r) => r.answer));
    expect(answers.map((r) => r.source)).toEqual(CHAT.map(() => "rules"));
  });

  it("discards an ANALYSIS narrative with a hallucinated figure and answers with the template", async () => {
    fake.respondWith("gemini", (request) => {
      const reference = quoted(request.prompt, "Reference answer") ?? "";
      // Bump the first figure: a plausible, wrong number.
      return { kind: "text", text: reference.replace(/\d+/, (d) => String(Number(d) + 7)) };
    });
    const runtime = await llmRuntime({ LLM_POLICY: "hybrid" });
    const compare = CHAT.indexOf("come sta andando rispetto alla settimana scorsa?");
    const r = await runtime.ask(CHAT[compare]!, { threadId: `guard-${kind}` });
    expect(r.intent).toBe("ANALYSIS");
    expect(r.answer).toBe(expected[compare]!.answer);
    expect(r.source).toBe("rules");
    expect(r.usage).toMatchObject({ guardRejections: 1, llmCalls: 1 });
    expect(fake.requests.at(-1)?.model).toBe("gemini-2.5-flash"); // the stronger model writes analyses
  });

  it("keeps an ANALYSIS narrative that sticks to the facts", async () => {
    fake.respondWith("gemini", (request) => ({
      kind: "text",
      text: `In breve: ${quoted(request.prompt, "Reference answer") ?? ""}`,
    }));
    const runtime = await llmRuntime({ LLM_POLICY: "hybrid" });
    const compare = CHAT.indexOf("come sta andando rispetto alla settimana scorsa?");
    const r = await runtime.ask(CHAT[compare]!, { threadId: `narrative-${kind}` });
    expect(r.answer).toBe(`In breve: ${expected[compare]!.answer}`);
    expect(r.source).toBe("gemini");
    expect(r.usage).toMatchObject({ guardRejections: 0 });
  });
});
