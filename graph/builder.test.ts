import { HumanMessage } from "@langchain/core/messages";
import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import type { Classification } from "./labels.ts";
import { classification, fakeDeps } from "../test/support/fakes.ts";
import { compileMilhenaGraph } from "./builder.ts";
import { createTurnRecorder } from "./turnRecord.ts";

function scripted(map: Record<string, Partial<Classification>>) {
  return {
    classify: (q: string) =>
      Promise.resolve({
        classification: classification(map[q] ?? { intent: "GENERAL", queryType: null, window: null }),
        source: "rules" as const,
      }),
  };
}

function setup() {
  const classifier = scripted({
    hi: { intent: "GREETING", queryType: null, window: null },
    "runs today?": { queryType: "TODAY_ACTIVITY" },
  });
  const ctx = fakeDeps({
    classifier,
    result: (plan) =>
      Promise.resolve({
        kind: "value" as const,
        plan,
        value: { unit: "count" as const, value: 42 },
        context: {
          successes: { unit: "count" as const, value: 40 },
          failures: { unit: "count" as const, value: 2 },
        },
      }),
  });
  const graph = compileMilhenaGraph(ctx.deps, new MemorySaver());
  // As a run does: the finished turn's record goes to memory and the cache once the turn is saved.
  const recorder = createTurnRecorder({ memory: ctx.memory, cache: ctx.cache, logger: ctx.deps.logger });
  const ask = async (q: string, thread = "t1") => {
    const state = await graph.invoke(
      { messages: [new HumanMessage(q)] },
      { configurable: { thread_id: thread, user_id: "u1" } },
    );
    recorder.record(state.turnRecord);
    await recorder.settled();
    return state;
  };
  return { ...ctx, graph, ask };
}

describe("the compiled graph", () => {
  it("answers a greeting through respond, without touching business data", async () => {
    const { ask, calls } = setup();
    const state = await ask("hi");
    expect(state.response).toMatchObject({
      intent: "GREETING",
      source: "rules",
      cached: false,
      threadId: "t1",
    });
    expect(state.messages.at(-1)!.getType()).toBe("ai");
    expect(state.messages.at(-1)!.content).toBe(state.response!.answer);
    expect(calls.businessData).toBe(0);
  });

  it("answers a data question through businessTool and translate, then serves it from cache", async () => {
    const { ask, calls } = setup();
    const first = await ask("runs today?");
    expect(first.response!.answer).toContain("42");
    expect(first.response).toMatchObject({
      intent: "BUSINESS_DATA",
      queryType: "TODAY_ACTIVITY",
      cached: false,
    });
    const second = await ask("runs today?", "t2");
    expect(second.response).toMatchObject({ cached: true, source: "cache", answer: first.response!.answer });
    expect(calls.businessData).toBe(1);
  });

  it("does not serve a cached answer once the data changed", async () => {
    const { ask, calls, cache } = setup();
    await ask("runs today?");
    cache.watermark = "w2";
    const again = await ask("runs today?");
    expect(again.response!.cached).toBe(false);
    expect(calls.businessData).toBe(2);
  });

  it("keeps the thread bounded however long the conversation", async () => {
    const { ask, deps } = setup();
    let state = await ask("hi");
    for (let i = 0; i < 12; i++) state = await ask(i % 2 ? "hi" : "runs today?");
    expect(state.messages.length).toBeLessThanOrEqual(deps.maxThreadMessages);
    expect(state.messages.at(-1)!.getType()).toBe("ai");
    expect(state.messages.at(-2)).toBeInstanceOf(HumanMessage);
  });

  it("remembers every interaction for the user", async () => {
    const { ask, memory } = setup();
    await ask("hi");
    await ask("runs today?");
    expect(memory.interactions.map((i) => i.classification.intent)).toEqual(["GREETING", "BUSINESS_DATA"]);
  });
});
