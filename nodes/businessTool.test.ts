import { describe, expect, it } from "vitest";
import { withClassification, withPlan } from "../graph/context.ts";
import { PlanNotExpressibleError } from "../tools/semantic/compiler.ts";
import type { PlanResult } from "../tools/semantic/result.ts";
import { classification, fakeDeps, resolvedPlan, testContext } from "../test/support/fakes.ts";
import { makeBusinessTool } from "./businessTool.ts";

const labels = classification({ queryType: "ERRORS", language: "it" });
const plan = resolvedPlan({ measure: "failures" });
const state = (p = plan) => ({
  messages: [],
  lastTurn: null,
  response: null,
  context: withPlan(withClassification(testContext(), labels), p, labels),
});

describe("businessTool", () => {
  it("executes the resolved plan and keeps its result", async () => {
    let seen: string | null = null;
    const { deps } = fakeDeps({
      result: (p) => {
        seen = p.measure;
        const result: PlanResult = {
          kind: "value",
          plan: p,
          value: { unit: "count", value: 2 },
          context: {},
        };
        return Promise.resolve(result);
      },
    });
    const update = await makeBusinessTool(deps)(state());
    expect(seen).toBe("failures");
    expect(update.context!.toolResult).toMatchObject({ kind: "value", value: { value: 2 } });
    expect(update.context!.answer).toBeNull();
  });

  it("turns a plan the semantic layer refuses into an honest refusal, never another query", async () => {
    const { deps, calls, lines } = fakeDeps({
      result: () =>
        Promise.reject(new PlanNotExpressibleError("no source serves measure distinct_senders, by hour")),
    });
    const update = await makeBusinessTool(deps)(state());
    expect(calls.businessData).toBe(1);
    expect(update.context!.plan).toEqual({ kind: "unsupported", measure: "failures", topic: "combination" });
    expect(update.context!.toolResult).toBeNull();
    expect(lines.some((l) => l.event === "plan.not_expressible")).toBe(true);
  });

  it("answers a polite 'try again' in the user's language when the data cannot be read, and logs why", async () => {
    const { deps, lines } = fakeDeps({ result: () => Promise.reject(new Error("connection terminated")) });
    const update = await makeBusinessTool(deps)(state());
    expect(update.context!.toolResult).toBeNull();
    expect(update.context!.answer).toMatch(/Riprova tra poco/);
    expect(update.context!.answer).not.toMatch(/connection/);
    expect(lines.some((l) => l.level === "error" && l.error === "connection terminated")).toBe(true);
  });

  it("leaves clarifications alone", async () => {
    const { deps, calls } = fakeDeps();
    const clarify = {
      kind: "clarify" as const,
      measure: "runs" as const,
      entity: "workflow" as const,
      mention: "x",
      reason: "unknown" as const,
      candidates: [],
    };
    const update = await makeBusinessTool(deps)({
      ...state(),
      context: withPlan(state().context, clarify, labels),
    });
    expect(calls.businessData).toBe(0);
    expect(update.context!.plan).toEqual(clarify);
  });
});
