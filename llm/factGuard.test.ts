import { describe, expect, it } from "vitest";
import { checkFacts, factsFrom, numberReadings } from "./factGuard.ts";

const result = {
  kind: "comparison",
  range: { firstDay: "2026-11-16", lastDay: "2026-11-22", dayCount: 7 },
  subject: "runs",
  currentCount: 1234,
  beforeCount: 1100,
  successRate: 0.9342,
  byWorkflow: [{ name: "Invoice sync", count: 12 }],
};
const template = "This week your automations ran 1,234 times, 12.2% more than the week before (1,100).";
const facts = factsFrom(result, [template, "how did this week go compared with last week?"]);

describe("the fact guard", () => {
  it("reads written numbers both ways", () => {
    expect(numberReadings("1.234")).toEqual(expect.arrayContaining([1234, 1.234]));
    expect(numberReadings("1,5")).toEqual(expect.arrayContaining([1.5]));
    expect(numberReadings("1.234,5")).toEqual([1234.5]);
    expect(numberReadings("42")).toEqual([42]);
  });

  it("accepts a text that only uses the facts, in either language's number format", () => {
    expect(checkFacts('Ran 1,234 times, up 12.2% on 1,100; "Invoice sync" failed 12 times.', facts).ok).toBe(
      true,
    );
    expect(
      checkFacts("Questa settimana 1.234 esecuzioni, il 12,2% in più; successo al 93,4%.", facts).ok,
    ).toBe(true);
    expect(checkFacts("Success rate 93%, over 7 days from 16 November to November 22, 2026.", facts).ok).toBe(
      true,
    );
  });

  it("rejects a hallucinated figure", () => {
    const verdict = checkFacts("Your automations ran 1,250 times this week.", facts);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['number "1,250"']);
  });

  it("rejects a rate shown with more precision than the facts allow", () => {
    expect(checkFacts("Success rate 93.9%.", facts).ok).toBe(false);
  });

  it("rejects a date outside the facts", () => {
    expect(checkFacts("Most failures came on 3 November.", facts).problems).toEqual(['date "3 November"']);
    expect(checkFacts("Il picco è stato il 2026-11-02.", facts).ok).toBe(false);
  });

  it("rejects a workflow name that is not in the facts", () => {
    expect(checkFacts('"Payroll export" failed most.', facts).problems).toEqual(['name "payroll export"']);
    expect(checkFacts("«Invoice sync» ha avuto problemi.", facts).ok).toBe(true);
  });

  it("a text with no facts behind it may not carry any figure", () => {
    const none = factsFrom(null, ["what's the weather?"]);
    expect(checkFacts("I only look after your automations.", none).ok).toBe(true);
    expect(checkFacts("You had 3 failures today.", none).ok).toBe(false);
  });
});
