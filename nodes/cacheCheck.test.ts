import { HumanMessage, AIMessage } from "@langchain/core/messages";
import { InMemoryStore } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { userNamespace } from "../memory/userMemory.ts";
import { MilhenaState } from "../graph/state.ts";
import { classification, fakeDeps, graphState } from "../test/support/fakes.ts";
import { afterCacheCheck, makeCacheCheck } from "./cacheCheck.ts";
import { InvalidQuestionError } from "./question.ts";

type State = typeof MilhenaState.State;
const state = (partial: Partial<State>): State => graphState(partial);
const config = { configurable: { thread_id: "t1", user_id: "anna" } };

describe("cacheCheck", () => {
  it("starts a frozen RequestContext from the last question and the config", async () => {
    const { deps } = fakeDeps();
    const update = await makeCacheCheck(deps)(
      state({
        messages: [new HumanMessage("old"), new AIMessage("a"), new HumanMessage("  quante email oggi? ")],
      }),
      config,
    );
    const ctx = update.context!;
    expect(ctx.question).toBe("quante email oggi?");
    expect([ctx.threadId, ctx.userId, ctx.cached]).toEqual(["t1", "anna", false]);
    expect(ctx.receivedAt).toBe("2026-11-18T10:00:00.000Z");
    expect(Object.isFrozen(ctx)).toBe(true);
    expect(() => {
      (ctx as { question: string }).question = "changed";
    }).toThrow(TypeError);
    expect(afterCacheCheck(state({ context: ctx }))).toBe("classify");
  });

  it("routes a cache hit straight to persistMemory with the cached answer", async () => {
    const { deps, cache } = fakeDeps();
    const key = await cache.keyFor({ question: "How many runs today?", businessDay: "2026-11-18" });
    await cache.put(key, { answer: "Cached answer.", classification: classification(), plan: null });
    const update = await makeCacheCheck(deps)(
      state({ messages: [new HumanMessage("How many runs today?")] }),
      config,
    );
    expect(update.context).toMatchObject({ cached: true, source: "cache", answer: "Cached answer." });
    expect(afterCacheCheck(state({ context: update.context! }))).toBe("persistMemory");
  });

  it("carries the previous turn for follow-ups, as a frozen copy", async () => {
    const { deps } = fakeDeps();
    const lastTurn = {
      question: "quante email oggi?",
      classification: classification({ queryType: "EMAILS" }),
    };
    const update = await makeCacheCheck(deps)(
      state({ messages: [new HumanMessage("e ieri?")], lastTurn }),
      config,
    );
    expect(update.context!.previousTurn).toEqual(lastTurn);
    expect(Object.isFrozen(update.context!.previousTurn!.classification)).toBe(true);
    expect(Object.isFrozen(lastTurn)).toBe(false);
  });

  it.each([
    ["no question", []],
    ["an empty question", [new HumanMessage("   ")]],
    ["a question over 10,000 characters", [new HumanMessage("a".repeat(10_001))]],
  ])("rejects %s with a clear error", async (_name, messages) => {
    const { deps } = fakeDeps();
    await expect(makeCacheCheck(deps)(state({ messages }), config)).rejects.toThrow(InvalidQuestionError);
  });
});

describe("cacheCheck and the user's remembered language", () => {
  const remembering = async (language: "it" | "en") => {
    const store = new InMemoryStore();
    await store.put(userNamespace("anna"), "profile", {
      preferredLanguage: language,
      topics: {},
      interactions: 4,
    });
    return { ...config, store };
  };

  it("reads it for a first question with no language of its own, and keys the cache by it", async () => {
    const { deps } = fakeDeps();
    const node = makeCacheCheck(deps);
    const italian = await node(state({ messages: [new HumanMessage("ok")] }), await remembering("it"));
    const english = await node(state({ messages: [new HumanMessage("ok")] }), await remembering("en"));
    expect(italian.context!.rememberedLanguage).toBe("it");
    expect(english.context!.rememberedLanguage).toBe("en");
    expect(italian.context!.cacheKey).not.toBe(english.context!.cacheKey);
  });

  it("leaves it out when the question has a language, or the conversation has begun", async () => {
    const { deps } = fakeDeps();
    const node = makeCacheCheck(deps);
    const withLanguage = await node(
      state({ messages: [new HumanMessage("quante email oggi?")] }),
      await remembering("en"),
    );
    expect(withLanguage.context!.rememberedLanguage).toBeNull();
    const followUp = await node(
      state({
        messages: [new HumanMessage("quante email oggi?"), new AIMessage("3"), new HumanMessage("ok")],
        lastTurn: { question: "quante email oggi?", classification: classification() },
      }),
      await remembering("en"),
    );
    expect(followUp.context!.rememberedLanguage).toBeNull();
    // Without a store (a graph compiled without one) nothing is remembered.
    expect(
      (await node(state({ messages: [new HumanMessage("ok")] }), config)).context!.rememberedLanguage,
    ).toBeNull();
  });
});
