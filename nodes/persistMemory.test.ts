import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { withAnswer, withCacheKey, withClassification, withToolResult } from "../graph/context.ts";
import type { PlanResult } from "../tools/semantic/result.ts";
import { classification, fakeDeps, resolvedPlan, testContext } from "../test/support/fakes.ts";
import { makePersistMemory, trimMessages } from "./persistMemory.ts";

const NOW = new Date("2026-11-18T10:00:00Z");
const base = withCacheKey(
  testContext({ threadId: "t9", userId: "anna", question: "quante email oggi?", now: NOW }),
  "key-1",
);
const labels = classification({ queryType: "EMAILS", language: "it" });
const result: PlanResult = {
  kind: "value",
  plan: resolvedPlan({ measure: "emails_received" }),
  value: { unit: "count", value: 4 },
  context: { replies_drafted: { unit: "count", value: 3 } },
};

describe("persistMemory", () => {
  it("adds the answer as the last AI message, builds the response, caches and remembers", async () => {
    const { deps, cache, memory } = fakeDeps();
    const ctx = withAnswer(
      withToolResult(withClassification(base, labels), result),
      "Oggi sono arrivate 4 email.",
    );
    const update = await makePersistMemory(deps)({
      messages: [new HumanMessage({ id: "h1", content: "quante email oggi?" })],
      lastTurn: null,
      response: null,
      context: ctx,
    });
    const messages = update.messages as BaseMessage[];
    expect(messages.at(-1)).toBeInstanceOf(AIMessage);
    expect(messages.at(-1)!.content).toBe("Oggi sono arrivate 4 email.");
    expect(update.response).toMatchObject({
      threadId: "t9",
      answer: "Oggi sono arrivate 4 email.",
      intent: "BUSINESS_DATA",
      queryType: "EMAILS",
      window: { kind: "today" },
      language: "it",
      cached: false,
      source: "rules",
      confidence: 0.9,
    });
    expect(update.response!.latencyMs).toBeGreaterThanOrEqual(0);
    // The response says how the question was read.
    expect(update.response!.plan).toMatchObject({ kind: "query", measure: "emails_received" });
    expect(cache.entries.get("key-1")?.answer).toBe("Oggi sono arrivate 4 email.");
    expect(cache.entries.get("key-1")?.plan).toMatchObject({ measure: "emails_received" });
    expect(memory.interactions).toHaveLength(1);
    expect(memory.interactions[0]).toMatchObject({
      userId: "anna",
      threadId: "t9",
      question: "quante email oggi?",
    });
    expect(update.lastTurn).toEqual({ question: "quante email oggi?", classification: labels });
  });

  it("does not cache refusals or fixed replies, nor re-cache a cache hit, and keeps the last data turn", async () => {
    const { deps, cache } = fakeDeps();
    const unsafe = withAnswer(
      withClassification(base, classification({ intent: "UNSAFE", queryType: null, window: null })),
      "Sorry.",
    );
    const update = await makePersistMemory(deps)({
      messages: [],
      lastTurn: null,
      response: null,
      context: unsafe,
    });
    expect(cache.entries.size).toBe(0);
    expect(update).not.toHaveProperty("lastTurn");
  });

  it("trims the thread to a bounded number of messages", () => {
    const messages = Array.from(
      { length: 10 },
      (_, i) => new HumanMessage({ id: `m${i}`, content: `q${i}` }),
    );
    const removals = trimMessages(messages, 4);
    expect(removals.map((r) => r.id)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5"]);
    expect(trimMessages(messages.slice(0, 3), 4)).toEqual([]);
  });
});
