import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { draftPlan, type DraftPlan, type DraftPlanInput, type PeriodSpec } from "../graph/plan.ts";
import type { EntityCatalog, WorkflowEntity } from "../tools/entities/catalog.ts";
import { resolveComparison, resolvePeriod, type DayPeriod } from "../tools/periods.ts";
import { readPlan, type PlanReading } from "./planner.ts";
import { readSignals } from "./signals.ts";

/**
 * The rules' planner (docs/query-plans.md): a question, and the previous plan for a follow-up,
 * become a draft plan. A draft names periods relatively and never depends on the clock; the clock
 * is still fixed in every test, and periods are resolved against a fixed `now` to check what they
 * mean.
 */

const TZ = "Europe/Rome";
// Wednesday 18 November 2026, 11:00 in Rome.
const NOW = new Date("2026-11-18T10:00:00Z");

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const wf = (id: string, name: string, category: WorkflowEntity["category"], services: string[]) => ({
  id,
  name,
  active: true,
  archived: false,
  category,
  services,
});

const catalog: EntityCatalog = {
  workflows: [
    wf("wf-mail", "Smistamento email clienti", "email", ["outlook", "gemini"]),
    wf("wf-support", "Customer support inbox", "email", ["gmail"]),
    wf("wf-shop", "Elaborazione ordini Shopify", "order", ["shopify"]),
    wf("wf-woo", "Ordini WooCommerce", "order", ["woocommerce"]),
    wf("wf-inv", "Solleciti fatture scadute", "invoice", ["xero", "gmail"]),
    wf("wf-lead", "Acquisizione lead dal sito", "lead", ["webhook"]),
    wf("wf-crm", "Sincronizzazione CRM HubSpot", "crm", ["hubspot"]),
    wf("wf-rep", "Report vendite settimanale", "report", ["sheets"]),
  ],
  senders: ["Laura Conti", "Marco Rossi", "Giulia Bianchi"],
};

const SHOPIFY = "Elaborazione ordini Shopify";
const WOO = "Ordini WooCommerce";

function reading(question: string, previous: DraftPlan | null = null): PlanReading | null {
  return readPlan({ question, signals: readSignals(question), previous, catalog });
}
function planOf(question: string, previous: DraftPlan | null = null): DraftPlan {
  const r = reading(question, previous);
  expect(r, question).not.toBeNull();
  return r!.plan;
}

/** A plan with names as plain texts (how explicit a mention was is not the point here). */
const names = (p: DraftPlan) => ({
  ...p,
  filters: {
    ...p.filters,
    workflows: p.filters.workflows.map((m) => m.text),
    senders: p.filters.senders.map((m) => m.text),
  },
});
type Expected = Omit<DraftPlanInput, "filters"> & {
  filters?: Omit<NonNullable<DraftPlanInput["filters"]>, "workflows" | "senders"> & {
    workflows?: string[];
    senders?: string[];
  };
};
/** The full draft the question must become (every field not given is its default). */
function expectPlan(actual: DraftPlan, expected: Expected) {
  const { filters, ...rest } = expected;
  const full = draftPlan({
    ...rest,
    filters: {
      ...filters,
      workflows: (filters?.workflows ?? []).map((text) => ({ text, explicit: false })),
      senders: (filters?.senders ?? []).map((text) => ({ text, explicit: false })),
    },
  });
  expect(names(actual)).toEqual(names(full));
}

/** A conversation: each question edits the plan of the one before. */
function converse(...questions: string[]): PlanReading[] {
  const out: PlanReading[] = [];
  let previous: DraftPlan | null = null;
  for (const q of questions) {
    const r = reading(q, previous);
    expect(r, q).not.toBeNull();
    out.push(r!);
    previous = r!.plan;
  }
  return out;
}

const days = (spec: PeriodSpec | null, now: Date = NOW): [string, string] => {
  expect(spec).not.toBeNull();
  const p = resolvePeriod(spec!, now, TZ) as DayPeriod;
  return [p.from, p.to];
};

const date = (month: number, day: number) => ({ kind: "date" as const, month, day });
const monday = { kind: "weekday" as const, weekday: 1, beforeToday: false };

describe("readPlan: periods in questions", () => {
  it.each<[string, Expected, [string, string]]>([
    [
      "quanti ordini il 3 novembre?",
      { measure: "orders_received", period: { kind: "day", day: date(11, 3) } },
      ["2026-11-03", "2026-11-03"],
    ],
    [
      "how many orders on November 3rd?",
      { measure: "orders_received", period: { kind: "day", day: date(11, 3) } },
      ["2026-11-03", "2026-11-03"],
    ],
    [
      "quanti ordini il 3/11?",
      { measure: "orders_received", period: { kind: "day", day: date(11, 3) } },
      ["2026-11-03", "2026-11-03"],
    ],
    [
      "quanti ordini a novembre?",
      { measure: "orders_received", period: { kind: "month", month: 11 } },
      ["2026-11-01", "2026-11-18"],
    ],
    [
      "how many orders last month?",
      { measure: "orders_received", period: { kind: "last_month" } },
      ["2026-10-01", "2026-10-31"],
    ],
    [
      "errori lunedì?",
      { measure: "failures", period: { kind: "day", day: monday } },
      ["2026-11-16", "2026-11-16"],
    ],
    [
      "how many failures last Tuesday?",
      {
        measure: "failures",
        period: { kind: "day", day: { kind: "weekday", weekday: 2, beforeToday: true } },
      },
      ["2026-11-17", "2026-11-17"],
    ],
    [
      "quante email lo scorso weekend?",
      { measure: "emails_received", period: { kind: "weekend", which: "last" } },
      ["2026-11-14", "2026-11-15"],
    ],
    [
      "how many emails last weekend?",
      { measure: "emails_received", period: { kind: "weekend", which: "last" } },
      ["2026-11-14", "2026-11-15"],
    ],
    [
      "quante esecuzioni l'altro ieri?",
      { measure: "runs", period: { kind: "day", day: { kind: "days_ago", n: 2 } } },
      ["2026-11-16", "2026-11-16"],
    ],
    [
      "how many runs the day before yesterday?",
      { measure: "runs", period: { kind: "day", day: { kind: "days_ago", n: 2 } } },
      ["2026-11-16", "2026-11-16"],
    ],
    [
      "quante esecuzioni da lunedì?",
      { measure: "runs", period: { kind: "since", from: monday } },
      ["2026-11-16", "2026-11-18"],
    ],
    [
      "how many runs since Monday?",
      { measure: "runs", period: { kind: "since", from: monday } },
      ["2026-11-16", "2026-11-18"],
    ],
    [
      "ordini nelle ultime due settimane",
      { measure: "orders_received", period: { kind: "last_n_days", n: 14 } },
      ["2026-11-05", "2026-11-18"],
    ],
    [
      "orders in the past two weeks",
      { measure: "orders_received", period: { kind: "last_n_days", n: 14 } },
      ["2026-11-05", "2026-11-18"],
    ],
    [
      "quanti ordini dal 3 al 10 novembre?",
      { measure: "orders_received", period: { kind: "range", from: date(11, 3), to: date(11, 10) } },
      ["2026-11-03", "2026-11-10"],
    ],
    [
      "how many orders from 3 to 10 November?",
      { measure: "orders_received", period: { kind: "range", from: date(11, 3), to: date(11, 10) } },
      ["2026-11-03", "2026-11-10"],
    ],
  ])("%s", (q, expected, resolved) => {
    const p = planOf(q);
    expectPlan(p, expected);
    expect(days(p.period)).toEqual(resolved);
  });

  it.each<[string, Expected]>([
    [
      "how many failures in the last 48 hours?",
      { measure: "failures", period: { kind: "rolling_hours", hours: 48 } },
    ],
    ["quanti errori nell'ultima ora?", { measure: "failures", period: { kind: "rolling_hours", hours: 1 } }],
    [
      "how many emails came in in the last two hours?",
      { measure: "emails_received", period: { kind: "rolling_hours", hours: 2 } },
    ],
    [
      "how many orders did WooCommerce get in the last 48 hours?",
      {
        measure: "orders_received",
        filters: { workflows: [WOO] },
        period: { kind: "rolling_hours", hours: 48 },
      },
    ],
  ])("a rolling span: %s", (q, expected) => {
    const p = planOf(q);
    expectPlan(p, expected);
    const resolved = resolvePeriod(p.period!, NOW, TZ);
    expect(resolved.kind).toBe("rolling");
  });

  it.each<[string, Expected]>([
    [
      "emails this morning",
      { measure: "emails_received", filters: { hours: { from: 6, to: 12 } }, period: { kind: "today" } },
    ],
    [
      "email stamattina",
      { measure: "emails_received", filters: { hours: { from: 6, to: 12 } }, period: { kind: "today" } },
    ],
    [
      "how many orders after 6pm yesterday?",
      { measure: "orders_received", filters: { hours: { from: 18, to: 24 } }, period: { kind: "yesterday" } },
    ],
    [
      "quanti ordini ieri dopo le 18?",
      { measure: "orders_received", filters: { hours: { from: 18, to: 24 } }, period: { kind: "yesterday" } },
    ],
    [
      "quante email sono arrivate dopo le 18 ieri?",
      { measure: "emails_received", filters: { hours: { from: 18, to: 24 } }, period: { kind: "yesterday" } },
    ],
    [
      "errors l'altro ieri dopo le 18",
      {
        measure: "failures",
        filters: { hours: { from: 18, to: 24 } },
        period: { kind: "day", day: { kind: "days_ago", n: 2 } },
      },
    ],
    [
      "quante email ha mandato Laura Conti stamattina?",
      {
        measure: "emails_received",
        filters: { senders: ["Laura Conti"], hours: { from: 6, to: 12 } },
        period: { kind: "today" },
      },
    ],
  ])("the time of day is a filter on the period: %s", (q, expected) => {
    expectPlan(planOf(q), expected);
  });

  it.each<[string, Expected]>([
    [
      "ciao! scusa il disturbo, potresti dirmi quante email sono arrivate stamattina? grazie",
      { measure: "emails_received", filters: { hours: { from: 6, to: 12 } }, period: { kind: "today" } },
    ],
    [
      "hey, sorry to bother you, could you please tell me how many orders we got since Monday? thanks a lot",
      { measure: "orders_received", period: { kind: "since", from: monday } },
    ],
    [
      "show me the top 5 workflows by failures in the last 7 days please",
      {
        measure: "failures",
        period: { kind: "last_n_days", n: 7 },
        breakdown: { by: "workflow", order: "desc", limit: 5 },
      },
    ],
    [
      "Buongiorno! Per cortesia, mi sapresti dire quanti ordini sono arrivati dal 3 al 10 novembre? Grazie mille :)",
      { measure: "orders_received", period: { kind: "range", from: date(11, 3), to: date(11, 10) } },
    ],
  ])("reads through padding and politeness: %s", (q, expected) => {
    expectPlan(planOf(q), expected);
  });

  it("leaves the period to the measure's default when none is named", () => {
    // Counts and rankings default to today, rates and order statistics to 30 days, latest to all time:
    // the draft leaves that to the resolver (period null).
    for (const q of ["top 5 workflows by failures", "what's the success rate?", "when was the last order?"])
      expect(planOf(q).period, q).toBeNull();
  });

  it("reads a period alone as an overview of it", () => {
    expectPlan(planOf("com'è andata ieri?"), { measure: "overview", period: { kind: "yesterday" } });
    expectPlan(planOf("e ieri?"), { measure: "overview", period: { kind: "yesterday" } });
  });

  it("does not depend on the clock", () => {
    const q = "quanti ordini Shopify dal 3 al 10 novembre dopo le 18 rispetto a ottobre?";
    const before = reading(q);
    vi.setSystemTime(new Date("2030-05-05T05:05:05Z"));
    expect(reading(q)).toEqual(before);
  });
});

describe("readPlan: measures, filters and breakdowns", () => {
  it.each<[string, Expected]>([
    [
      "top 5 workflows by failures",
      { measure: "failures", breakdown: { by: "workflow", order: "desc", limit: 5 } },
    ],
    [
      "i 5 workflow con più errori",
      { measure: "failures", breakdown: { by: "workflow", order: "desc", limit: 5 } },
    ],
    [
      "top 5 workflow per errori la settimana scorsa",
      {
        measure: "failures",
        period: { kind: "last_week" },
        breakdown: { by: "workflow", order: "desc", limit: 5 },
      },
    ],
    [
      "which workflow failed most?",
      { measure: "failures", breakdown: { by: "workflow", order: "desc", limit: 1 } },
    ],
    [
      "qual è il workflow che ha fallito di più ieri?",
      {
        measure: "failures",
        period: { kind: "yesterday" },
        breakdown: { by: "workflow", order: "desc", limit: 1 },
      },
    ],
    [
      "the three busiest workflows",
      { measure: "runs", breakdown: { by: "workflow", order: "desc", limit: 3 } },
    ],
    ["the least used workflow", { measure: "runs", breakdown: { by: "workflow", order: "asc", limit: 1 } }],
    [
      "who wrote the most emails?",
      { measure: "emails_received", breakdown: { by: "sender", order: "desc", limit: 1 } },
    ],
    [
      "chi ha scritto più email questa settimana?",
      {
        measure: "emails_received",
        period: { kind: "this_week" },
        breakdown: { by: "sender", order: "desc", limit: 1 },
      },
    ],
    [
      "orders per day this week",
      {
        measure: "orders_received",
        period: { kind: "this_week" },
        breakdown: { by: "day", order: "key", limit: null },
      },
    ],
    [
      "ordini per giorno questa settimana",
      {
        measure: "orders_received",
        period: { kind: "this_week" },
        breakdown: { by: "day", order: "key", limit: null },
      },
    ],
    [
      "why did things fail this week?",
      {
        measure: "failures",
        period: { kind: "this_week" },
        breakdown: { by: "error_cause", order: "desc", limit: 3 },
      },
    ],
  ])("ranking: %s", (q, expected) => {
    expectPlan(planOf(q), expected);
  });

  it.each<[string, PeriodSpec]>([
    ["which workflows did not run this week?", { kind: "this_week" }],
    ["which workflows did not run at all yesterday?", { kind: "yesterday" }],
    ["quali workflow non sono partiti questa settimana?", { kind: "this_week" }],
    ["quali workflow non hanno girato ieri?", { kind: "yesterday" }],
  ])("workflows with no run: %s", (q, period) => {
    expectPlan(planOf(q), {
      measure: "runs",
      period,
      breakdown: { by: "workflow", order: "desc", limit: null, zeroOnly: true },
    });
  });

  it.each<[string, Expected]>([
    ["when was the last order?", { measure: "latest_order" }],
    ["when did the last order come in?", { measure: "latest_order" }],
    ["quando è arrivato l'ultimo ordine?", { measure: "latest_order" }],
    ["when was the last failure?", { measure: "latest_failure" }],
    ["quando è stato l'ultimo errore?", { measure: "latest_failure" }],
    ["a che ora è arrivata l'ultima email?", { measure: "latest_email" }],
    ["when did the last lead come in?", { measure: "latest_lead" }],
    [
      "when was the last email from Laura Conti?",
      { measure: "latest_email", filters: { senders: ["Laura Conti"] } },
    ],
  ])("latest event: %s", (q, expected) => {
    expectPlan(planOf(q), expected);
  });

  it.each<[string, Expected]>([
    [
      "what was the average order value last month?",
      { measure: "order_value_avg", period: { kind: "last_month" } },
    ],
    [
      "qual è lo scontrino medio del mese scorso?",
      { measure: "order_value_avg", period: { kind: "last_month" } },
    ],
    ["qual è il valore medio degli ordini?", { measure: "order_value_avg" }],
    [
      "average order value since Monday",
      { measure: "order_value_avg", period: { kind: "since", from: monday } },
    ],
    ["what was the biggest order this week?", { measure: "order_value_max", period: { kind: "this_week" } }],
    [
      "what was the largest order in November?",
      { measure: "order_value_max", period: { kind: "month", month: 11 } },
    ],
    [
      "l'ordine più grande della settimana scorsa",
      { measure: "order_value_max", period: { kind: "last_week" } },
    ],
    [
      "qual è stato l'ordine più alto a novembre?",
      { measure: "order_value_max", period: { kind: "month", month: 11 } },
    ],
    ["what was the smallest order last week?", { measure: "order_value_min", period: { kind: "last_week" } }],
    [
      "what was the total order value last month?",
      { measure: "order_value_sum", period: { kind: "last_month" } },
    ],
  ])("order value: %s", (q, expected) => {
    expectPlan(planOf(q), expected);
  });

  it.each<[string, Expected]>([
    [
      "what percentage of orders came from Shopify?",
      { measure: "orders_received", filters: { workflows: [SHOPIFY] }, share: true },
    ],
    [
      "che percentuale degli ordini è arrivata da Shopify?",
      { measure: "orders_received", filters: { workflows: [SHOPIFY] }, share: true },
    ],
    [
      "what percentage of orders came from WooCommerce last month?",
      {
        measure: "orders_received",
        filters: { workflows: [WOO] },
        period: { kind: "last_month" },
        share: true,
      },
    ],
    [
      "quante delle esecuzioni erano delle automazioni email, in percentuale?",
      { measure: "runs", filters: { category: "email" }, share: true },
    ],
    // A percentage of runs that failed is the failure rate, not a share; of emails replied, the reply rate.
    ["what percentage of runs failed?", { measure: "failure_rate" }],
    [
      "che percentuale di esecuzioni è fallita questa settimana?",
      { measure: "failure_rate", period: { kind: "this_week" } },
    ],
    ["what share of the emails got a reply?", { measure: "reply_rate" }],
  ])("percentages: %s", (q, expected) => {
    expectPlan(planOf(q), expected);
  });

  it.each<[string, Expected]>([
    ["what's the success rate?", { measure: "success_rate" }],
    [
      "qual è il tasso di errore questa settimana?",
      { measure: "failure_rate", period: { kind: "this_week" } },
    ],
    ["average duration of failed runs", { measure: "avg_duration", filters: { status: "failed" } }],
    [
      "quanto ci mette in media lo smistamento email?",
      { measure: "avg_duration", filters: { workflows: ["Smistamento email clienti"] } },
    ],
    ["what was the longest run yesterday?", { measure: "max_duration", period: { kind: "yesterday" } }],
    ["how many active workflows?", { measure: "active_workflows" }],
    ["quanti workflow abbiamo in totale?", { measure: "workflows_total" }],
    ["what happened today?", { measure: "activity", period: { kind: "today" } }],
    ["come sta andando?", { measure: "overview" }],
    ["how many leads this month?", { measure: "leads", period: { kind: "this_month" } }],
    [
      "how many emails did Laura Conti send?",
      { measure: "emails_received", filters: { senders: ["Laura Conti"] } },
    ],
    [
      "qual è il tasso di successo di Shopify da lunedì?",
      { measure: "success_rate", filters: { workflows: [SHOPIFY] }, period: { kind: "since", from: monday } },
    ],
    [
      "how many runs on fridays last month?",
      { measure: "runs", filters: { weekdays: [5] }, period: { kind: "last_month" } },
    ],
    [
      "runs on mondays in october",
      { measure: "runs", filters: { weekdays: [1] }, period: { kind: "month", month: 10 } },
    ],
    ["quanti ordini nei weekend?", { measure: "orders_received", filters: { weekdays: [6, 7] } }],
  ])("other measures and filters: %s", (q, expected) => {
    expectPlan(planOf(q), expected);
  });

  it("reads no plan from a question that asks for no data", () => {
    expect(reading("grazie mille")).toBeNull();
    expect(reading("chi sei?")).toBeNull();
  });
});

describe("readPlan: comparisons and forecasts", () => {
  it.each([
    "quanti ordini questa settimana rispetto alla settimana scorsa?",
    "orders this week compared with last week",
    "how many orders this week compared with before?",
  ])("%s compares this week with the same days a week earlier", (q) => {
    const p = planOf(q);
    expectPlan(p, {
      measure: "orders_received",
      period: { kind: "this_week" },
      compare: { kind: "previous" },
    });
    const current = resolvePeriod(p.period!, NOW, TZ);
    const reference = resolveComparison(p.compare!, current, NOW, TZ);
    expect(current).toMatchObject({ from: "2026-11-16", to: "2026-11-18" });
    expect(reference.period).toMatchObject({ kind: "days", from: "2026-11-09", to: "2026-11-11" });
  });

  it.each([
    "novembre rispetto a ottobre: quanti ordini?",
    "how many orders in November compared with October?",
  ])("two named months: %s", (q) => {
    const p = planOf(q);
    expectPlan(p, {
      measure: "orders_received",
      period: { kind: "month", month: 11 },
      compare: { kind: "period", period: { kind: "month", month: 10 } },
    });
    const reference = resolveComparison(p.compare!, resolvePeriod(p.period!, NOW, TZ), NOW, TZ);
    expect(reference.period).toMatchObject({ from: "2026-10-01", to: "2026-10-31" });
  });

  it("yesterday vs the day before, and the same period last year", () => {
    expectPlan(planOf("orders yesterday vs the day before"), {
      measure: "orders_received",
      period: { kind: "yesterday" },
      compare: { kind: "previous" },
    });
    expectPlan(planOf("orders this month vs the same period last year"), {
      measure: "orders_received",
      period: { kind: "this_month" },
      compare: { kind: "same_last_year" },
    });
  });

  it("the future is a forecast over a horizon", () => {
    expectPlan(planOf("quanti ordini domani?"), {
      kind: "forecast",
      measure: "orders_received",
      horizonDays: 1,
    });
    expectPlan(planOf("what should we expect next week?"), {
      kind: "forecast",
      measure: "runs",
      horizonDays: 7,
    });
  });
});

describe("readPlan: names the data does not have are never dropped", () => {
  it.each([
    ["how many orders from Germany?", "Germany"],
    ["quanti ordini ha fatto Mario Bianchi?", "Mario Bianchi"],
    ["runs of the Stripe workflow yesterday", "Stripe"],
  ])("%s asks about %s instead of answering for everything", (q, name) => {
    const plan = planOf(q);
    expect(plan.filters.workflows).toEqual([{ text: name, explicit: true }]);
  });

  it("reads a capitalized unknown name in a question about emails as a sender", () => {
    expect(planOf("how many emails did Roberto Gallo send?").filters.senders).toEqual([
      { text: "Roberto Gallo", explicit: true },
    ]);
  });

  it("does not take a word of the language for a name", () => {
    expect(planOf("how many different workflows ran today?").filters.workflows).toEqual([]);
  });

  it("does not make a data question of a name in a question that is not about the data", () => {
    expect(reading("che tempo fa domani a Milano?")).toBeNull();
  });
});

describe("readPlan: two entities compared", () => {
  it.each([
    ["how many orders did Shopify get compared to WooCommerce this week?", "workflow"],
    ["ordini Shopify rispetto a WooCommerce ieri", "workflow"],
    ["emails from Laura Conti vs Marco Rossi this month", "sender"],
  ])("%s puts them side by side, not two periods", (q, by) => {
    const plan = planOf(q);
    expect(plan.compare).toBeNull();
    expect(plan.breakdown).toMatchObject({ by, order: "desc", limit: null });
  });

  it("one entity compared with a period is still a comparison of periods", () => {
    expect(planOf("how many orders did Shopify get this week compared to last week?").compare).not.toBeNull();
  });

  it("a holiday said as a time is the day, not a workflow's word", () => {
    const holidayCatalog: EntityCatalog = {
      ...catalog,
      workflows: [...catalog.workflows, wf("wf-xmas", "Promo Natale 2025", "email", [])],
    };
    const plan = readPlan({
      question: "quante email a natale?",
      signals: readSignals("quante email a natale?"),
      previous: null,
      catalog: holidayCatalog,
    })!.plan;
    expect(plan.filters.workflows).toEqual([]);
    expect(plan.period).toEqual({ kind: "day", day: { kind: "date", month: 12, day: 25 } });
  });
});

describe("readPlan: breakdowns said in other words", () => {
  it.each([
    ["how many workflows failed today?", "failures", "workflow"],
    ["quanti processi hanno avuto errori questa settimana?", "failures", "workflow"],
    ["how many orders per weekday last month?", "orders_received", "weekday"],
  ])("%s is %s by %s", (q, measure, by) => {
    expect(planOf(q)).toMatchObject({ measure, breakdown: { by, limit: null } });
  });

  it("'how many workflow runs' stays a count of runs", () => {
    expect(planOf("how many workflow runs today?")).toMatchObject({ measure: "runs", breakdown: null });
  });

  it.each([
    ["how many emails this week?", "from whom?"],
    ["quante email ieri?", "da chi?"],
  ])("%s → %s breaks the emails down by sender", (first, second) => {
    const [, next] = converse(first, second);
    expect(next!.plan).toMatchObject({ measure: "emails_received", breakdown: { by: "sender" } });
    expect(next!.followUp).toBe(true);
  });
});

describe("readPlan: 'the last time' is the latest event", () => {
  it.each([
    ["l'ultima volta che è partito il backup?", "latest_run"],
    ["l'ultima volta che è fallito il CRM?", "latest_failure"],
    ["l'ultima volta che è arrivato un ordine?", "latest_order"],
    ["the last time we got an email from Laura Conti", "latest_email"],
  ])("%s is %s", (q, measure) => {
    expect(planOf(q).measure).toBe(measure);
  });
});

describe("readPlan: a percentage of failed orders", () => {
  it("is the orders received with their outcomes, not the runs' failure rate", () => {
    expect(planOf("percentuale di ordini falliti ieri").measure).toBe("orders_received");
    expect(planOf("what percentage of runs failed this week?").measure).toBe("failure_rate");
  });
});

describe("readPlan: emails without a reply", () => {
  it.each(["how many emails did not get a reply today?", "quante email senza risposta questa settimana?"])(
    "%s asks for the emails received, answered with the replies beside them",
    (q) => {
      expect(planOf(q).measure).toBe("emails_received");
    },
  );
});

describe("readPlan: bottom N", () => {
  it("the bottom N workflows by a measure is an ascending ranking of N", () => {
    expect(planOf("give me the bottom 3 workflows by runs this month")).toMatchObject({
      measure: "runs",
      breakdown: { by: "workflow", order: "asc", limit: 3 },
    });
  });
});

describe("readPlan: follow-ups edit the previous plan", () => {
  it("another period, then another workflow (English)", () => {
    const [first, second, third] = converse(
      "how many orders did Shopify get today?",
      "and yesterday?",
      "and the WooCommerce one?",
    );
    expectPlan(first!.plan, {
      measure: "orders_received",
      filters: { workflows: [SHOPIFY] },
      period: { kind: "today" },
    });
    expect(first!.followUp).toBe(false);
    expectPlan(second!.plan, {
      measure: "orders_received",
      filters: { workflows: [SHOPIFY] },
      period: { kind: "yesterday" },
    });
    expect(second!.followUp).toBe(true);
    expectPlan(third!.plan, {
      measure: "orders_received",
      filters: { workflows: [WOO] },
      period: { kind: "yesterday" },
    });
    expect(third!.followUp).toBe(true);
  });

  it("another period, then another measure (Italian)", () => {
    const [, second, third] = converse("quanti ordini oggi?", "e ieri?", "e il totale in euro?");
    expectPlan(second!.plan, { measure: "orders_received", period: { kind: "yesterday" } });
    expectPlan(third!.plan, { measure: "order_value_sum", period: { kind: "yesterday" } });
    expect([second!.followUp, third!.followUp]).toEqual([true, true]);
  });

  it("and the total in euros / the average, after orders", () => {
    const [, total] = converse("how many orders this month?", "and the total in euros?");
    expectPlan(total!.plan, { measure: "order_value_sum", period: { kind: "this_month" } });
    const [, average] = converse("what was the total order value last month?", "and the average?");
    expectPlan(average!.plan, { measure: "order_value_avg", period: { kind: "last_month" } });
  });

  it("another workflow in Italian keeps the measure and the period", () => {
    const [, woo] = converse(
      "quanti ordini ha ricevuto Shopify questa settimana?",
      "e quello di WooCommerce?",
    );
    expectPlan(woo!.plan, {
      measure: "orders_received",
      filters: { workflows: [WOO] },
      period: { kind: "this_week" },
    });
    const [, shop] = converse("quanti ordini ha fatto WooCommerce ieri?", "e Shopify?");
    expectPlan(shop!.plan, {
      measure: "orders_received",
      filters: { workflows: [SHOPIFY] },
      period: { kind: "yesterday" },
    });
  });

  it("keeps a share when another workflow is asked for", () => {
    const [, next] = converse(
      "what percentage of orders came from WooCommerce last month?",
      "and the Shopify one?",
    );
    expectPlan(next!.plan, {
      measure: "orders_received",
      filters: { workflows: [SHOPIFY] },
      period: { kind: "last_month" },
      share: true,
    });
  });

  it("another sender", () => {
    const [, next] = converse("quante email ha mandato Laura Conti questa settimana?", "e per Marco Rossi?");
    expectPlan(next!.plan, {
      measure: "emails_received",
      filters: { senders: ["Marco Rossi"] },
      period: { kind: "this_week" },
    });
  });

  it("another measure, then a breakdown of it", () => {
    const [, failed, most] = converse(
      "how many runs yesterday?",
      "and how many failed?",
      "which one had the most?",
    );
    expectPlan(failed!.plan, { measure: "failures", period: { kind: "yesterday" } });
    expectPlan(most!.plan, {
      measure: "failures",
      period: { kind: "yesterday" },
      breakdown: { by: "workflow", order: "desc", limit: 1 },
    });
  });

  it("a breakdown by sender when the follow-up asks who", () => {
    const [, who] = converse("quante email oggi?", "e chi ha scritto di più?");
    expectPlan(who!.plan, {
      measure: "emails_received",
      period: { kind: "today" },
      breakdown: { by: "sender", order: "desc", limit: 1 },
    });
  });

  it.each([
    [
      "how many orders did Shopify get this week?",
      "and the WooCommerce one?",
      "which one had the most?",
      "workflow",
    ],
    ["quanti ordini per Shopify ieri?", "e quello di WooCommerce?", "quale ne ha avuti di più?", "workflow"],
    ["email da Laura Conti questa settimana", "e da Marco Rossi?", "e chi ha scritto di più?", "sender"],
  ])("a ranking after one entity ranks them all: %s → %s → %s", (first, second, third, by) => {
    const [, , ranking] = converse(first, second, third);
    expect(ranking!.plan.breakdown).toMatchObject({ by, order: "desc", limit: 1 });
    expect(ranking!.plan.filters.workflows).toEqual([]);
    expect(ranking!.plan.filters.senders).toEqual([]);
  });

  it("a ranking after two named workflows ranks those two", () => {
    const [, ranking] = converse("orders of Shopify and WooCommerce this week", "which one had the most?");
    expect(ranking!.plan.breakdown).toMatchObject({ by: "workflow", limit: 1 });
    expect(ranking!.plan.filters.workflows.map((w) => w.text).sort()).toEqual([SHOPIFY, WOO].sort());
  });

  it.each([
    ["how many orders this week?", "and compared with last week?"],
    ["quanti ordini questa settimana?", "e rispetto alla settimana scorsa?"],
  ])("a comparison: %s → %s", (first, second) => {
    const [, next] = converse(first, second);
    expectPlan(next!.plan, {
      measure: "orders_received",
      period: { kind: "this_week" },
      compare: { kind: "previous" },
    });
    expect(next!.followUp).toBe(true);
  });

  it.each<[string, string, PeriodSpec]>([
    ["quante email ieri?", "e l'altro ieri?", { kind: "day", day: { kind: "days_ago", n: 2 } }],
    ["how many failures today?", "and last week?", { kind: "last_week" }],
    ["quanti ordini questa settimana?", "e la settimana scorsa?", { kind: "last_week" }],
  ])("another period: %s → %s", (first, second, period) => {
    const [one, two] = converse(first, second);
    expect(two!.plan).toEqual({ ...one!.plan, period });
  });

  it("is a question of its own without a previous plan, and is less sure of it", () => {
    const alone = reading("and yesterday?");
    expect(alone?.followUp).toBe(false);
    const [, followUp] = converse("how many orders today?", "and yesterday?");
    expect(followUp!.confidence).toBeLessThan(reading("how many orders yesterday?")!.confidence);
  });

  it("a complete question after another is not a follow-up", () => {
    const [, next] = converse(
      "how many orders did Shopify get today?",
      "how many emails did we get last week?",
    );
    expect(next!.followUp).toBe(false);
    expectPlan(next!.plan, { measure: "emails_received", period: { kind: "last_week" } });
  });
});

describe("readPlan: readings that once answered another question", () => {
  it.each<[string, Expected, [string, string]]>([
    // chrono read "November 10" as November 2010 and dropped the range's end.
    [
      "orders from November 3 to November 10",
      { measure: "orders_received", period: { kind: "range", from: date(11, 3), to: date(11, 10) } },
      ["2026-11-03", "2026-11-10"],
    ],
    [
      "orders between November 3 and November 10",
      { measure: "orders_received", period: { kind: "range", from: date(11, 3), to: date(11, 10) } },
      ["2026-11-03", "2026-11-10"],
    ],
    // "till today" is the clock's today, not chrono's reference date.
    [
      "runs since 3 November till today",
      { measure: "runs", period: { kind: "since", from: date(11, 3) } },
      ["2026-11-03", "2026-11-18"],
    ],
    [
      "dal 3 novembre a oggi quanti ordini?",
      { measure: "orders_received", period: { kind: "since", from: date(11, 3) } },
      ["2026-11-03", "2026-11-18"],
    ],
    [
      "emails since last Monday",
      {
        measure: "emails_received",
        period: { kind: "since", from: { kind: "weekday", weekday: 1, beforeToday: true } },
      },
      ["2026-11-16", "2026-11-18"],
    ],
  ])("%s", (q, expected, resolved) => {
    const plan = planOf(q);
    expectPlan(plan, expected);
    expect(days(plan.period)).toEqual(resolved);
  });

  it("keeps plural weekdays a filter (the typo fixer does not make 'mondays' a Monday)", () => {
    expectPlan(planOf("how many runs on Mondays?"), { measure: "runs", filters: { weekdays: [1] } });
    expectPlan(planOf("how many orders on weekends?"), {
      measure: "orders_received",
      filters: { weekdays: [6, 7] },
    });
    // …and a single weekday a day.
    expectPlan(planOf("how many emails last wednesday"), {
      measure: "emails_received",
      period: { kind: "day", day: { kind: "weekday", weekday: 3, beforeToday: true } },
    });
  });

  it("reads the latest order of a named workflow as an order, not as the workflow's last run", () => {
    for (const q of [
      "when was the last order from WooCommerce?",
      "quando è arrivato l'ultimo ordine di WooCommerce?",
    ])
      expectPlan(planOf(q), { measure: "latest_order", filters: { workflows: [WOO] } });
  });

  it("reads English contractions: 'didn't run' is 'did not run', never a workflow called 'didn t'", () => {
    const breakdown = { by: "workflow" as const, order: "desc" as const, limit: null, zeroOnly: true };
    expectPlan(planOf("which workflows didn't run this week?"), {
      measure: "runs",
      period: { kind: "this_week" },
      breakdown,
    });
    expectPlan(planOf("which workflows haven't run today?"), {
      measure: "runs",
      period: { kind: "today" },
      breakdown,
    });
  });

  it("after a question about orders, 'how many failed?' asks for the orders that failed", () => {
    const [, failed] = converse("quanti ordini oggi?", "and how many failed?");
    expect(failed!.plan.measure).toBe("orders_failed");
    const [, runs] = converse("how many runs today?", "and how many failed?");
    expect(runs!.plan.measure).toBe("failures");
  });
});

describe("a period in words the rules do not read", () => {
  it("is an honest refusal, never the figures of another period", () => {
    for (const q of [
      "what's the total value of orders since the 20th?",
      "how many leads came in this quarter?",
      "quanti ordini in questo trimestre?",
      "orders in Q3",
      "ordini dal 20",
      "runs in the first half of the month",
      "ordini di metà mese",
      "emails since the launch",
    ]) {
      const plan = planOf(q);
      expect({ q, kind: plan.kind, unsupported: plan.unsupported }).toEqual({
        q,
        kind: "unsupported",
        unsupported: "unread_period",
      });
    }
  });

  it("also as a follow-up, which would otherwise keep the previous period", () => {
    const [, next] = converse("quanti ordini oggi?", "e dal 20?");
    expect(next!.plan).toMatchObject({ kind: "unsupported", unsupported: "unread_period" });
  });

  it("leaves the periods the rules read alone", () => {
    // "since yesterday" is yesterday and today.
    for (const q of ["emails since yesterday", "quante email da ieri?"])
      expect({ q, period: planOf(q).period }).toEqual({
        q,
        period: { kind: "since", from: { kind: "days_ago", n: 1 } },
      });
    expect(planOf("ordini dall'altro ieri").period).toEqual({
      kind: "since",
      from: { kind: "days_ago", n: 2 },
    });
    expect(planOf("how many runs yesterday?").period).toEqual({ kind: "yesterday" });
    expect(planOf("how many orders since Monday?")).toMatchObject({
      kind: "query",
      period: { kind: "since" },
    });
    expect(planOf("quante email dal 1 novembre?").period).toMatchObject({ kind: "since" });
    expect(planOf("ordini dal 3 al 10 novembre").period).toMatchObject({ kind: "range" });
    expect(planOf("email dal cliente Rossi").kind).toBe("query");
    // "Meta" the ad network is no half of anything.
    expect(planOf("quanti lead da meta questa settimana?").kind).toBe("query");
    expect(planOf("leads from meta ads this week").kind).toBe("query");
  });
});

describe("a kind of work naming whose runs are meant", () => {
  it("reads 'email failures', 'invoice runs', 'errori delle fatture' as runs of those workflows", () => {
    const cases: [string, DraftPlan["measure"], string][] = [
      ["how many email failures this week?", "failures", "email"],
      ["invoice runs this week", "runs", "invoice"],
      ["average duration of invoice runs", "avg_duration", "invoice"],
      ["lead runs today", "runs", "lead"],
      ["quanti errori delle fatture ieri?", "failures", "invoice"],
    ];
    for (const [q, measure, category] of cases)
      expect({ q, ...planOf(q) }).toMatchObject({ q, measure, filters: { category } });
  });

  it("leaves the kinds' own measures alone", () => {
    expect(planOf("how many emails today?")).toMatchObject({ measure: "emails_received" });
    expect(planOf("quanti ordini falliti oggi?")).toMatchObject({ measure: "orders_failed" });
    expect(planOf("how many leads this week?")).toMatchObject({ measure: "leads" });
  });
});

describe("a common word naming a workflow", () => {
  it("'the newsletter workflow' names a workflow to look for, not emails", () => {
    const plan = planOf("did the newsletter workflow run last Friday?");
    expect(plan.measure).toBe("runs");
    expect(plan.filters.workflows).toEqual([{ text: "newsletter", explicit: true }]);
  });

  it("but words saying which workflow by how it does are no names", () => {
    for (const q of ["how many runs did the busiest workflow have?", "which workflow failed the most?"])
      expect({ q, workflows: planOf(q).filters.workflows }).toEqual({ q, workflows: [] });
    expect(planOf("how often did the Shopify workflow fail?").filters.workflows).toEqual([
      { text: SHOPIFY, explicit: true },
    ]);
  });
});

describe("what runs or fails is a workflow", () => {
  it("'did the supplier price list fail?' names a workflow to look for", () => {
    expect(planOf("how often did the supplier price list fail?")).toMatchObject({
      measure: "failures",
      filters: { workflows: [{ text: "supplier price list", explicit: true }] },
    });
  });

  it("a kind of work that failed is its workflows' failures; the system is no workflow", () => {
    expect(planOf("did the orders fail today?")).toMatchObject({
      measure: "failures",
      filters: { category: "order" },
    });
    expect(planOf("did the system crash?").filters.workflows).toEqual([]);
  });
});

describe("the value of the orders", () => {
  it("'order value' is what the orders were worth, never how many there were", () => {
    for (const q of ["what's the order value this week?", "valore ordini questa settimana"])
      expect({ q, measure: planOf(q).measure }).toEqual({ q, measure: "order_value_sum" });
    expect(planOf("what's the average order value?").measure).toBe("order_value_avg");
  });
});

describe("a cause of failure named", () => {
  it("lists every cause with its count instead of all failures as one figure", () => {
    for (const q of [
      "how many runs failed because of credentials?",
      "quante esecuzioni sono fallite a causa delle credenziali?",
    ])
      expect({ q, ...planOf(q) }).toMatchObject({
        q,
        measure: "failures",
        breakdown: { by: "error_cause", limit: null },
      });
  });
});

describe("questions the data cannot answer, said in other words", () => {
  it("lost orders and conversion rates get an honest answer of their own, not a count nor a currency", () => {
    for (const q of [
      "how many orders did we lose?",
      "quanti ordini abbiamo perso?",
      "how many orders were lost this week?",
    ])
      expect({ q, ...planOf(q) }).toMatchObject({ q, kind: "unsupported", unsupported: "refunds" });
    for (const q of ["what's our conversion rate?", "qual è il tasso di conversione dei lead?"])
      expect({ q, ...planOf(q) }).toMatchObject({ q, kind: "unsupported", unsupported: "other" });
    expect(planOf("convert the total to dollars").unsupported).toBe("currency_conversion");
  });
});
