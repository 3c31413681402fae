import { HumanMessage, AIMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
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
