import { InMemoryStore } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { fixedReply } from "../i18n/replies.ts";
import { userNamespace } from "../memory/userMemory.ts";
import { withClassification } from "../graph/context.ts";
import type { Intent, Language } from "../graph/labels.ts";
import type { LlmWriter } from "../llm/writer.ts";
import { classification, fakeDeps, scriptedWriter, testContext, graphState } from "../test/support/fakes.ts";
import { makeRespond } from "./respond.ts";

const run = (
  intent: Intent,
  language: Language,
  llm?: LlmWriter,
  question = "chi vincerà il campionato?",
) => {
  const { deps, lines } = fakeDeps(llm ? { llm } : {});
  const context = withClassification(
    testContext({ question }),
    classification({ intent, language, queryType: null, window: null }),
  );
  return {
    lines,
    update: makeRespond(deps)(graphState({ context })),
  };
};

describe("respond", () => {
  it.each([
    ["GREETING", "it", /Ciao/],
    ["GREETING", "en", /Hi/],
    ["HELP", "it", /Posso dirti/],
    ["HELP", "en", /I can tell you/],
    ["GENERAL", "it", /solo delle automazioni/],
    ["GENERAL", "en", /only look after/],
    ["UNSAFE", "it", /non posso farlo/],
    ["UNSAFE", "en", /can't do that/],
  ] as const)("answers %s in %s offline", async (intent, language, pattern) => {
    const update = await run(intent, language).update;
    expect(update.context!.answer).toMatch(pattern);
    expect(update.context!.source).toBe("rules");
  });

  it("refuses to answer a data intent", async () => {
    await expect(run("BUSINESS_DATA", "en").update).rejects.toThrow(/cannot answer BUSINESS_DATA/);
  });

  it("lets an LLM answer GENERAL questions briefly, and says who answered", async () => {
    const llm = scriptedWriter(() => ({
      text: "Non seguo il calcio, ma posso dirti come vanno le automazioni.",
      provider: "groq",
    }));
    const update = await run("GENERAL", "it", llm).update;
    expect(update.context!.answer).toBe("Non seguo il calcio, ma posso dirti come vanno le automazioni.");
    expect(update.context!.source).toBe("groq");
    expect(update.context!.usage).toMatchObject({ llmCalls: 1, inputTokens: 30, outputTokens: 12 });
  });

  it("never asks an LLM for greetings, help or refusals", async () => {
    const llm = scriptedWriter(() => ({ text: "LLM text" }));
    for (const intent of ["GREETING", "HELP", "UNSAFE"] as const) {
      expect((await run(intent, "en", llm).update).context!.answer).not.toBe("LLM text");
    }
    expect(llm.calls).toEqual([]);
  });

  it("discards an LLM answer that invents a figure, and counts it", async () => {
    const llm = scriptedWriter(() => ({ text: "By the way, you received 42 orders today!" }));
    const { update, lines } = run("GENERAL", "en", llm, "what's the weather like?");
    const context = (await update).context!;
    expect(context.answer).toMatch(/only look after/);
    expect(context.source).toBe("rules");
    expect(context.usage.guardRejections).toBe(1);
    expect(lines.some((l) => l.event === "llm.guard_rejected")).toBe(true);
  });

  it("falls back to the scope reply when every provider failed", async () => {
    const llm = scriptedWriter(() => ({ text: null }));
    const context = (await run("GENERAL", "en", llm).update).context!;
    expect(context.answer).toMatch(/only look after/);
    expect(context.source).toBe("rules");
    expect(context.usage.fallbacks).toBe(2);
  });
});

describe("respond to a returning user", () => {
  const greet = async (language: Language, profile: Record<string, unknown> | null) => {
    const { deps } = fakeDeps();
    const store = new InMemoryStore();
    if (profile) await store.put(userNamespace("anna"), "profile", profile);
    const context = withClassification(
      testContext({ question: "ciao", userId: "anna" }),
      classification({ intent: "GREETING", language, queryType: null, window: null }),
    );
    return (await makeRespond(deps)(graphState({ context }), { store })).context!.answer;
  };

  it("names what they usually ask about, in the question's language", async () => {
    const profile = {
      preferredLanguage: "it",
      topics: { ORDERS: 9, EMAILS: 4, GREETING: 30, ERRORS: 1 },
      interactions: 44,
    };
    expect(await greet("it", profile)).toBe(
      "Ciao, bentornato! Di solito mi chiedi degli ordini e delle email: vuoi sapere come va oggi?",
    );
    expect(await greet("en", profile)).toMatch(/usually ask me about orders and emails/);
  });

  it("greets as usual a new user, one with too little history, or a profile that is not valid", async () => {
    expect(await greet("en", null)).toBe(fixedReply("GREETING", "en"));
    expect(await greet("en", { preferredLanguage: "en", topics: { ORDERS: 2 }, interactions: 2 })).toBe(
      fixedReply("GREETING", "en"),
    );
    expect(await greet("en", { preferredLanguage: "fr", topics: { ORDERS: 9 }, interactions: 9 })).toBe(
      fixedReply("GREETING", "en"),
    );
  });
});
