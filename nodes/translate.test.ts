import { describe, expect, it } from "vitest";
import { withAnswer, withClassification, withToolResult } from "../graph/context.ts";
import type { Language } from "../graph/labels.ts";
import { findJargon } from "../i18n/jargon.ts";
import { resolveWindow } from "../tools/timeWindows.ts";
import type { ToolResult } from "../tools/types.ts";
import { classification, fakeDeps, testContext } from "../test/support/fakes.ts";
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
