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

  it("reads numbers with the answer's language only, when it is known", () => {
    const it_ = factsFrom(result, [template], "it");
    expect(checkFacts("Questa settimana 1.234 esecuzioni.", it_).ok).toBe(true);
    // 12.2 is a fact, but "12.200" in Italian is twelve thousand two hundred.
    expect(checkFacts("Questa settimana 12.200 esecuzioni.", it_).problems).toEqual(['number "12.200"']);
    expect(checkFacts("This week 1.234 runs.", factsFrom(result, [template], "en")).ok).toBe(false);
  });

  it("checks numbers written as words, and refuses vague or large amounts in words", () => {
    expect(checkFacts('"Invoice sync" failed twelve times over seven days.', facts).ok).toBe(true);
    expect(checkFacts("They ran twelve hundred times; three workflows failed.", facts).problems).toEqual([
      'amount "hundred"',
      'number "three"',
    ]);
    expect(checkFacts("Milleduecento volte, con tre errori.", facts).problems).toEqual([
      'amount "milleduecento"',
      'number "tre"',
    ]);
    expect(checkFacts("Hundreds of emails came in.", facts).ok).toBe(false);
    expect(checkFacts("Ventitré errori.", facts).problems).toEqual(['number "ventitré"']);
    for (const amount of [
      "centoventi",
      "duecento",
      "tremila",
      "duemilatrecentoquarantacinque",
      "millecento",
    ]) {
      expect(checkFacts(`Sono arrivate ${amount} email.`, facts).problems).toEqual([`amount "${amount}"`]);
    }
    // Words that merely look like numbers, and idioms, are not amounts.
    expect(
      checkFacts(
        "Grazie mille! Il 12,2 per cento in più, come a Milano nel millennio: one of a similar kind.",
        facts,
      ).ok,
    ).toBe(true);
  });

  it("checks dates written in words, weekdays and months", () => {
    expect(checkFacts("Most failures came on the third of November.", facts).problems).toEqual([
      'date "third of November"',
    ]);
    expect(checkFacts("Il picco è stato il ventidue novembre.", facts).ok).toBe(true);
    expect(checkFacts("The peak was on November twenty-second.", facts).ok).toBe(true);
    // 16 November 2026 was a Monday and the 22nd a Sunday.
    expect(checkFacts("The week started on Monday and ended on Sunday.", facts).ok).toBe(true);
    expect(checkFacts("Failures peaked on Wednesday.", facts).problems).toEqual(['weekday "wednesday"']);
    expect(
      checkFacts("Mercoledì è andata peggio.", factsFrom(result, ["Il mercoledì è il giorno peggiore."])).ok,
    ).toBe(true);
    expect(checkFacts("Unlike October, November was calm.", facts).problems).toEqual(['month "October"']);
    expect(checkFacts("You may want to check it.", facts).ok).toBe(true);
  });

  it("checks names in single quotes too, but not apostrophes", () => {
    expect(checkFacts("'Payroll export' failed most.", facts).problems).toEqual(['name "payroll export"']);
    expect(checkFacts("‘Invoice sync’ is fine.", facts).ok).toBe(true);
    expect(checkFacts("L'assistente dell'ufficio ha risposto a tutto.", facts).ok).toBe(true);
  });
});
