import { describe, expect, it } from "vitest";
import { detectLanguage, jargonIn } from "../evals/evaluators.ts";
import { statesFigures } from "../evals/figures.ts";
import type { Language } from "../graph/labels.ts";
import type {
  Breakdown,
  CompareSpec,
  PeriodSpec,
  ResolvedFilters,
  ResolvedPeriod,
  ResolvedQueryPlan,
} from "../graph/plan.ts";
import { resolvedPlan } from "../test/support/fakes.ts";
import { resolveComparison, resolvePeriod, type SpanPeriod } from "../tools/periods.ts";
import type { BreakdownEntry, MeasureValue, PlanResult } from "../tools/semantic/result.ts";
import { findJargon } from "./jargon.ts";
import { formatValue, renderPlanAnswer } from "./planAnswers.ts";
import {
  dayMonth,
  forWorkflows,
  fromSenders,
  hoursPhrase,
  periodPhrase,
  sendersPhrase,
  weekdayName,
  weekdaysPhrase,
  whenPhrase,
  workflowsPhrase,
} from "./phrases.ts";

// Wednesday 18 November 2026, as in test/support/fakes.ts.
const NOW = new Date("2026-11-18T10:00:00Z");
const TODAY = "2026-11-18";
const LANGS: readonly Language[] = ["it", "en"];

const period = (spec: PeriodSpec): SpanPeriod => resolvePeriod(spec, NOW, "UTC");
const filters = (partial: Partial<ResolvedFilters> = {}): ResolvedFilters => ({
  workflows: [],
  category: null,
  status: null,
  senders: [],
  weekdays: null,
  hours: null,
  ...partial,
});
const SHOPIFY = filters({ workflows: [{ id: "wf-shopify-0001", name: "Elaborazione ordini Shopify" }] });
const count = (value: number): MeasureValue => ({ unit: "count", value });
const ratio = (value: number | null): MeasureValue => ({ unit: "ratio", value });
const euros = (value: number): MeasureValue => ({ unit: "money", amounts: [{ currency: "EUR", value }] });
const breakdown = (partial: Partial<Breakdown> & Pick<Breakdown, "by">): Breakdown => ({
  order: "desc",
  limit: null,
  zeroOnly: false,
  ...partial,
});
const entry = (key: string, name: string, value: MeasureValue): BreakdownEntry => ({ key, name, value });

function value(
  plan: Partial<ResolvedQueryPlan>,
  v: MeasureValue,
  context: Extract<PlanResult, { kind: "value" }>["context"] = {},
): PlanResult {
  return { kind: "value", plan: resolvedPlan(plan), value: v, context };
}

function ranking(
  plan: Partial<ResolvedQueryPlan>,
  entries: readonly BreakdownEntry[],
  total: MeasureValue | null,
  context: Extract<PlanResult, { kind: "breakdown" }>["context"] = {},
): PlanResult {
  return { kind: "breakdown", plan: resolvedPlan(plan), entries, total, context };
}

function comparison(
  plan: Partial<ResolvedQueryPlan> & { period: SpanPeriod },
  spec: CompareSpec,
  current: MeasureValue,
  previous: MeasureValue,
  previousFirstDay: string | null = null,
): PlanResult {
  const compare = resolveComparison(spec, plan.period, NOW, "UTC");
  return {
    kind: "comparison",
    plan: resolvedPlan({ ...plan, compare }),
    current,
    previous,
    previousFirstDay,
  };
}

const both = (result: PlanResult) => ({
  it: renderPlanAnswer(result, "it"),
  en: renderPlanAnswer(result, "en"),
});

/** The answer without quoted names (workflow and sender names are in the data's language). */
const outsideQuotes = (answer: string) => answer.replace(/«[^»]*»|“[^”]*”/g, " ");

// ---------------------------------------------------------------------------------------------------

describe("renderPlanAnswer: one figure", () => {
  it("restates workflow and period and formats numbers per language (runs)", () => {
    const a = both(
      value({ filters: SHOPIFY, period: period({ kind: "yesterday" }) }, count(1234), {
        successes: count(1200),
        failures: count(34),
      }),
    );
    expect(a.it).toBe(
      "Ieri «Elaborazione ordini Shopify» è stato eseguito 1.234 volte: 1.200 completate e 34 interrotte da un errore.",
    );
    expect(a.en).toBe(
      "Yesterday “Elaborazione ordini Shopify” ran 1,234 times: 1,200 completed and 34 stopped by an error.",
    );
  });

  it("names a calendar week with its days and gives failures out of runs", () => {
    const a = both(
      value({ measure: "failures", period: period({ kind: "last_week" }) }, count(12), { runs: count(3456) }),
    );
    expect(a.it).toMatch(/^La settimana scorsa \(dal 9 al 15 novembre\) /);
    expect(a.it).toContain("12 interruzioni per errore");
    expect(a.it).toContain("su 3.456 esecuzioni");
    expect(a.en).toMatch(/^Last week \(from 9 to 15 November\) /);
    expect(a.en).toContain("12 runs stopped with an error");
    expect(a.en).toContain("out of 3,456 runs");
  });

  it("writes rates as percentages with the language's decimal mark, with their counts", () => {
    const rate = value(
      { measure: "success_rate", period: period({ kind: "last_n_days", n: 30 }) },
      ratio(0.945),
      { successes: count(1890), failures: count(110) },
    );
    const a = both(rate);
    expect(a.it).toBe(
      "Negli ultimi 30 giorni è andato a buon fine il 94,5% delle esecuzioni (1.890 su 2.000).",
    );
    expect(a.en).toBe("In the last 30 days 94.5% of runs succeeded (1,890 of 2,000).");
  });

  it("gives the failure rate with the failures and the complementary success share", () => {
    const a = both(
      value({ measure: "failure_rate", filters: SHOPIFY }, ratio(0.055), {
        successes: count(1890),
        failures: count(110),
      }),
    );
    expect(a.it).toContain("5,5%");
    expect(a.it).toContain("(110 su 2.000)");
    expect(a.it).toContain("94,5%");
    expect(a.it).toContain("per «Elaborazione ordini Shopify»");
    expect(a.en).toContain(
      "5.5% of runs for “Elaborazione ordini Shopify” stopped with an error (110 of 2,000)",
    );
    expect(a.en).toContain("94.5% succeeded");
  });

  it("gives the reply rate with replies and emails", () => {
    const a = both(
      value({ measure: "reply_rate" }, ratio(0.8), {
        replies_drafted: count(80),
        emails_received: count(100),
      }),
    );
    expect(a.it).toContain("80%");
    expect(a.it).toContain("(80 su 100)");
    expect(a.it).toContain("email");
    expect(a.en).toContain("the assistant drafted a reply to 80% of the emails (80 of 100)");
  });

  it("restates sender and time of day (emails this morning)", () => {
    const a = both(
      value(
        {
          measure: "emails_received",
          filters: filters({ senders: ["Laura Conti"], hours: { from: 6, to: 12 } }),
        },
        count(23),
        { replies_drafted: count(20) },
      ),
    );
    expect(a.it).toBe(
      "Oggi, tra le 6:00 e le 12:00, sono arrivate 23 email da «Laura Conti»; l'assistente ha preparato una risposta per 20.",
    );
    expect(a.en).toBe(
      "Today, between 6:00 and 12:00, 23 emails came in from “Laura Conti”; the assistant drafted a reply to 20.",
    );
  });

  it("uses the singular for one", () => {
    const email = both(value({ measure: "emails_received" }, count(1)));
    expect(email.it).toBe("Oggi è arrivata 1 email.");
    expect(email.en).toBe("Today 1 email came in.");
    const order = both(value({ measure: "orders_received" }, count(1)));
    expect(order.it).toBe("Oggi è arrivato 1 ordine.");
    expect(order.en).toBe("Today 1 order came in.");
    const lead = both(
      value({ measure: "leads", period: period({ kind: "rolling_hours", hours: 2 }) }, count(1)),
    );
    expect(lead.it).toBe("Nelle ultime 2 ore è arrivato 1 contatto.");
    expect(lead.en).toBe("In the last 2 hours 1 lead came in.");
  });

  it("gives orders of a date range with processed and failed ones", () => {
    const a = both(
      value(
        {
          measure: "orders_received",
          filters: SHOPIFY,
          period: period({
            kind: "range",
            from: { kind: "date", month: 11, day: 3 },
            to: { kind: "date", month: 11, day: 10 },
          }),
        },
        count(1500),
        { orders_processed: count(1490), orders_failed: count(10) },
      ),
    );
    expect(a.it).toMatch(/^Dal 3 al 10 novembre per «Elaborazione ordini Shopify» /);
    expect(a.it).toContain("1.500 ordini");
    expect(a.it).toContain("1.490 elaborati");
    expect(a.it).toContain("10 non andati a buon fine");
    expect(a.en).toMatch(/^From 3 to 10 November /);
    expect(a.en).toContain("1,500 orders came in for “Elaborazione ordini Shopify”");
    expect(a.en).toContain("1,490 processed, 10 could not be processed");
  });

  it("restates a category filter as a kind of work", () => {
    const a = both(value({ filters: filters({ category: "email" }) }, count(40)));
    expect(a.it).toMatch(/^Oggi le automazioni email .* 40 volte\.$/);
    expect(a.en).toBe("Today the email automations ran 40 times.");
  });

  it("writes euro amounts per language", () => {
    const a = both(
      value({ measure: "order_value_sum", period: period({ kind: "this_month" }) }, euros(12345.5)),
    );
    expect(a.it).toBe("Questo mese gli ordini valgono in tutto 12.345,50 €.");
    expect(a.en).toBe("This month orders were worth €12,345.50 in total.");
  });

  it("keeps currencies apart and never adds them up", () => {
    const mixed: MeasureValue = {
      unit: "money",
      amounts: [
        { currency: "EUR", value: 1234.5 },
        { currency: "USD", value: 99 },
      ],
    };
    const a = both(value({ measure: "order_value_sum" }, mixed));
    expect(a.it).toContain("1.234,50 €");
    expect(a.it).toContain("99,00 USD");
    expect(a.en).toContain("€1,234.50");
    expect(a.en).toContain("99.00");
    for (const text of [a.it, a.en]) expect(text).not.toMatch(/1[.,]333/);
  });

  it("names the statistic of order amounts", () => {
    const avg = both(value({ measure: "order_value_avg", filters: SHOPIFY }, euros(45.9)));
    expect(avg.it).toBe("Oggi per «Elaborazione ordini Shopify» un ordine è valso in media 45,90 €.");
    expect(avg.en).toBe("Today the average order for “Elaborazione ordini Shopify” was worth €45.90.");
    expect(both(value({ measure: "order_value_max" }, euros(980))).en).toContain(
      "the largest order was worth €980.00",
    );
    expect(both(value({ measure: "order_value_min" }, euros(9.99))).it).toContain(
      "l'ordine più piccolo è stato di 9,99 €",
    );
  });

  it("writes durations in seconds or minutes, and says when only failed runs were measured", () => {
    const avg = both(value({ measure: "avg_duration", filters: SHOPIFY }, { unit: "seconds", value: 42 }));
    expect(avg.it).toBe("Oggi un'esecuzione per «Elaborazione ordini Shopify» è durata in media 42 secondi.");
    expect(avg.en).toBe("Today a run for “Elaborazione ordini Shopify” took 42 seconds on average.");
    const max = both(
      value(
        { measure: "max_duration", filters: filters({ status: "failed" }) },
        { unit: "seconds", value: 600 },
      ),
    );
    expect(max.it).toBe("Oggi l'esecuzione più lunga tra quelle interrotte è durata 10 minuti.");
    expect(max.en).toBe("Today the longest failed run took 10 minutes.");
  });

  it("writes the latest instant in the business time zone, without a period for all time", () => {
    const plan = {
      measure: "latest_order" as const,
      filters: SHOPIFY,
      period: resolvePeriod({ kind: "all_time" }, NOW, "Europe/Rome"),
      timeZone: "Europe/Rome",
    };
    const a = both(value(plan, { unit: "instant", value: "2026-11-18T09:20:00Z" }));
    expect(a.it).toBe(
      "L'ultimo ordine per «Elaborazione ordini Shopify» è arrivato mercoledì 18 novembre alle 10:20.",
    );
    expect(a.en).toBe(
      "The latest order for “Elaborazione ordini Shopify” came in on Wednesday 18 November at 10:20.",
    );
  });

  it("keeps the period of a latest instant when one was asked", () => {
    const a = both(
      value(
        { measure: "latest_failure", period: period({ kind: "this_week" }) },
        {
          unit: "instant",
          value: "2026-11-17T08:05:00Z",
        },
      ),
    );
    expect(a.it).toBe(
      "L'ultima interruzione per errore questa settimana è avvenuta martedì 17 novembre alle 08:05.",
    );
    expect(a.en).toBe("The latest failure this week happened on Tuesday 17 November at 08:05.");
  });
});

describe("renderPlanAnswer: nothing to count", () => {
  it.each([
    ["runs", "Oggi non è stata eseguita nessuna automazione.", "Today none of your automations ran."],
    ["emails_received", "Oggi non è arrivata nessuna email.", "Today no emails came in."],
    ["orders_received", "Oggi non è arrivato nessun ordine.", "Today no orders came in."],
    ["leads", "Oggi non è arrivato nessun contatto.", "Today no leads came in."],
    ["orders_failed", "Oggi tutti gli ordini sono andati a buon fine.", "Today every order went through."],
    ["distinct_senders", "Oggi non ti ha scritto nessuno.", "Today nobody wrote to you."],
  ] as const)("says zero %s in words", (measure, itText, enText) => {
    const a = both(value({ measure }, count(0)));
    expect(a.it).toBe(itText);
    expect(a.en).toBe(enText);
    expect(statesFigures(a.it)).toBe(false);
    expect(statesFigures(a.en)).toBe(false);
  });

  it("says a named workflow did not run", () => {
    const a = both(value({ filters: SHOPIFY }, count(0)));
    expect(a.it).toBe("Oggi «Elaborazione ordini Shopify» non è stato eseguito.");
    expect(a.en).toBe("Today “Elaborazione ordini Shopify” did not run.");
  });

  it("says there are no failures out of the runs there were", () => {
    const a = both(value({ measure: "failures", filters: SHOPIFY }, count(0), { runs: count(20) }));
    expect(a.it).toBe(
      "Oggi per «Elaborazione ordini Shopify» nessuna esecuzione si è interrotta per errore (su 20).",
    );
    expect(a.en).toBe("Today no run for “Elaborazione ordini Shopify” stopped with an error (out of 20).");
  });

  it("states no figure when there is nothing to measure a rate, a duration or an amount on", () => {
    const cases: PlanResult[] = [
      value({ measure: "success_rate" }, ratio(null)),
      value({ measure: "reply_rate" }, ratio(null)),
      value({ measure: "avg_duration" }, { unit: "seconds", value: null }),
      value({ measure: "order_value_avg" }, { unit: "money", amounts: [] }),
      value(
        { measure: "latest_email", period: period({ kind: "yesterday" }) },
        { unit: "instant", value: null },
      ),
      {
        kind: "share",
        plan: resolvedPlan({ measure: "emails_received", share: true }),
        part: 0,
        whole: 0,
        ratio: null,
      },
    ];
    for (const result of cases)
      for (const lang of LANGS) {
        const answer = renderPlanAnswer(result, lang);
        expect(answer, answer).not.toMatch(/\d/);
        expect(answer, answer).not.toContain("—");
        expect(answer, answer).toMatch(lang === "it" ? /\bnon|nessun/i : /\bno\b/i);
      }
  });

  it("says when the records start for a period with nothing recorded", () => {
    const result: PlanResult = {
      kind: "no_data",
      plan: resolvedPlan({
        period: period({ kind: "month", month: 1 }),
        coverage: { firstDay: "2026-09-22", empty: true },
      }),
      firstDay: "2026-09-22",
    };
    const a = both(result);
    expect(a.it).toBe("Non ho dati a gennaio: i dati registrati partono dal 22 settembre.");
    expect(a.en).toBe("I have no data in January: my records start on 22 September.");
    expect(statesFigures(a.it)).toBe(false);
    expect(statesFigures(a.en)).toBe(false);
  });

  it("says there is no data at all yet", () => {
    const a = both({ kind: "no_data", plan: resolvedPlan(), firstDay: null });
    expect(a.it).toBe("Non ho ancora dati delle automazioni da leggere.");
    expect(a.en).toBe("I have no automation data to read yet.");
  });

  it("answers a period that starts before the records for the recorded part and says so", () => {
    const a = both(
      value(
        {
          period: period({ kind: "last_n_days", n: 90 }),
          coverage: { firstDay: "2026-09-22", empty: false },
        },
        count(5000),
      ),
    );
    expect(a.it).toBe(
      "Negli ultimi 90 giorni le automazioni sono state eseguite 5.000 volte. I dati registrati partono dal 22 settembre.",
    );
    expect(a.en).toBe(
      "In the last 90 days your automations ran 5,000 times. My records start on 22 September.",
    );
  });

  it("says when some runs' details could not be read, without a records note for a recorded period", () => {
    const p = period({ kind: "last_n_days", n: 7 });
    const from = p.kind === "days" ? p.from : "";
    const a = both(
      value(
        { measure: "emails_received", period: p, coverage: { firstDay: from, empty: false, unreadRuns: 12 } },
        count(40),
      ),
    );
    expect(a.en).toContain(
      "I could not read the details of 12 runs (n8n keeps them outside the database), so there may be more.",
    );
    expect(a.it).toContain("Di 12 esecuzioni non ho potuto leggere i dettagli");
    expect(a.en).not.toContain("records start");
  });

  it("adds no coverage note when the whole period is recorded", () => {
    const a = both(value({ period: period({ kind: "last_n_days", n: 7 }) }, count(50)));
    expect(a.it).not.toContain("partono");
    expect(a.en).not.toContain("records start");
  });

  it("does not compare with a reference period that lies before the records", () => {
    const a = both(
      comparison(
        { measure: "runs", period: period({ kind: "this_week" }) },
        { kind: "previous" },
        count(50),
        count(0),
        "2026-11-16",
      ),
    );
    expect(a.it).toBe(
      "Questa settimana le automazioni sono state eseguite 50 volte. Non posso confrontarlo con il periodo dal 9 all'11 novembre: i dati registrati partono dal 16 novembre.",
    );
    expect(a.en).toBe(
      "This week your automations ran 50 times. I cannot compare it with the period from 9 to 11 November: my records start on 16 November.",
    );
  });
});

describe("renderPlanAnswer: breakdowns", () => {
  const E = [
    entry("wf-email-0001", "Smistamento email clienti", count(1412)),
    entry("wf-woo-0002", "Ordini WooCommerce", count(300)),
    entry("wf-inv-0003", "Solleciti fatture scadute", count(12)),
  ];

  it("names the leader of a ranking with its value and the total", () => {
    const a = both(
      ranking(
        {
          measure: "failures",
          breakdown: breakdown({ by: "workflow", limit: 1 }),
          period: period({ kind: "this_week" }),
        },
        E.slice(0, 1),
        count(1724),
      ),
    );
    expect(a.it).toBe(
      "Questa settimana ci sono state in tutto 1.724 interruzioni per errore; il processo che si è fermato più spesso è «Smistamento email clienti» (1.412 volte).",
    );
    expect(a.en).toBe(
      "This week there were 1,724 failures in all; the process that failed most often is “Smistamento email clienti” (1,412 times).",
    );
  });

  it("names every entry tied for first", () => {
    const tied = [E[0]!, entry("wf-woo-0002", "Ordini WooCommerce", count(1412))];
    const a = both(ranking({ breakdown: breakdown({ by: "workflow", limit: 1 }) }, tied, count(2824)));
    for (const [lang, text] of Object.entries(a)) {
      const q = lang === "it" ? ["«", "»"] : ["“", "”"];
      expect(text).toContain(`${q[0]}Smistamento email clienti${q[1]}`);
      expect(text).toContain(`${q[0]}Ordini WooCommerce${q[1]}`);
    }
    expect(a.it).toContain(
      "al primo posto, a pari merito, ci sono «Smistamento email clienti» e «Ordini WooCommerce» (1.412 volte)",
    );
    expect(a.en).toContain(
      "tied for first place are “Smistamento email clienti” and “Ordini WooCommerce” (1,412 times)",
    );
  });

  it("lists a top 3 in order, from most to fewest", () => {
    const a = both(ranking({ breakdown: breakdown({ by: "workflow", limit: 3 }) }, E, count(1724)));
    expect(a.it).toContain(
      "dal più al meno: «Smistamento email clienti» (1.412 volte), «Ordini WooCommerce» (300 volte) e «Solleciti fatture scadute» (12 volte).",
    );
    expect(a.en).toContain(
      "from most to fewest: “Smistamento email clienti” (1,412 times), “Ordini WooCommerce” (300 times) and “Solleciti fatture scadute” (12 times).",
    );
  });

  it("shows ten entries and says how many more there are", () => {
    const many = Array.from({ length: 12 }, (_, i) => entry(`wf-${i}`, `Flusso ${i + 1}`, count(100 - i)));
    const a = both(ranking({ breakdown: breakdown({ by: "workflow", limit: null }) }, many, count(1134)));
    expect(a.it).toContain("«Flusso 10» (91 volte) e altri 2.");
    expect(a.it).not.toContain("Flusso 11");
    expect(a.en).toContain("“Flusso 10” (91 times) and 2 more.");
  });

  it("names the least used workflow of an ascending ranking", () => {
    const a = both(
      ranking({ breakdown: breakdown({ by: "workflow", order: "asc", limit: 1 }) }, [E[2]!], count(1724)),
    );
    expect(a.it).toContain("il processo meno usato è «Solleciti fatture scadute» (12 volte)");
    expect(a.en).toContain("the least used process is “Solleciti fatture scadute” (12 times)");
  });

  it("lists the workflows that did not run, or says every one ran", () => {
    const plan = {
      breakdown: breakdown({ by: "workflow", zeroOnly: true }),
      period: period({ kind: "this_week" }),
    };
    const a = both(ranking(plan, [entry("wf-backup", "Backup documenti su Drive", count(0))], count(1724)));
    expect(a.it).toBe("Questa settimana non è stato eseguito: «Backup documenti su Drive».");
    expect(a.en).toBe("This week this automation did not run: “Backup documenti su Drive”.");
    const none = both(ranking(plan, [], count(1724)));
    expect(none.it).toBe("Questa settimana tutti i processi attivi sono stati eseguiti almeno una volta.");
    expect(none.en).toBe("This week every active automation ran at least once.");
  });

  it("says nothing came in when a ranking has no entries", () => {
    const a = both(
      ranking({ measure: "emails_received", breakdown: breakdown({ by: "sender", limit: 1 }) }, [], count(0)),
    );
    expect(a.it).toBe("Oggi non è arrivata nessuna email.");
    expect(a.en).toBe("Today no emails came in.");
  });

  it("names the most frequent sender", () => {
    const a = both(
      ranking(
        { measure: "emails_received", breakdown: breakdown({ by: "sender", limit: 1 }) },
        [entry("Laura Conti", "Laura Conti", count(24))],
        count(240),
      ),
    );
    expect(a.it).toContain("chi ha scritto di più è «Laura Conti» (24 email)");
    expect(a.en).toContain("the most frequent sender is “Laura Conti” (24 emails)");
  });

  it("writes days, hours and weekdays as words, never as keys", () => {
    const days = both(
      ranking(
        {
          measure: "orders_received",
          breakdown: breakdown({ by: "day", order: "key" }),
          period: period({ kind: "this_week" }),
        },
        [entry("2026-11-16", "2026-11-16", count(1200)), entry("2026-11-17", "2026-11-17", count(5))],
        count(1205),
      ),
    );
    expect(days.it).toContain("lunedì 16 novembre (1.200 ordini), martedì 17 novembre (5 ordini)");
    expect(days.en).toContain("Monday 16 November (1,200 orders), Tuesday 17 November (5 orders)");
    for (const text of Object.values(days)) expect(text).not.toContain("2026-11");

    const hours = both(
      ranking(
        { measure: "emails_received", breakdown: breakdown({ by: "hour", limit: 1 }) },
        [entry("9", "9", count(80))],
        count(300),
      ),
    );
    expect(hours.it).toContain("la fascia oraria con più email è dalle 9:00 alle 10:00 (80 email)");
    expect(hours.en).toContain("the hour with the most emails is 9:00–10:00 (80 emails)");

    const weekdays = both(
      ranking(
        { breakdown: breakdown({ by: "weekday", limit: 1 }) },
        [entry("1", "1", count(80))],
        count(300),
      ),
    );
    expect(weekdays.it).toContain("il giorno della settimana con più esecuzioni è il lunedì (80 volte)");
    expect(weekdays.en).toContain("the weekday with the most runs is Monday (80 times)");
  });

  it("explains error causes in plain words, unknown causes included", () => {
    const a = both(
      ranking(
        {
          measure: "failures",
          breakdown: breakdown({ by: "error_cause", limit: 3 }),
          period: period({ kind: "last_n_days", n: 7 }),
        },
        [
          entry("credentials", "credentials", count(30)),
          entry("timeout", "timeout", count(5)),
          entry("weird_thing", "weird_thing", count(1)),
        ],
        count(36),
      ),
    );
    expect(a.it).toContain("36 interruzioni per errore");
    expect(a.it).toContain("credenziali di accesso non valide o scadute (30 volte)");
    expect(a.it).toContain("errori di altro tipo (1 volta)");
    expect(a.en).toContain("invalid or expired login details (30 times)");
    expect(a.en).toContain("an external service too slow to answer (5 times)");
    expect(a.en).toContain("other errors (1 time)");
    for (const text of Object.values(a)) {
      expect(text).not.toMatch(/credentials|weird_thing|\btimeout\b/);
    }
  });

  it("ranks workflows by a rate with the overall rate first", () => {
    const a = both(
      ranking(
        {
          measure: "success_rate",
          breakdown: breakdown({ by: "workflow", limit: 1 }),
          period: period({ kind: "last_n_days", n: 30 }),
        },
        [entry("wf-email-0001", "Smistamento email clienti", ratio(0.995))],
        ratio(0.95),
        { successes: count(1900), failures: count(100) },
      ),
    );
    expect(a.it).toContain("il 95% delle esecuzioni (1.900 su 2.000)");
    expect(a.it).toContain("il processo più affidabile è «Smistamento email clienti» (99,5%)");
    expect(a.en).toContain("95% of runs succeeded (1,900 of 2,000)");
    expect(a.en).toContain("the most reliable process is “Smistamento email clienti” (99.5%)");
  });

  it("ranks workflows by order value in euros", () => {
    const a = both(
      ranking(
        { measure: "order_value_sum", breakdown: breakdown({ by: "workflow", limit: 2 }) },
        [
          entry("wf-shopify-0001", "Elaborazione ordini Shopify", euros(12000)),
          entry("wf-woo-0002", "Ordini WooCommerce", euros(3400.25)),
        ],
        euros(15400.25),
      ),
    );
    expect(a.it).toContain("15.400,25 €");
    expect(a.it).toContain("«Elaborazione ordini Shopify» (12.000,00 €) e «Ordini WooCommerce» (3.400,25 €)");
    expect(a.en).toContain("€15,400.25");
    expect(a.en).toContain("“Elaborazione ordini Shopify” (€12,000.00) and “Ordini WooCommerce” (€3,400.25)");
  });
});

describe("renderPlanAnswer: comparisons", () => {
  it("gives the change and the reference figure, and says a period still going is so far", () => {
    const a = both(
      comparison(
        { measure: "orders_received", period: period({ kind: "this_week" }) },
        { kind: "same_last_week" },
        count(1300),
        count(1000),
      ),
    );
    expect(a.it).toMatch(
      /^Questa settimana finora: 1\.300 ordini, 30% in più rispetto al periodo .*11 novembre \(1\.000\)\.$/,
    );
    expect(a.en).toBe(
      "This week so far: 1,300 orders, 30% more than the period from 9 to 11 November (1,000).",
    );
  });

  it("names the reference month of two named periods", () => {
    const a = both(
      comparison(
        { measure: "orders_received", period: period({ kind: "month", month: 11 }) },
        { kind: "period", period: { kind: "month", month: 10 } },
        count(900),
        count(1000),
      ),
    );
    expect(a.it).toBe("A novembre finora: 900 ordini, 10% in meno rispetto a ottobre (1.000).");
    expect(a.en).toBe("In November so far: 900 orders, 10% fewer than October (1,000).");
  });

  it("compares rolling hours with the hours before", () => {
    const a = both(
      comparison(
        { measure: "runs", period: period({ kind: "rolling_hours", hours: 3 }) },
        { kind: "previous" },
        count(50),
        count(40),
      ),
    );
    expect(a.it).toBe("Nelle ultime 3 ore: 50 esecuzioni, 25% in più rispetto alle 3 ore precedenti (40).");
    expect(a.en).toBe("In the last 3 hours: 50 runs, 25% more than the 3 hours before (40).");
  });

  it.each([
    [10, 0, "in aumento", "up"],
    [0, 0, "invariato", "unchanged"],
    [9, 9, "stabile", "steady"],
  ])("says %i against %i without a percentage of zero", (now, before, itWord, enWord) => {
    const a = both(
      comparison(
        { measure: "failures", period: period({ kind: "yesterday" }) },
        { kind: "previous" },
        count(now),
        count(before),
      ),
    );
    expect(a.it).toContain(`, ${itWord} rispetto`);
    // Yesterday is over: no "so far".
    expect(a.it).not.toContain("finora");
    expect(a.en).not.toContain("so far");
    // "steady than …" is no English: the reference figure goes in brackets with its period.
    expect(a.en).toContain(`, ${enWord} (${before} on Monday 16 November)`);
    expect(a.en).not.toContain(" than ");
    for (const text of Object.values(a)) expect(text).not.toMatch(/Infinity|NaN|%/);
  });

  it("compares rates and amounts as values", () => {
    const rate = both(
      comparison(
        { measure: "success_rate", period: period({ kind: "this_week" }) },
        { kind: "previous" },
        ratio(0.95),
        ratio(0.9),
      ),
    );
    expect(rate.it).toContain("tasso di successo: 95%, contro 90%");
    expect(rate.en).toContain("the success rate was 95%, against 90%");
    const money = both(
      comparison(
        { measure: "order_value_sum", period: period({ kind: "this_month" }) },
        { kind: "previous" },
        euros(1500),
        euros(1000),
      ),
    );
    expect(money.it).toContain("1.500,00 €, contro 1.000,00 €");
    expect(money.en).toContain("€1,500.00, against €1,000.00");
    // Against one day: "for Tuesday 17 November", not "for on …".
    const day = both(
      comparison(
        { measure: "order_value_avg", period: period({ kind: "today" }) },
        { kind: "previous" },
        euros(250),
        euros(300),
      ),
    );
    expect(day.en).toMatch(/against €300\.00 for Tuesday 17 November\.$/);
    expect(day.en).toMatch(/^Today so far /);
    expect(day.en).not.toContain("for on");
  });
});

describe("renderPlanAnswer: shares, summaries, inventories, trends, forecasts", () => {
  it("gives a share with its part and whole", () => {
    const a = both({
      kind: "share",
      plan: resolvedPlan({
        measure: "orders_received",
        share: true,
        filters: SHOPIFY,
        period: period({ kind: "this_month" }),
      }),
      part: 1234,
      whole: 2000,
      ratio: 0.617,
    });
    expect(a.it).toMatch(
      /^Questo mese «Elaborazione ordini Shopify» vale il 61,7% di tutt. .*\(1\.234 su 2\.000\)\.$/,
    );
    expect(a.en).toBe(
      "This month “Elaborazione ordini Shopify” accounted for 61.7% of all orders (1,234 of 2,000).",
    );
  });

  it("gives a sender's share of the emails", () => {
    const a = both({
      kind: "share",
      plan: resolvedPlan({
        measure: "emails_received",
        share: true,
        filters: filters({ senders: ["Laura Conti"] }),
      }),
      part: 10,
      whole: 20,
      ratio: 0.5,
    });
    expect(a.it).toBe("Oggi «Laura Conti» vale il 50% di tutte le email (10 su 20).");
    expect(a.en).toBe("Today “Laura Conti” accounted for 50% of all emails (10 of 20).");
  });

  it("sums up how it is going", () => {
    const overview: PlanResult = {
      kind: "summary",
      plan: resolvedPlan({ measure: "overview" }),
      values: {
        runs: count(1234),
        failures: count(54),
        success_rate: ratio(0.956),
        active_workflows: count(9),
      },
      busiest: null,
    };
    const a = both(overview);
    expect(a.it).toBe(
      "Va tutto abbastanza bene: 9 processi automatici attivi; oggi 1.234 esecuzioni, riuscite al 95,6%, con 54 interruzioni.",
    );
    expect(a.en).toBe(
      "Things are mostly fine: 9 active automations; 1,234 runs today, 95.6% successful, with 54 failures.",
    );
    const quiet = both({
      ...overview,
      values: { runs: count(0), failures: count(0), success_rate: ratio(null), active_workflows: count(9) },
    });
    expect(quiet.it).toBe(
      "Tutto procede bene: 9 processi automatici attivi; oggi non ci sono state esecuzioni.",
    );
    expect(quiet.en).toBe("All good: 9 active automations; no runs today.");
    const bad = both({
      ...overview,
      values: { runs: count(100), failures: count(40), success_rate: ratio(0.6), active_workflows: count(9) },
    });
    expect(bad.it).toMatch(/^Ci sono alcuni problemi da guardare: /);
    expect(bad.en).toMatch(/^A few things need attention: /);
  });

  it("tells what happened, with the busiest workflow", () => {
    const a = both({
      kind: "summary",
      plan: resolvedPlan({ measure: "activity", period: period({ kind: "yesterday" }) }),
      values: {
        runs: count(1234),
        successes: count(1180),
        failures: count(54),
        emails_received: count(87),
        orders_received: count(23),
      },
      busiest: entry("wf-email-0001", "Smistamento email clienti", count(412)),
    });
    expect(a.it).toBe(
      "Ieri i processi automatici sono stati eseguiti 1.234 volte: 1.180 completati e 54 interrotti da un errore. Email ricevute: 87; ordini arrivati: 23. Il processo più attivo è stato «Smistamento email clienti» (412 volte).",
    );
    expect(a.en).toBe(
      "Yesterday your automations ran 1,234 times: 1,180 completed and 54 stopped by an error. Emails received: 87; orders in: 23. The busiest process was “Smistamento email clienti” (412 times).",
    );
    const quiet = both({
      kind: "summary",
      plan: resolvedPlan({ measure: "activity" }),
      values: {},
      busiest: null,
    });
    expect(quiet.it).toBe("Oggi non è stato eseguito nessun processo automatico.");
    expect(quiet.en).toBe("Today none of your automations ran.");
  });

  it("counts active workflows out of those set up, with their names", () => {
    const a = both({
      kind: "inventory",
      plan: resolvedPlan({ measure: "active_workflows", period: { kind: "none" } }),
      active: 9,
      total: 12,
      names: ["Smistamento email clienti", "Ordini WooCommerce"],
    });
    expect(a.it).toBe(
      "Hai 9 processi automatici attivi su 12 configurati: «Smistamento email clienti» e «Ordini WooCommerce».",
    );
    expect(a.en).toBe(
      "You have 9 active automations out of 12 set up: “Smistamento email clienti” and “Ordini WooCommerce”.",
    );
  });

  it("counts all workflows first for workflows_total and caps the list at twelve names", () => {
    const names = Array.from({ length: 14 }, (_, i) => `Flusso ${String.fromCharCode(65 + i)}`);
    const a = both({
      kind: "inventory",
      plan: resolvedPlan({ measure: "workflows_total", period: { kind: "none" } }),
      active: 10,
      total: 14,
      names,
    });
    expect(a.it).toMatch(/^Hai 14 processi automatici configurati, di cui 10 attivi: /);
    expect(a.en).toMatch(/^You have 14 automations set up, 10 of them active: /);
    expect(a.it).toContain("«Flusso L»");
    expect(a.it).not.toContain("Flusso M");
    expect(a.it).toMatch(/ e altri 2\.$/);
    expect(a.en).toMatch(/ and 2 more\.$/);
  });

  it("describes a trend with its direction, change, total and busiest day", () => {
    const a = both({
      kind: "trend",
      plan: resolvedPlan({
        measure: "orders_received",
        trend: true,
        period: period({ kind: "last_n_days", n: 14 }),
      }),
      points: [
        { day: "2026-11-05", value: 10 },
        { day: "2026-11-12", value: 1500 },
      ],
      total: 1510,
      direction: "up",
      changePercent: 12.5,
    });
    expect(a.it).toBe(
      "Negli ultimi 14 giorni l'andamento di ordini è in crescita (+12,5% nella seconda metà del periodo): 1.510 in tutto. Il giorno più intenso è stato giovedì 12 novembre con 1.500.",
    );
    expect(a.en).toBe(
      "In the last 14 days orders are growing (+12.5% in the second half of the period): 1,510 in all. The busiest day was Thursday 12 November with 1,500.",
    );
  });

  it("describes the trend of a rate without adding it up", () => {
    const a = both({
      kind: "trend",
      plan: resolvedPlan({
        measure: "success_rate",
        trend: true,
        period: period({ kind: "last_n_days", n: 14 }),
      }),
      points: [{ day: "2026-11-05", value: 0.9 }],
      total: 0,
      direction: "down",
      changePercent: -3,
    });
    expect(a.it).toBe(
      "Negli ultimi 14 giorni l'andamento del tasso di successo è in calo (-3% nella seconda metà del periodo).",
    );
    expect(a.en).toBe(
      "In the last 14 days the success rate is declining (-3% in the second half of the period).",
    );
  });

  it("gives a forecast with its range, peak and method", () => {
    const a = both({
      kind: "forecast",
      plan: resolvedPlan({ kind: "forecast", measure: "orders_received", horizonDays: 7 }),
      series: [
        { day: "2026-11-19", expected: 100, low: 80, high: 120 },
        { day: "2026-11-20", expected: 1500, low: 1200, high: 1800 },
      ],
      total: { expected: 1600, low: 1280, high: 1920 },
      method: "seasonal_naive",
      historyDays: 28,
      activeDays: 28,
      sparse: false,
    });
    expect(a.it).toBe(
      "Nei prossimi 7 giorni mi aspetto circa 1.600 ordini (tra 1.280 e 1.920), con il picco venerdì 20 novembre. Ho confrontato gli stessi giorni della settimana nelle ultime 4 settimane.",
    );
    expect(a.en).toBe(
      "Over the next 7 days I expect about 1,600 orders (between 1,280 and 1,920), peaking on Friday 20 November. I compared the same weekdays over the last 4 weeks.",
    );
  });

  it("gives tomorrow's forecast without a peak", () => {
    const a = both({
      kind: "forecast",
      plan: resolvedPlan({ kind: "forecast", measure: "runs", horizonDays: 1 }),
      series: [{ day: "2026-11-19", expected: 100, low: 80, high: 120 }],
      total: { expected: 100, low: 80, high: 120 },
      method: "moving_average",
      historyDays: 10,
      activeDays: 10,
      sparse: false,
    });
    expect(a.it).toBe(
      "Domani mi aspetto circa 100 esecuzioni (tra 80 e 120). Ho usato la media degli ultimi giorni, perché lo storico è ancora breve: l'intervallo è ampio.",
    );
    expect(a.en).toBe(
      "Tomorrow I expect about 100 runs (between 80 and 120). I used the average of recent days, because the history is still short: the range is wide.",
    );
  });

  it("says a forecast is not possible yet, and why a sparse one is wide", () => {
    const base = {
      kind: "forecast" as const,
      plan: resolvedPlan({ kind: "forecast", measure: "orders_received", horizonDays: 7 }),
    };
    const none = both({
      ...base,
      series: [],
      total: { expected: 0, low: 0, high: 0 },
      method: "insufficient_history",
      historyDays: 4,
      activeDays: 2,
      sparse: false,
    });
    expect(none.it).toBe(
      "Non posso ancora fare una previsione affidabile di ordini: ho solo 2 giorni con attività da cui partire.",
    );
    expect(none.en).toBe(
      "I can't forecast orders reliably yet: there are only 2 days with activity to go on.",
    );
    const sparse = both({
      ...base,
      series: [{ day: "2026-11-19", expected: 5, low: 0, high: 14 }],
      total: { expected: 35, low: 10, high: 60 },
      method: "moving_average",
      historyDays: 20,
      activeDays: 6,
      sparse: true,
    });
    expect(sparse.en).toContain(
      "The history is mostly empty (activity on 6 of 20 days), so the range is wide.",
    );
    expect(sparse.it).toContain(
      "Lo storico è quasi vuoto (attività in 6 giorni su 20), quindi l'intervallo è ampio.",
    );
  });
});

describe("renderPlanAnswer: language and jargon", () => {
  const italianNames = filters({
    workflows: [
      { id: "wf-inv-0003", name: "Solleciti fatture scadute" },
      { id: "wf-backup-0009", name: "Backup documenti su Drive" },
    ],
  });
  const results: PlanResult[] = [
    value({ filters: italianNames, period: period({ kind: "yesterday" }) }, count(148), {
      successes: count(140),
      failures: count(8),
    }),
    value({ measure: "failures", filters: italianNames }, count(3), { runs: count(40) }),
    value({ measure: "emails_received", filters: filters({ senders: ["Giulia Bianchi"] }) }, count(12)),
    value(
      { measure: "orders_received", filters: SHOPIFY, period: period({ kind: "last_month" }) },
      count(2345),
      {
        orders_processed: count(2300),
        orders_failed: count(45),
      },
    ),
    value({ measure: "success_rate", filters: italianNames }, ratio(0.912), {
      successes: count(912),
      failures: count(88),
    }),
    value({ measure: "avg_duration", filters: SHOPIFY }, { unit: "seconds", value: 75 }),
    value({ measure: "order_value_sum", filters: SHOPIFY }, euros(4321.1)),
    value(
      { measure: "latest_run", filters: italianNames, period: period({ kind: "all_time" }) },
      {
        unit: "instant",
        value: "2026-11-18T07:00:00Z",
      },
    ),
    value(
      { measure: "leads", filters: filters({ weekdays: [6, 7] }), period: period({ kind: "this_month" }) },
      count(7),
    ),
    ranking(
      { measure: "failures", breakdown: breakdown({ by: "workflow", limit: 3 }) },
      [
        entry("wf-inv-0003", "Solleciti fatture scadute", count(9)),
        entry("wf-backup-0009", "Backup documenti su Drive", count(4)),
      ],
      count(13),
    ),
    ranking(
      { measure: "failures", breakdown: breakdown({ by: "error_cause", limit: 3 }) },
      [entry("rate_limit", "rate_limit", count(4)), entry("not_found", "not_found", count(2))],
      count(6),
    ),
    comparison(
      { measure: "runs", filters: italianNames, period: period({ kind: "last_n_days", n: 7 }) },
      { kind: "previous" },
      count(700),
      count(650),
    ),
    {
      kind: "share",
      plan: resolvedPlan({ measure: "runs", share: true, filters: filters({ category: "invoice" }) }),
      part: 10,
      whole: 400,
      ratio: 0.025,
    },
    {
      kind: "trend",
      plan: resolvedPlan({
        measure: "emails_received",
        trend: true,
        period: period({ kind: "last_n_days", n: 14 }),
      }),
      points: [{ day: "2026-11-10", value: 90 }],
      total: 900,
      direction: "flat",
      changePercent: null,
    },
    {
      kind: "forecast",
      plan: resolvedPlan({
        kind: "forecast",
        measure: "emails_received",
        horizonDays: 7,
        filters: italianNames,
      }),
      series: [{ day: "2026-11-19", expected: 30, low: 20, high: 40 }],
      total: { expected: 210, low: 150, high: 260 },
      method: "seasonal_naive",
      historyDays: 28,
      activeDays: 28,
      sparse: false,
    },
    {
      kind: "inventory",
      plan: resolvedPlan({ measure: "active_workflows", period: { kind: "none" } }),
      active: 2,
      total: 3,
      names: ["Solleciti fatture scadute", "Backup documenti su Drive"],
    },
  ];
  const IT_ONLY = /\b(volte|esecuzioni|ordini|oggi|ieri|sono|della|nessun[oa]?|processo|giorni)\b/i;
  const EN_ONLY = /\b(the|runs|orders|today|yesterday|times|came|were|process|days)\b/i;

  it.each(results.map((r, i) => [`${r.kind} ${r.plan.measure} #${i}`, r] as const))(
    "%s reads as the question's language, not the workflow names'",
    (_, result) => {
      for (const lang of LANGS) {
        const answer = renderPlanAnswer(result, lang);
        expect(detectLanguage(answer), answer).toBe(lang);
        expect(outsideQuotes(answer), answer).not.toMatch(lang === "it" ? EN_ONLY : IT_ONLY);
      }
    },
  );

  it.each(results.map((r, i) => [`${r.kind} ${r.plan.measure} #${i}`, r] as const))(
    "%s has no jargon, ids, keys or raw values",
    (_, result) => {
      for (const lang of LANGS) {
        const answer = renderPlanAnswer(result, lang);
        expect(findJargon(answer), answer).toEqual([]);
        expect(jargonIn(answer), answer).toEqual([]);
        expect(answer, answer).not.toMatch(
          /wf-|\b\d{4}-\d{2}-\d{2}\b|T\d{2}:\d{2}|\bundefined\b|\bnull\b|NaN|—/,
        );
        expect(answer, answer).not.toMatch(/\b(SELECT|FROM|WHERE)\b|_/);
      }
    },
  );

  it.each(results.map((r, i) => [`${r.kind} ${r.plan.measure} #${i}`, r] as const))(
    "%s writes numbers in the language's format",
    (_, result) => {
      const it = renderPlanAnswer(result, "it");
      const en = renderPlanAnswer(result, "en");
      // Italian: 1.234 and 94,5%; English: 1,234 and 94.5%.
      expect(outsideQuotes(it), it).not.toMatch(/\d,\d{3}\b|\d\.\d%|€\d/);
      expect(outsideQuotes(en), en).not.toMatch(/\d\.\d{3}\b|\d,\d%|\d,\d{2} €/);
    },
  );
});

describe("formatValue", () => {
  it("writes each unit per language", () => {
    expect(formatValue(count(1234567), "it")).toBe("1.234.567");
    expect(formatValue(count(1234567), "en")).toBe("1,234,567");
    expect(formatValue(ratio(0.9453), "it")).toBe("94,5%");
    expect(formatValue(ratio(0.9453), "en")).toBe("94.5%");
    expect(formatValue(euros(0.5), "it")).toBe("0,50 €");
    expect(formatValue(euros(0.5), "en")).toBe("€0.50");
    expect(formatValue({ unit: "money", amounts: [] }, "en")).toBe("€0.00");
    expect(formatValue({ unit: "seconds", value: 1 }, "it")).toBe("1 secondo");
    expect(formatValue({ unit: "seconds", value: 90 }, "en")).toBe("2 minutes");
    expect(formatValue({ unit: "instant", value: "2026-11-18T23:30:00Z" }, "en", "Europe/Rome")).toBe(
      "Thursday 19 November at 00:30",
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe("phrases", () => {
  const at = (spec: PeriodSpec, lang: Language) => periodPhrase(period(spec), lang, TODAY);

  it.each([
    [{ kind: "today" }, "oggi", "today"],
    [{ kind: "yesterday" }, "ieri", "yesterday"],
    [{ kind: "last_n_days", n: 1 }, "oggi", "today"],
    [{ kind: "last_n_days", n: 7 }, "negli ultimi 7 giorni", "in the last 7 days"],
    [{ kind: "this_week" }, "questa settimana", "this week"],
    [
      { kind: "last_week" },
      "la settimana scorsa (dal 9 al 15 novembre)",
      "last week (from 9 to 15 November)",
    ],
    [{ kind: "this_month" }, "questo mese", "this month"],
    [{ kind: "last_month" }, "il mese scorso (ottobre)", "last month (October)"],
    [{ kind: "this_year" }, "quest'anno", "this year"],
    [{ kind: "all_time" }, "da quando ci sono i dati", "since records began"],
    [{ kind: "day", day: { kind: "days_ago", n: 2 } }, "lunedì 16 novembre", "on Monday 16 November"],
    [{ kind: "month", month: 11 }, "a novembre", "in November"],
    [{ kind: "month", month: 12 }, "a dicembre 2025", "in December 2025"],
    [
      { kind: "range", from: { kind: "date", month: 10, day: 30 }, to: { kind: "date", month: 11, day: 3 } },
      "dal 30 ottobre al 3 novembre",
      "from 30 October to 3 November",
    ],
    [
      { kind: "weekend", which: "last" },
      "nel weekend (dal 14 al 15 novembre)",
      "over the weekend (from 14 to 15 November)",
    ],
    [{ kind: "rolling_hours", hours: 1 }, "nell'ultima ora", "in the last hour"],
    [{ kind: "rolling_hours", hours: 5 }, "nelle ultime 5 ore", "in the last 5 hours"],
  ] as [PeriodSpec, string, string][])("reads %j", (spec, itText, enText) => {
    expect(at(spec, "it")).toBe(itText);
    expect(at(spec, "en")).toBe(enText);
  });

  it("adds the year only when it is not the current one", () => {
    const lastChristmas: PeriodSpec = { kind: "day", day: { kind: "date", month: 12, day: 25, year: 2025 } };
    expect(at(lastChristmas, "it")).toBe("giovedì 25 dicembre 2025");
    expect(at(lastChristmas, "en")).toBe("on Thursday 25 December 2025");
    const acrossYears: PeriodSpec = {
      kind: "range",
      from: { kind: "date", month: 12, day: 30, year: 2025 },
      to: { kind: "date", month: 1, day: 3, year: 2026 },
    };
    expect(at(acrossYears, "it")).toBe("dal 30 dicembre 2025 al 3 gennaio");
    expect(at(acrossYears, "en")).toBe("from 30 December 2025 to 3 January");
    expect(dayMonth("2025-03-01", "it", 2026)).toBe("1 marzo 2025");
    expect(dayMonth("2026-03-01", "en", 2026)).toBe("1 March");
    expect(dayMonth("2025-03-01", "en")).toBe("1 March");
  });

  it("reads a 'since' period up to today", () => {
    const since: PeriodSpec = { kind: "since", from: { kind: "date", month: 11, day: 3 } };
    expect(at(since, "it")).toMatch(/3 novembre a oggi$/);
    expect(at(since, "en")).toBe("since 3 November");
  });

  it("reads no period as right now", () => {
    const none: ResolvedPeriod = { kind: "none" };
    expect(periodPhrase(none, "it", TODAY)).toBe("in questo momento");
    expect(periodPhrase(none, "en", TODAY)).toBe("right now");
  });

  it.each([
    [{ from: 6, to: 12 }, "tra le 6:00 e le 12:00", "between 6:00 and 12:00"],
    [{ from: 18, to: 24 }, "dopo le 18:00", "after 18:00"],
    [{ from: 0, to: 9 }, "prima delle 9:00", "before 9:00"],
    [{ from: 15, to: 16 }, "tra le 15:00 e le 16:00", "between 15:00 and 16:00"],
  ])("reads hours %j", (hours, itText, enText) => {
    expect(hoursPhrase(hours, "it")).toBe(itText);
    expect(hoursPhrase(hours, "en")).toBe(enText);
  });

  it("reads weekdays in calendar order and weekends as such", () => {
    expect(weekdaysPhrase([7, 6], "it")).toBe("nei weekend");
    expect(weekdaysPhrase([6, 7], "en")).toBe("at weekends");
    expect(weekdaysPhrase([3, 1], "it")).toBe("il lunedì e il mercoledì");
    expect(weekdaysPhrase([3, 1], "en")).toBe("on Mondays and Wednesdays");
    expect(weekdayName(7, "it")).toBe("domenica");
    expect(weekdayName(1, "en")).toBe("Monday");
  });

  it("puts the period, weekdays and hours together", () => {
    const f = filters({ weekdays: [1], hours: { from: 9, to: 12 } });
    expect(whenPhrase(period({ kind: "last_n_days", n: 30 }), f, "it", TODAY)).toBe(
      "negli ultimi 30 giorni il lunedì, tra le 9:00 e le 12:00,",
    );
    expect(whenPhrase(period({ kind: "last_n_days", n: 30 }), f, "en", TODAY)).toBe(
      "in the last 30 days on Mondays, between 9:00 and 12:00,",
    );
    expect(whenPhrase(period({ kind: "today" }), filters(), "en", TODAY)).toBe("today");
  });

  it("quotes workflows and senders in the language's quotes", () => {
    const two = filters({
      workflows: [
        { id: "a", name: "Ordini WooCommerce" },
        { id: "b", name: "Elaborazione ordini Shopify" },
      ],
    });
    expect(workflowsPhrase(two, "it")).toBe("«Ordini WooCommerce» e «Elaborazione ordini Shopify»");
    expect(workflowsPhrase(two, "en")).toBe("“Ordini WooCommerce” and “Elaborazione ordini Shopify”");
    expect(forWorkflows(two, "it")).toBe(" per «Ordini WooCommerce» e «Elaborazione ordini Shopify»");
    expect(forWorkflows(filters({ category: "invoice" }), "en")).toBe(" for the invoice automations");
    expect(forWorkflows(filters({ category: "invoice" }), "it")).toBe(" per le automazioni delle fatture");
    expect(workflowsPhrase(filters({ category: "crm" }), "en")).toBe("of the CRM automations");
    const senders = filters({ senders: ["Laura Conti", "Marco Rossi"] });
    expect(fromSenders(senders, "it")).toBe(" da «Laura Conti» e «Marco Rossi»");
    expect(fromSenders(senders, "en")).toBe(" from “Laura Conti” and “Marco Rossi”");
    expect(sendersPhrase(filters({ senders: ["Laura Conti"] }), "en")).toBe("“Laura Conti”");
  });

  it("says nothing about workflows or senders when there is no such filter", () => {
    for (const lang of LANGS) {
      expect(forWorkflows(filters(), lang)).toBe("");
      expect(fromSenders(filters(), lang)).toBe("");
      expect(workflowsPhrase(filters(), lang)).toBe("");
    }
  });
});
