import { describe, expect, it } from "vitest";
import { withAnswer, withClassification, withToolResult } from "../graph/context.ts";
import type { Language } from "../graph/labels.ts";
import { findJargon } from "../i18n/jargon.ts";
import { resolveWindow } from "../tools/timeWindows.ts";
import type { ToolResult } from "../tools/types.ts";
import { classification, fakeDeps, scriptedWriter, testContext } from "../test/support/fakes.ts";
import { makeTranslate } from "./translate.ts";

const NOW = new Date("2026-11-18T10:00:00Z");
const base = testContext({ now: NOW });
const today = resolveWindow({ kind: "today" }, NOW, "UTC");

function run(result: ToolResult, language: Language, name?: string) {
  const { deps, lines } = fakeDeps();
  const ctx = withToolResult(withClassification(base, classification({ language })), result);
  void name;
  return makeTranslate(deps)({ messages: [], lastTurn: null, response: null, context: ctx }).then((u) => ({
    answer: u.context!.answer!,
    lines,
  }));
}

const activity: ToolResult = {
  kind: "activity",
  range: today,
  runs: 1234,
  successes: 1180,
  failures: 54,
  emails: 87,
  orders: 23,
  busiest: { name: "Smistamento email clienti", count: 412 },
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

  it("keeps an answer already written (the 'try again' path)", async () => {
    const { deps } = fakeDeps();
    const ctx = withAnswer(withClassification(base, classification()), "Please try again.");
    const update = await makeTranslate(deps)({ messages: [], lastTurn: null, response: null, context: ctx });
    expect(update.context!.answer).toBe("Please try again.");
  });

  it("holds back an answer that would leak technical text, and logs it", async () => {
    const leaky: ToolResult = { ...activity, busiest: { name: "SELECT * FROM execution_entity", count: 3 } };
    const { answer, lines } = await run(leaky, "en");
    expect(answer).not.toMatch(/SELECT|execution_entity/);
    expect(lines.some((l) => l.msg.includes("held back"))).toBe(true);
  });
});

describe("translate with an LLM writer", () => {
  const comparison: ToolResult = {
    kind: "comparison",
    range: resolveWindow({ kind: "this_week" }, NOW, "UTC"),
    previous: resolveWindow({ kind: "last_week" }, NOW, "UTC"),
    subject: "runs",
    currentCount: 1234,
    beforeCount: 1100,
    current: { runs: 1234, successes: 1200, failures: 34 },
    before: { runs: 1100, successes: 1050, failures: 50 },
  };
  const analysisCtx = withToolResult(
    withClassification(
      testContext({ now: NOW, question: "how is this week going compared with last week?" }),
      classification({ intent: "ANALYSIS", analysis: "compare", language: "en" }),
    ),
    comparison,
  );
  const translate = (llm: ReturnType<typeof scriptedWriter>, ctx = analysisCtx) => {
    const { deps, lines } = fakeDeps({ llm });
    return makeTranslate(deps)({ messages: [], lastTurn: null, response: null, context: ctx }).then((u) => ({
      context: u.context!,
      lines,
    }));
  };

  it("keeps a narrative whose every figure is in the facts, and says who wrote it", async () => {
    const llm = scriptedWriter(() => ({
      text: "A busier week: 1,234 runs against 1,100, with fewer failures (34).",
      provider: "groq",
    }));
    const { context } = await translate(llm);
    expect(llm.calls).toEqual(["analysis"]);
    expect(context.answer).toBe("A busier week: 1,234 runs against 1,100, with fewer failures (34).");
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
    const claim = withToolResult(
      withClassification(
        testContext({
          now: NOW,
          question: "did we really have 5000 runs this week, compared with last week?",
        }),
        classification({ intent: "ANALYSIS", analysis: "compare", language: "en" }),
      ),
      comparison,
    );
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
    const dataCtx = withToolResult(withClassification(base, classification({ language: "it" })), activity);
    const off = scriptedWriter(() => ({ text: "Oggi 1.234 esecuzioni." }));
    expect((await translate(off, dataCtx)).context.answer).toContain("1.234 volte");
    expect(off.calls).toEqual([]);
    const on = scriptedWriter(() => ({ text: "Oggi 1.234 esecuzioni, 54 interrotte." }), { rephrase: true });
    const { context } = await translate(on, dataCtx);
    expect(on.calls).toEqual(["rephrase"]);
    expect(context.answer).toBe("Oggi 1.234 esecuzioni, 54 interrotte.");
  });
});
