import { describe, expect, it } from "vitest";
import { withAnswer, withClassification, withPlan, withToolResult } from "../graph/context.ts";
import type { Language } from "../graph/labels.ts";
import { findJargon } from "../i18n/jargon.ts";
import { resolveComparison, resolvePeriod } from "../tools/periods.ts";
import type { PlanResult } from "../tools/semantic/result.ts";
import {
  classification,
  fakeDeps,
  resolvedPlan,
  scriptedWriter,
  testContext,
  graphState,
} from "../test/support/fakes.ts";
import { makeTranslate } from "./translate.ts";

const NOW = new Date("2026-11-18T10:00:00Z");
const base = testContext({ now: NOW });

function run(result: PlanResult, language: Language) {
  const { deps, lines } = fakeDeps();
  const labels = classification({ language });
  const ctx = withToolResult(withPlan(withClassification(base, labels), result.plan, labels), result);
  return makeTranslate(deps)(graphState({ context: ctx })).then((u) => ({
    answer: u.context!.answer!,
    lines,
  }));
}

const activity: PlanResult = {
  kind: "summary",
  plan: resolvedPlan({ measure: "activity" }),
  values: {
    runs: { unit: "count", value: 1234 },
    successes: { unit: "count", value: 1180 },
    failures: { unit: "count", value: 54 },
    emails_received: { unit: "count", value: 87 },
    orders_received: { unit: "count", value: 23 },
  },
  busiest: { key: "wf1", name: "Smistamento email clienti", value: { unit: "count", value: 412 } },
};

describe("translate", () => {
  it("writes Italian with Italian number formatting", async () => {
    const { answer } = await run(activity, "it");
    expect(answer).toContain("Oggi");
    expect(answer).toContain("1.234 volte");
    expect(answer).toContain("54 interrotti");
    expect(answer).toContain("«Smistamento email clienti»");
    expect(findJargon(answer)).toEqual([]);
  });

  it("writes English with English number formatting", async () => {
    const { answer } = await run(activity, "en");
    expect(answer).toContain("Today your automations ran 1,234 times");
    expect(answer).toContain("87");
    expect(findJargon(answer)).toEqual([]);
  });

  it("restates the workflow and the period it read", async () => {
    const plan = resolvedPlan({
      measure: "runs",
      filters: {
        workflows: [{ id: "wf2", name: "Elaborazione ordini Shopify" }],
        category: null,
        status: null,
        senders: [],
        weekdays: null,
        hours: null,
      },
      period: resolvePeriod({ kind: "yesterday" }, NOW, "UTC"),
    });
    const { answer } = await run(
      { kind: "value", plan, value: { unit: "count", value: 148 }, context: {} },
      "it",
    );
    expect(answer).toBe("Ieri «Elaborazione ordini Shopify» è stato eseguito 148 volte.");
  });

  it("keeps an answer already written (the 'try again' path)", async () => {
    const { deps } = fakeDeps();
    const ctx = withAnswer(withClassification(base, classification()), "Please try again.");
    const update = await makeTranslate(deps)(graphState({ context: ctx }));
    expect(update.context!.answer).toBe("Please try again.");
  });

  it("asks which workflow was meant, naming the closest ones and no figure", async () => {
    const { deps } = fakeDeps();
    const labels = classification({ language: "en" });
    const ctx = withPlan(
      withClassification(base, labels),
      {
        kind: "clarify",
        measure: "runs",
        entity: "workflow",
        mention: "payroll",
        reason: "unknown",
        candidates: ["Solleciti fatture scadute", "Report vendite settimanale"],
      },
      labels,
    );
    const { context } = await makeTranslate(deps)(graphState({ context: ctx }));
    expect(context!.answer).toContain("“payroll”");
    expect(context!.answer).toContain("“Solleciti fatture scadute”");
    expect(context!.answer).not.toMatch(/\d/);
  });

  it("says plainly what it cannot tell, and what it can, without figures", async () => {
    const { deps } = fakeDeps();
    const labels = classification({ language: "it" });
    const ctx = withPlan(
      withClassification(base, labels),
      { kind: "unsupported", measure: "orders_received", topic: "products" },
      labels,
    );
    const { context } = await makeTranslate(deps)(graphState({ context: ctx }));
    expect(context!.answer).toMatch(/prodotti/);
    expect(context!.answer).toMatch(/Posso dirti/);
    expect(context!.answer).not.toMatch(/\d/);
  });

  it("offers a forecast for a period still to come", async () => {
    const { deps } = fakeDeps();
    const labels = classification({ language: "en" });
    const ctx = withPlan(withClassification(base, labels), null, labels, true);
    const { context } = await makeTranslate(deps)(graphState({ context: ctx }));
    expect(context!.answer).toMatch(/hasn't come yet/);
    expect(context!.answer).not.toMatch(/\d/);
  });

  it("holds back an answer that would leak technical text, and logs it", async () => {
    const leaky: PlanResult = {
      ...activity,
      kind: "summary",
      busiest: { key: "x", name: "SELECT * FROM execution_entity", value: { unit: "count", value: 3 } },
    };
    const { answer, lines } = await run(leaky, "en");
    expect(answer).not.toMatch(/SELECT|execution_entity/);
    expect(lines.some((l) => l.msg.includes("held back"))).toBe(true);
  });
});

describe("translate with an LLM writer", () => {
  const thisWeek = resolvePeriod({ kind: "this_week" }, NOW, "UTC");
  const comparePlan = resolvedPlan({
    measure: "runs",
    period: thisWeek,
    compare: resolveComparison({ kind: "previous" }, thisWeek, NOW, "UTC"),
  });
  const comparison: PlanResult = {
    kind: "comparison",
    plan: comparePlan,
    current: { unit: "count", value: 1234 },
    previous: { unit: "count", value: 1100 },
    previousFirstDay: null,
  };
  const contextFor = (
    question: string,
    result: PlanResult,
    intent: "ANALYSIS" | "BUSINESS_DATA" = "ANALYSIS",
    language: Language = "en",
  ) => {
    const labels = classification({ intent, analysis: intent === "ANALYSIS" ? "compare" : null, language });
    return withToolResult(
      withPlan(withClassification(testContext({ now: NOW, question }), labels), result.plan, labels),
      result,
    );
  };
  const analysisCtx = contextFor("how is this week going compared with last week?", comparison);
  const translate = (llm: ReturnType<typeof scriptedWriter>, ctx = analysisCtx) => {
    const { deps, lines } = fakeDeps({ llm });
    return makeTranslate(deps)(graphState({ context: ctx })).then((u) => ({
      context: u.context!,
      lines,
    }));
  };

  it("keeps a narrative whose every figure is in the facts, and says who wrote it", async () => {
    const llm = scriptedWriter(() => ({
      text: "A busier week: 1,234 runs against 1,100.",
      provider: "groq",
    }));
    const { context } = await translate(llm);
    expect(llm.calls).toEqual(["analysis"]);
    expect(context.answer).toBe("A busier week: 1,234 runs against 1,100.");
    expect(context.source).toBe("groq");
  });

  it("discards a narrative with an invented figure, answers with the template and counts it", async () => {
    const llm = scriptedWriter(() => ({ text: "A busier week: 1,234 runs, 18% more than last week." }));
    const { context, lines } = await translate(llm);
    expect(context.answer).not.toContain("18%");
    expect(context.answer).toContain("1,234");
    expect(context.source).toBe("rules");
    expect(context.usage.guardRejections).toBe(1);
    const event = lines.find((l) => l.event === "llm.guard_rejected");
    expect(event).toMatchObject({ task: "analysis", provider: "gemini" });
    expect(JSON.stringify(event)).not.toContain("18%");
  });

  it("does not take a figure from the question as a fact", async () => {
    const claim = contextFor("did we really have 5000 runs this week, compared with last week?", comparison);
    const llm = scriptedWriter(() => ({ text: "Yes, 5000 runs this week against 1,100." }));
    const { context } = await translate(llm, claim);
    expect(context.answer).not.toContain("5000");
    expect(context.usage.guardRejections).toBe(1);
  });

  it("discards a narrative in technical language", async () => {
    const llm = scriptedWriter(() => ({ text: "SELECT count(*) FROM execution_entity returned 1,234." }));
    expect((await translate(llm)).context.answer).not.toMatch(/SELECT|execution_entity/);
  });

  it("uses the template when no provider answered", async () => {
    const llm = scriptedWriter(() => ({ text: null }));
    const { context } = await translate(llm);
    expect(context.answer).toContain("1,234");
    expect(context.usage.fallbacks).toBe(2);
  });

  it("asks the LLM about plain data answers only when rephrasing is on", async () => {
    const dataCtx = contextFor("cosa è successo oggi?", activity, "BUSINESS_DATA", "it");
    const off = scriptedWriter(() => ({ text: "Oggi 1.234 esecuzioni." }));
    expect((await translate(off, dataCtx)).context.answer).toContain("1.234 volte");
    expect(off.calls).toEqual([]);
    const on = scriptedWriter(() => ({ text: "Oggi 1.234 esecuzioni, 54 interrotte." }), { rephrase: true });
    const { context } = await translate(on, dataCtx);
    expect(on.calls).toEqual(["rephrase"]);
    expect(context.answer).toBe("Oggi 1.234 esecuzioni, 54 interrotte.");
  });
});
