import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import {
  withAnswer,
  withCacheKey,
  withCachedAnswer,
  withClassification,
  withToolResult,
} from "../graph/context.ts";
import type { PlanResult } from "../tools/semantic/result.ts";
import { classification, fakeDeps, resolvedPlan, testContext, graphState } from "../test/support/fakes.ts";
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
  it("adds the answer as the last AI message, builds the response and hands over what to remember and cache", () => {
    const { deps, cache } = fakeDeps();
    const ctx = withAnswer(
      withToolResult(withClassification(base, labels), result),
      "Oggi sono arrivate 4 email.",
    );
    const update = makePersistMemory(deps)(
      graphState({ messages: [new HumanMessage({ id: "h1", content: "quante email oggi?" })], context: ctx }),
    );
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
    // Nothing is written by the node: the run records the turn once it is saved.
    expect(cache.entries.size).toBe(0);
    expect(update.turnRecord?.cacheEntry).toMatchObject({
      key: "key-1",
      userId: "anna",
      value: { answer: "Oggi sono arrivate 4 email.", plan: { measure: "emails_received" } },
    });
    expect(update.turnRecord?.interaction).toMatchObject({
      userId: "anna",
      threadId: "t9",
      question: "quante email oggi?",
      answer: "Oggi sono arrivate 4 email.",
    });
    expect(update.lastTurn).toEqual({ question: "quante email oggi?", classification: labels });
  });

  it("does not cache refusals or fixed replies, nor re-cache a cache hit, and keeps the last data turn", () => {
    const { deps } = fakeDeps();
    const unsafe = withAnswer(
      withClassification(base, classification({ intent: "UNSAFE", queryType: null, window: null })),
      "Sorry.",
    );
    const update = makePersistMemory(deps)(graphState({ context: unsafe }));
    expect(update.turnRecord?.cacheEntry).toBeNull();
    expect(update.turnRecord?.interaction.answer).toBe("Sorry.");
    expect(update).not.toHaveProperty("lastTurn");
    const hit = makePersistMemory(deps)(
      graphState({ context: withCachedAnswer(base, "Oggi sono arrivate 4 email.", labels, null) }),
    );
    expect(hit.turnRecord?.cacheEntry).toBeNull();
    expect(hit.lastTurn).toEqual({ question: "quante email oggi?", classification: labels });
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
