import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  DIMENSIONS,
  MEASURES,
  UNSUPPORTED_TOPICS,
  draftPlan,
  type DaySpec,
  type DraftPlan,
  type PeriodSpec,
} from "../graph/plan.ts";
import { MalformedOutputError } from "../llm/errors.ts";
import { planSystemPrompt, planUserPrompt } from "../prompts/plan.ts";
import { loadPlanSplit } from "../evals/planDataset.ts";
import {
  classificationOf,
  draftFromWire,
  LlmPlanReplySchema,
  NO_WIRE_PLAN,
  replyOf,
  wireOf,
  type WirePlan,
} from "./llmPlan.ts";
import { classifyByRules } from "./rules.ts";

const day: fc.Arbitrary<DaySpec> = fc.oneof(
  fc.record({
    kind: fc.constant("date" as const),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  }),
  fc.record({
    kind: fc.constant("date" as const),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    year: fc.integer({ min: 2000, max: 2100 }),
  }),
  fc.record({
    kind: fc.constant("weekday" as const),
    weekday: fc.integer({ min: 1, max: 7 }),
    beforeToday: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("days_ago" as const), n: fc.integer({ min: 0, max: 3660 }) }),
);

const period: fc.Arbitrary<PeriodSpec> = fc.oneof(
  fc.constantFrom(
    ...(
      [
        "today",
        "yesterday",
        "this_week",
        "last_week",
        "this_month",
        "last_month",
        "this_year",
        "all_time",
      ] as const
    ).map((kind) => ({ kind })),
  ),
  fc.record({ kind: fc.constant("last_n_days" as const), n: fc.integer({ min: 1, max: 3660 }) }),
  fc.record({ kind: fc.constant("rolling_hours" as const), hours: fc.integer({ min: 1, max: 744 }) }),
  fc.record({ kind: fc.constant("day" as const), day }),
  fc.record({ kind: fc.constant("since" as const), from: day }),
  fc.record({ kind: fc.constant("range" as const), from: day, to: day }),
  fc.record({
    kind: fc.constant("weekend" as const),
    which: fc.constantFrom("last" as const, "this" as const),
  }),
  fc.record({ kind: fc.constant("month" as const), month: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant("month" as const),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 2000, max: 2100 }),
  }),
);

const name = fc.string({ minLength: 1, maxLength: 30 });

const draft: fc.Arbitrary<DraftPlan> = fc
  .record({
    kind: fc.constantFrom("query" as const, "forecast" as const, "unsupported" as const),
    measure: fc.constantFrom(...MEASURES),
    workflows: fc.array(name, { maxLength: 3 }),
    category: fc.option(fc.constantFrom(...CATEGORIES), { nil: null }),
    status: fc.option(fc.constantFrom("success" as const, "failed" as const), { nil: null }),
    senders: fc.array(name, { maxLength: 3 }),
    weekdays: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), {
      nil: null,
    }),
    hours: fc.option(
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 24 }))
        .filter(([a, b]) => a < b)
        .map(([from, to]) => ({ from, to })),
      { nil: null },
    ),
    period: fc.option(period, { nil: null }),
    breakdown: fc.option(
      fc.record({
        by: fc.constantFrom(...DIMENSIONS),
        order: fc.constantFrom("desc" as const, "asc" as const, "key" as const),
        limit: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
        zeroOnly: fc.boolean(),
      }),
      { nil: null },
    ),
    compare: fc.option(
      fc.oneof(
        fc.constantFrom(
          ...(["previous", "same_last_week", "same_last_month", "same_last_year"] as const).map((kind) => ({
            kind,
          })),
        ),
        fc.record({ kind: fc.constant("period" as const), period }),
      ),
      { nil: null },
    ),
    share: fc.boolean(),
    trend: fc.boolean(),
    horizonDays: fc.integer({ min: 1, max: 31 }),
    unsupported: fc.constantFrom(...UNSUPPORTED_TOPICS),
  })
  .map((r) =>
    draftPlan({
      kind: r.kind,
      measure: r.measure,
      filters: {
        workflows: r.workflows.map((text) => ({ text, explicit: true })),
        category: r.category,
        status: r.status,
        senders: r.senders.map((text) => ({ text, explicit: true })),
        weekdays: r.weekdays ? [...r.weekdays].sort((a, b) => a - b) : null,
        hours: r.hours,
      },
      period: r.period,
      breakdown: r.breakdown,
      compare: r.compare,
      share: r.share,
      trend: r.trend,
      horizonDays: r.kind === "forecast" ? r.horizonDays : null,
      unsupported: r.kind === "unsupported" ? r.unsupported : null,
    }),
  );

describe("the plan's wire form (what the LLM writes)", () => {
  it("carries every draft plan exactly: draftFromWire(wireOf(plan)) is the plan", () => {
    fc.assert(
      fc.property(draft, (plan) => {
        const wire = wireOf(plan);
        // What is written is what the LLM is asked for: valid against the reply schema.
        expect(
          LlmPlanReplySchema.safeParse({ intent: "BUSINESS_DATA", language: "it", confidence: 1, plan: wire })
            .success,
        ).toBe(true);
        expect(draftFromWire(wire)).toEqual(plan);
      }),
      { numRuns: 500 },
    );
  });

  it("carries the rules' own plans of the dev questions", () => {
    const questions = loadPlanSplit("dev").map((c) => c.question);
    let plans = 0;
    for (const question of questions) {
      const c = classifyByRules(question, null);
      if (!c.plan) continue;
      plans += 1;
      expect(draftFromWire(wireOf(c.plan)), question).toEqual(c.plan);
    }
    expect(plans).toBeGreaterThan(100);
  });

  it("reads the day strings of the prompt", () => {
    const dayOf = (from: string) =>
      draftFromWire({ ...NO_WIRE_PLAN, period: { ...NO_WIRE_PLAN.period, kind: "day", from } }).period;
    expect(dayOf("today")).toEqual({ kind: "day", day: { kind: "days_ago", n: 0 } });
    expect(dayOf("today-2")).toEqual({ kind: "day", day: { kind: "days_ago", n: 2 } });
    expect(dayOf("mon")).toEqual({ kind: "day", day: { kind: "weekday", weekday: 1, beforeToday: false } });
    expect(dayOf("last sun")).toEqual({
      kind: "day",
      day: { kind: "weekday", weekday: 7, beforeToday: true },
    });
    expect(dayOf("--11-03")).toEqual({ kind: "day", day: { kind: "date", month: 11, day: 3 } });
    expect(dayOf("2025-02-28")).toEqual({
      kind: "day",
      day: { kind: "date", month: 2, day: 28, year: 2025 },
    });
  });

  it("refuses what is no plan as a malformed reply", () => {
    const bad: WirePlan[] = [
      // A day period without its day.
      { ...NO_WIRE_PLAN, period: { ...NO_WIRE_PLAN.period, kind: "day" } },
      // The last N days with N = 0.
      { ...NO_WIRE_PLAN, period: { ...NO_WIRE_PLAN.period, kind: "last_n_days", n: 0 } },
      // A month 0.
      { ...NO_WIRE_PLAN, period: { ...NO_WIRE_PLAN.period, kind: "month" } },
      // Hours ending before they start.
      { ...NO_WIRE_PLAN, hourFrom: 18, hourTo: 6 },
      // A comparison with a period that names none.
      { ...NO_WIRE_PLAN, compare: { kind: "period", period: NO_WIRE_PLAN.period } },
    ];
    for (const wire of bad) expect(() => draftFromWire(wire)).toThrow(MalformedOutputError);
    const reply = { intent: "BUSINESS_DATA", language: "en", confidence: 0.9, plan: NO_WIRE_PLAN };
    // Strings outside the day grammar never reach the plan: the reply schema rejects them.
    expect(
      LlmPlanReplySchema.safeParse({
        ...reply,
        plan: { ...NO_WIRE_PLAN, period: { ...NO_WIRE_PLAN.period, kind: "day", from: "DROP TABLE" } },
      }).success,
    ).toBe(false);
    expect(
      LlmPlanReplySchema.safeParse({ ...reply, plan: { ...NO_WIRE_PLAN, measure: "revenue" } }).success,
    ).toBe(false);
  });

  it("turns a reply into the same labels the rules derive from a plan", () => {
    const rules = classifyByRules("quanti ordini sono falliti la settimana scorsa?", null);
    const viaLlm = classificationOf(replyOf(rules), false);
    expect(viaLlm).toMatchObject({
      intent: rules.intent,
      queryType: rules.queryType,
      window: rules.window,
      analysis: rules.analysis,
      plan: rules.plan,
      reason: "llm",
    });
    const greeting = classificationOf(
      { intent: "GREETING", language: "it", confidence: 0.95, plan: NO_WIRE_PLAN },
      false,
    );
    expect(greeting).toMatchObject({ intent: "GREETING", plan: null, queryType: null, window: null });
    // The data intent follows from the plan, not from the LLM's word for it.
    const compare = classifyByRules("how did orders go compared with the previous week?", null);
    expect(compare.intent).toBe("ANALYSIS");
    expect(classificationOf({ ...replyOf(compare), intent: "BUSINESS_DATA" }, false).intent).toBe("ANALYSIS");
  });
});

describe("the planning prompt", () => {
  it("holds no data and no date, only the words and the previous plan", () => {
    const system = planSystemPrompt();
    expect(system).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    for (const measure of MEASURES) expect(system).toContain(measure);
    const first = classifyByRules("how many emails from Laura Conti this week?", null);
    const user = planUserPrompt("and last week?", {
      question: "how many emails from Laura Conti this week?",
      classification: first,
    });
    expect(user).toContain('Previous question: "how many emails from Laura Conti this week?"');
    const previous = /Previous plan: (.*)\n/.exec(user)?.[1];
    expect(draftFromWire(JSON.parse(previous!) as WirePlan)).toEqual(first.plan);
    expect(user.endsWith('Question: "and last week?"')).toBe(true);
    expect(planUserPrompt("ciao", null)).toBe('Question: "ciao"');
  });
});
