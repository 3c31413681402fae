import { describe, expect, it } from "vitest";
import type { Category, ResponsePlan } from "../graph/plan.ts";
import type { MilhenaResponse } from "../graph/response.ts";
import { renderPlanAnswer } from "../i18n/planAnswers.ts";
import { clarifyReply, unsupportedReply } from "../i18n/planReplies.ts";
import { resolvedPlan } from "../test/support/fakes.ts";
import { resolvePeriod } from "../tools/periods.ts";
import type { PlanCase } from "./planCase.ts";
import {
  PLAN_METRICS,
  scorePlanCase,
  statesHourSpan,
  statesTruth,
  statesValue,
  type PlanScores,
} from "./planEvaluators.ts";
import type { Truth, TruthValue } from "./planTruth.ts";

const NOW = new Date("2026-11-18T10:00:00Z");
const TODAY = { from: "2026-11-18", to: "2026-11-18" };

const planCase = (partial: Partial<PlanCase> = {}): PlanCase => ({
  id: "plans-dev-900",
  split: "dev",
  question: "how many times did the Shopify workflow run today?",
  language: "en",
  intent: "BUSINESS_DATA",
  expect: "answer",
  plan: { measure: "runs", workflows: ["Elaborazione ordini Shopify"], period: TODAY },
  tags: [],
  ...partial,
});

const SHOPIFY_PLAN = resolvedPlan({
  filters: {
    workflows: [{ id: "wf-shopify", name: "Elaborazione ordini Shopify" }],
    category: null,
    status: null,
    senders: [],
    weekdays: null,
    hours: null,
  },
});

function response(answer: string, partial: Partial<MilhenaResponse> = {}): MilhenaResponse {
  return {
    threadId: "t",
    answer,
    intent: "BUSINESS_DATA",
    queryType: "TODAY_ACTIVITY",
    window: { kind: "today" },
    language: "en",
    cached: false,
    source: "rules",
    confidence: 0.9,
    latencyMs: 5,
    plan: SHOPIFY_PLAN,
    ...partial,
  };
}

const count = (value: number | null): TruthValue => ({ unit: "count", value });
const valueTruth = (v: TruthValue): Truth => ({ kind: "value", value: v });
const byCategory = (c: Category): readonly string[] =>
  c === "order" ? ["Elaborazione ordini Shopify", "Ordini WooCommerce"] : [];
const score = (c: PlanCase, r: MilhenaResponse | null, truth: Truth) =>
  scorePlanCase(c, r, truth, "UTC", byCategory);
const failed = (s: PlanScores) => PLAN_METRICS.filter((m) => s[m] === false);

// ---------------------------------------------------------------------------------------------------

describe("statesValue", () => {
  it("expects counts as the answer's language writes them", () => {
    expect(statesValue("Oggi 1.234 volte.", count(1234), "it", "UTC")).toBe(true);
    expect(statesValue("Today 1,234 times.", count(1234), "en", "UTC")).toBe(true);
    expect(statesValue("Today 1.234 times.", count(1234), "en", "UTC")).toBe(false);
    expect(statesValue("Oggi 1,234 volte.", count(1234), "it", "UTC")).toBe(false);
    expect(statesValue("Today 1234 times.", count(1234), "en", "UTC")).toBe(false);
  });

  it("matches whole figures only", () => {
    expect(statesValue("Today 1,612 runs.", count(612), "en", "UTC")).toBe(false);
    expect(statesValue("Today 6,120 runs.", count(612), "en", "UTC")).toBe(false);
    expect(statesValue("Today 6120 runs.", count(612), "en", "UTC")).toBe(false);
    expect(statesValue("Oggi 11.234 volte.", count(1234), "it", "UTC")).toBe(false);
    expect(statesValue("Today 612 runs.", count(612), "en", "UTC")).toBe(true);
    expect(statesValue("(612 of 700).", count(612), "en", "UTC")).toBe(true);
    expect(statesValue("Oggi 612.", count(612), "it", "UTC")).toBe(true);
  });

  it("lets zero be said in words, or as 0", () => {
    expect(statesValue("Today no emails came in.", count(0), "en", "UTC")).toBe(true);
    expect(statesValue("Oggi non è arrivata nessuna email.", count(0), "it", "UTC")).toBe(true);
    expect(statesValue("Today 0 emails came in.", count(0), "en", "UTC")).toBe(true);
    expect(statesValue("Today 10 emails came in.", count(0), "en", "UTC")).toBe(false);
  });

  it("expects percentages with the language's decimal mark", () => {
    const rate: TruthValue = { unit: "ratio", value: 0.9453 };
    expect(statesValue("il 94,5% delle esecuzioni", rate, "it", "UTC")).toBe(true);
    expect(statesValue("94.5% of runs", rate, "en", "UTC")).toBe(true);
    expect(statesValue("94,5% of runs", rate, "en", "UTC")).toBe(false);
    expect(statesValue("il 94% delle esecuzioni", rate, "it", "UTC")).toBe(false);
    expect(statesValue("il 4,5% delle esecuzioni", { unit: "ratio", value: 0.045 }, "it", "UTC")).toBe(true);
    expect(statesValue("il 94,5% delle esecuzioni", { unit: "ratio", value: 0.045 }, "it", "UTC")).toBe(
      false,
    );
  });

  it("expects every currency's amount", () => {
    const money: TruthValue = {
      unit: "money",
      amounts: [
        { currency: "EUR", value: 1234.5 },
        { currency: "USD", value: 99 },
      ],
    };
    expect(statesValue("1.234,50 € e 99,00 USD", money, "it", "UTC")).toBe(true);
    expect(statesValue("€1,234.50 and US$99.00", money, "en", "UTC")).toBe(true);
    expect(statesValue("€1,234.50 in total", money, "en", "UTC")).toBe(false);
    expect(statesValue("€1,234.5 and US$99.00", money, "en", "UTC")).toBe(false);
    const none: TruthValue = { unit: "money", amounts: [] };
    expect(statesValue("There were no orders with an amount.", none, "en", "UTC")).toBe(true);
    expect(statesValue("Orders were worth €0.00.", none, "en", "UTC")).toBe(false);
  });

  it("expects durations and instants as the answers write them", () => {
    expect(statesValue("took 42 seconds on average", { unit: "seconds", value: 41.6 }, "en", "UTC")).toBe(
      true,
    );
    expect(statesValue("took 142 seconds on average", { unit: "seconds", value: 42 }, "en", "UTC")).toBe(
      false,
    );
    expect(statesValue("è durata 10 minuti", { unit: "seconds", value: 600 }, "it", "UTC")).toBe(true);
    const instant: TruthValue = { unit: "instant", value: "2026-11-18T09:20:00Z" };
    expect(statesValue("arrivato mercoledì 18 novembre alle 10:20.", instant, "it", "Europe/Rome")).toBe(
      true,
    );
    expect(statesValue("arrivato mercoledì 18 novembre alle 09:20.", instant, "it", "Europe/Rome")).toBe(
      false,
    );
    expect(statesValue("came in on Wednesday 18 November at 09:20.", instant, "en", "UTC")).toBe(true);
  });

  it("expects 'nothing' words when there is no value", () => {
    expect(
      statesValue(
        "There are no finished runs today to measure it on.",
        { unit: "ratio", value: null },
        "en",
        "UTC",
      ),
    ).toBe(true);
    expect(statesValue("Today 95% of runs succeeded.", { unit: "ratio", value: null }, "en", "UTC")).toBe(
      false,
    );
    expect(statesValue("Non risulta nessuna email.", { unit: "instant", value: null }, "it", "UTC")).toBe(
      true,
    );
  });
});

describe("statesTruth", () => {
  it("checks a comparison's two figures", () => {
    const c = planCase({ plan: { measure: "runs", compare: { from: "2026-11-09", to: "2026-11-11" } } });
    const truth: Truth = { kind: "comparison", current: count(1300), previous: count(1000) };
    expect(
      statesTruth(c, "This week: 1,300 runs, 30% more than the period before (1,000).", truth, "UTC"),
    ).toBe(true);
    expect(statesTruth(c, "This week: 1,300 runs, 30% more than before.", truth, "UTC")).toBe(false);
    expect(statesTruth(c, "This week: 1,000 runs.", truth, "UTC")).toBe(false);
  });

  it("checks active and total workflows", () => {
    const c = planCase({ plan: { measure: "active_workflows", period: null } });
    const truth: Truth = { kind: "inventory", active: 9, total: 12 };
    expect(statesTruth(c, "You have 9 active automations out of 12 set up.", truth, "UTC")).toBe(true);
    expect(statesTruth(c, "You have 9 active automations.", truth, "UTC")).toBe(false);
    expect(statesTruth(c, "You have 12 active automations out of 12 set up.", truth, "UTC")).toBe(false);
  });

  it("checks the workflows that did not run by their quoted names", () => {
    const c = planCase({ plan: { measure: "runs", breakdown: { by: "workflow", zeroOnly: true } } });
    const truth: Truth = {
      kind: "notRun",
      names: ["Backup documenti su Drive", "Report vendite settimanale"],
    };
    expect(
      statesTruth(
        c,
        "These automations did not run: “Backup documenti su Drive” and “Report vendite settimanale”.",
        truth,
        "UTC",
      ),
    ).toBe(true);
    expect(statesTruth(c, "This automation did not run: “Backup documenti su Drive”.", truth, "UTC")).toBe(
      false,
    );
    expect(
      statesTruth(c, "Every active automation ran at least once.", { kind: "notRun", names: [] }, "UTC"),
    ).toBe(true);
    expect(
      statesTruth(
        c,
        "This automation did not run: «Backup documenti su Drive».",
        { ...truth, names: [truth.names[0]!] },
        "UTC",
      ),
    ).toBe(false);
  });

  describe("rankings", () => {
    const top = (limit: number | null, order: "desc" | "asc" = "desc") =>
      planCase({ plan: { measure: "failures", breakdown: { by: "workflow", order, limit } } });
    const truth: Truth = {
      kind: "ranking",
      unit: "count",
      entries: [
        { name: "Smistamento email clienti", value: 14 },
        { name: "Ordini WooCommerce", value: 9 },
        { name: "Solleciti fatture scadute", value: 4 },
        { name: "Backup documenti su Drive", value: 1 },
      ],
      total: 28,
    };

    it("expects the leader and its value", () => {
      expect(
        statesTruth(
          top(1),
          "The process that failed most often is “Smistamento email clienti” (14 times).",
          truth,
          "UTC",
        ),
      ).toBe(true);
      expect(
        statesTruth(
          top(1),
          "The process that failed most often is “Ordini WooCommerce” (14 times).",
          truth,
          "UTC",
        ),
      ).toBe(false);
      expect(
        statesTruth(
          top(1),
          "The process that failed most often is “Smistamento email clienti” (9 times).",
          truth,
          "UTC",
        ),
      ).toBe(false);
    });

    it("accepts any of the entries tied for first", () => {
      const tied: Truth = {
        kind: "ranking",
        unit: "count",
        entries: [
          { name: "Smistamento email clienti", value: 14 },
          { name: "Ordini WooCommerce", value: 14 },
        ],
        total: 28,
      };
      expect(statesTruth(top(1), "The most failing is “Ordini WooCommerce” (14 times).", tied, "UTC")).toBe(
        true,
      );
    });

    it("expects the first three of a longer ranking, in the answer's quotes", () => {
      const three =
        "“Smistamento email clienti” (14 times), “Ordini WooCommerce” (9 times) and “Solleciti fatture scadute” (4 times)";
      expect(statesTruth(top(5), `From most to fewest: ${three}.`, truth, "UTC")).toBe(true);
      expect(statesTruth(top(null), `From most to fewest: ${three}.`, truth, "UTC")).toBe(true);
      expect(
        statesTruth(
          top(5),
          "From most to fewest: “Smistamento email clienti” (14 times), “Ordini WooCommerce” (9 times).",
          truth,
          "UTC",
        ),
      ).toBe(false);
      expect(statesTruth(top(5), `From most to fewest: ${three.replace(/“|”/g, "«")}.`, truth, "UTC")).toBe(
        false,
      );
      expect(
        statesTruth(
          top(2),
          "“Smistamento email clienti” (14 times) and “Ordini WooCommerce” (9 times).",
          truth,
          "UTC",
        ),
      ).toBe(true);
    });

    it("checks the total of error causes and calendar-ordered breakdowns", () => {
      const causes = planCase({ plan: { measure: "failures", breakdown: { by: "error_cause", limit: 3 } } });
      const t: Truth = {
        kind: "ranking",
        unit: "count",
        entries: [{ name: "credentials", value: 20 }],
        total: 36,
      };
      expect(statesTruth(causes, "There were 36 failures in all. The main causes: …", t, "UTC")).toBe(true);
      expect(statesTruth(causes, "There were 35 failures in all.", t, "UTC")).toBe(false);
      const perDay = planCase({
        plan: { measure: "orders_received", breakdown: { by: "day", order: "key" } },
      });
      expect(
        statesTruth(perDay, "This week there were 1,205 orders in all: …", { ...t, total: 1205 }, "UTC"),
      ).toBe(true);
      expect(statesTruth(perDay, "Nothing.", { ...t, total: null }, "UTC")).toBe(true);
    });

    it("names days and weekdays in the answer's language", () => {
      const byDay = planCase({
        language: "it",
        plan: { measure: "orders_received", breakdown: { by: "day", limit: 1 } },
      });
      const dayTruth: Truth = {
        kind: "ranking",
        unit: "count",
        entries: [{ name: "2026-11-16", value: 1200 }],
        total: 1205,
      };
      expect(
        statesTruth(
          byDay,
          "il giorno con più ordini è stato lunedì 16 novembre (1.200 ordini).",
          dayTruth,
          "UTC",
        ),
      ).toBe(true);
      expect(
        statesTruth(
          byDay,
          "il giorno con più ordini è stato martedì 17 novembre (1.200 ordini).",
          dayTruth,
          "UTC",
        ),
      ).toBe(false);
      const byWeekday = planCase({ plan: { measure: "runs", breakdown: { by: "weekday", limit: 1 } } });
      const wdTruth: Truth = {
        kind: "ranking",
        unit: "count",
        entries: [{ name: "1", value: 80 }],
        total: 300,
      };
      expect(
        statesTruth(byWeekday, "the weekday with the most runs is Monday (80 times).", wdTruth, "UTC"),
      ).toBe(true);
      expect(
        statesTruth(byWeekday, "the weekday with the most runs is Tuesday (80 times).", wdTruth, "UTC"),
      ).toBe(false);
    });

    it("names the hour and its value", () => {
      const byHour = planCase({ plan: { measure: "emails_received", breakdown: { by: "hour", limit: 1 } } });
      const t: Truth = { kind: "ranking", unit: "count", entries: [{ name: "9", value: 80 }], total: 300 };
      expect(statesTruth(byHour, "the hour with the most emails is 9:00–10:00 (80 emails).", t, "UTC")).toBe(
        true,
      );
      expect(statesTruth(byHour, "the hour with the most emails is 10:00–11:00 (80 emails).", t, "UTC")).toBe(
        false,
      );
      expect(statesTruth(byHour, "the hour with the most emails is 9:00–10:00 (70 emails).", t, "UTC")).toBe(
        false,
      );
    });

    it("writes a rate ranking's leader as a percentage", () => {
      const c = planCase({ plan: { measure: "success_rate", breakdown: { by: "workflow", limit: 1 } } });
      const t: Truth = {
        kind: "ranking",
        unit: "ratio",
        entries: [{ name: "Smistamento email clienti", value: 0.995 }],
        total: null,
      };
      expect(
        statesTruth(c, "the most reliable process is “Smistamento email clienti” (99.5%).", t, "UTC"),
      ).toBe(true);
      expect(
        statesTruth(c, "the most reliable process is “Smistamento email clienti” (99%).", t, "UTC"),
      ).toBe(false);
    });
  });

  it("accepts any answer without figures when there is nothing to check, and forecasts and trends", () => {
    const none: Truth = { kind: "none" };
    expect(statesTruth(planCase(), "I can't answer that precisely.", none, "UTC")).toBe(true);
    expect(statesTruth(planCase(), "Today 12 orders came in.", none, "UTC")).toBe(false);
    const forecast = planCase({ intent: "PREDICTION", plan: { measure: "runs", forecastDays: 7 } });
    expect(statesTruth(forecast, "Over the next 7 days I expect about 700 runs.", none, "UTC")).toBe(true);
    const trend = planCase({ intent: "ANALYSIS", plan: { measure: "runs", trend: true } });
    expect(statesTruth(trend, "Runs are growing: 1,510 in all.", none, "UTC")).toBe(true);
  });
});

describe("scorePlanCase", () => {
  const truth = valueTruth(count(148));

  it("passes a right answer on every metric", () => {
    const s = score(planCase(), response("Today “Elaborazione ordini Shopify” ran 148 times."), truth);
    expect(failed(s)).toEqual([]);
    expect(s.correct).toBe(true);
    expect(s.noWrongAnswer).toBe(true);
  });

  it("scores what Milhena itself writes for the truth as correct, in both languages", () => {
    const result = {
      kind: "value" as const,
      plan: SHOPIFY_PLAN,
      value: { unit: "count" as const, value: 1234 },
      context: {},
    };
    for (const language of ["it", "en"] as const) {
      const answer = renderPlanAnswer(result, language);
      const s = score(planCase({ language }), response(answer, { language }), valueTruth(count(1234)));
      expect(failed(s), answer).toEqual([]);
    }
  });

  it("calls figures for another question a wrong answer", () => {
    const s = score(planCase(), response("Today “Elaborazione ordini Shopify” ran 150 times."), truth);
    expect(s.correct).toBe(false);
    expect(s.noWrongAnswer).toBe(false);
  });

  it("calls the right number in the other language's format a wrong answer", () => {
    const s = score(planCase(), response("Today your automations ran 1.234 times."), valueTruth(count(1234)));
    expect(s.correct).toBe(false);
    expect(s.noWrongAnswer).toBe(false);
  });

  it("does not call an honest answer without figures wrong, though it is not correct", () => {
    const s = score(planCase(), response("I can't answer that precisely."), truth);
    expect(s.correct).toBe(false);
    expect(s.noWrongAnswer).toBe(true);
  });

  it("does not count restated periods and names as figures", () => {
    const s = score(
      planCase(),
      response("In the last 7 days “Report Q3 2025” has nothing I can measure."),
      valueTruth(count(30)),
    );
    expect(s.correct).toBe(false);
    expect(s.noWrongAnswer).toBe(true);
  });

  it("does not take a GENERAL reply as an answer", () => {
    const s = score(planCase(), response("148", { intent: "GENERAL" }), truth);
    expect(s.intent).toBe(false);
    expect(s.correct).toBe(false);
    expect(s.noWrongAnswer).toBe(false);
  });

  it("fails a request that threw, but does not call it a wrong answer", () => {
    const s = score(planCase(), null, truth);
    expect(s.intent).toBe(false);
    expect(s.language).toBe(false);
    expect(s.correct).toBe(false);
    expect(s.noWrongAnswer).toBe(true);
    expect([s.measure, s.filters, s.period, s.breakdown, s.compare]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("scores the plan's fields separately from the answer", () => {
    const yesterday = resolvedPlan({ period: resolvePeriod({ kind: "yesterday" }, NOW, "UTC") });
    const s = score(
      planCase(),
      response("Today “Elaborazione ordini Shopify” ran 148 times.", { plan: yesterday }),
      truth,
    );
    expect(s.correct).toBe(true);
    expect(s.filters).toBe(false);
    expect(s.period).toBe(false);
    expect(s.measure).toBe(true);
  });

  it("accepts a category for the workflows it holds", () => {
    const c = planCase({ plan: { measure: "runs", category: "order", period: TODAY } });
    const both = resolvedPlan({
      filters: {
        workflows: [
          { id: "a", name: "Ordini WooCommerce" },
          { id: "b", name: "Elaborazione ordini Shopify" },
        ],
        category: null,
        status: null,
        senders: [],
        weekdays: null,
        hours: null,
      },
    });
    expect(score(c, response("Today they ran 148 times.", { plan: both }), truth).filters).toBe(true);
  });

  it("scores the language of the response and of the text", () => {
    const italianText = response("Oggi «Elaborazione ordini Shopify» è stato eseguito 148 volte.");
    expect(score(planCase(), italianText, truth).language).toBe(false);
    const italianLabel = response("Today “Elaborazione ordini Shopify” ran 148 times.", { language: "it" });
    expect(score(planCase(), italianLabel, truth).language).toBe(false);
    const c = planCase({ language: "it", question: "quante volte è partito lo Shopify oggi?" });
    expect(score(c, { ...italianText, language: "it" }, truth).language).toBe(true);
  });

  it("finds jargon in the answer", () => {
    const s = score(planCase(), response("Today workflow_entity ran 148 times."), truth);
    expect(s.jargonFree).toBe(false);
    expect(s.correct).toBe(true);
  });

  describe("clarify cases", () => {
    const clarification: ResponsePlan = {
      kind: "clarify",
      measure: "runs",
      entity: "workflow",
      mention: "promo",
      reason: "unknown",
      candidates: ["Promo Natale 2024", "Ordini WooCommerce"],
    };
    const c = planCase({
      question: "how many times did the promo workflow run today?",
      expect: "clarify",
      plan: undefined,
      candidates: ["Promo Natale 2024"],
    });
    const ask = clarifyReply(clarification, "en");

    it("passes a question naming a candidate, names with digits included", () => {
      const s = score(c, response(ask, { plan: clarification }), { kind: "none" });
      expect(failed(s)).toEqual([]);
      expect([s.measure, s.filters, s.period, s.breakdown, s.compare]).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
    });

    it("fails a question that names none of the candidates", () => {
      const other = clarifyReply({ ...clarification, candidates: ["Ordini WooCommerce"] }, "en");
      expect(score(c, response(other, { plan: clarification }), { kind: "none" }).correct).toBe(false);
    });

    it("calls figures instead of a question a wrong answer", () => {
      const s = score(c, response("Today “Promo Natale 2024” ran 12 times."), { kind: "none" });
      expect(s.correct).toBe(false);
      expect(s.noWrongAnswer).toBe(false);
    });

    it("does not accept a question without a clarification plan", () => {
      expect(score(c, response(ask), { kind: "none" }).correct).toBe(false);
    });
  });

  describe("cannot cases", () => {
    const c = planCase({
      question: "which products sold best today?",
      expect: "cannot",
      plan: undefined,
    });
    const refusal = unsupportedReply(
      { kind: "unsupported", measure: "orders_received", topic: "products" },
      "en",
    );
    const unsupported: ResponsePlan = { kind: "unsupported", measure: "orders_received", topic: "products" };

    it("passes an honest reply without figures", () => {
      const s = score(c, response(refusal, { plan: unsupported }), { kind: "none" });
      expect(failed(s)).toEqual([]);
    });

    it("calls figures for another question a wrong answer", () => {
      const s = score(c, response("Today 23 orders came in."), { kind: "none" });
      expect(s.correct).toBe(false);
      expect(s.noWrongAnswer).toBe(false);
    });

    it("does not accept a clarifying question or a GENERAL reply as the honest answer", () => {
      const clarification: ResponsePlan = {
        kind: "clarify",
        measure: "orders_received",
        entity: "workflow",
        mention: "products",
        reason: "unknown",
        candidates: [],
      };
      expect(
        score(c, response("Which products do you mean?", { plan: clarification }), { kind: "none" }).correct,
      ).toBe(false);
      expect(
        score(c, response("I only look after your company's automations.", { intent: "GENERAL" }), {
          kind: "none",
        }).correct,
      ).toBe(false);
    });
  });
});

describe("wrong answers the metric once let through", () => {
  it("a zero truth is stated by a word of zero, or by a negation in an answer with no figure", () => {
    expect(statesValue("Oggi non sono arrivate email.", count(0), "it", "UTC")).toBe(true);
    expect(statesValue("Nessuna esecuzione si è interrotta per errore (su 4).", count(0), "it", "UTC")).toBe(
      true,
    );
    // A negation beside a figure says that figure, not zero.
    expect(statesValue("Today 12 orders could not be processed.", count(0), "en", "UTC")).toBe(false);
    expect(
      statesValue(
        "Oggi sono arrivati 1.500 ordini: 1.490 elaborati, 10 non andati a buon fine.",
        count(0),
        "it",
        "UTC",
      ),
    ).toBe(false);
  });

  it("a ranking by hour names the leading hour as its own span, not inside another", () => {
    expect(statesHourSpan("the hour with the most emails is 9:00–10:00 (80 emails)", 9)).toBe(true);
    expect(statesHourSpan("la fascia oraria con più email è dalle 9:00 alle 10:00 (80 email)", 9)).toBe(true);
    expect(statesHourSpan("the hour with the most emails is 8:00–9:00 (80 emails)", 9)).toBe(false);
    expect(statesHourSpan("the hour with the most emails is 19:00–20:00 (80 emails)", 9)).toBe(false);
  });

  it("a wrong 'when was the last …' is a wrong answer, though a moment is no count", () => {
    const c = planCase({ question: "when was the last order?", plan: { measure: "latest_order" } });
    const truth = valueTruth({ unit: "instant", value: "2026-11-18T09:20:00Z" });
    const wrong = score(c, response("The last order came in on Tuesday 17 November at 16:05."), truth);
    expect(wrong).toMatchObject({ correct: false, noWrongAnswer: false });
    const right = score(c, response("The last order came in on Wednesday 18 November at 09:20."), truth);
    expect(right).toMatchObject({ correct: true, noWrongAnswer: true });
  });
});
