import { z } from "zod";
import { INTENTS, isDataIntent, LANGUAGES, type Classification } from "../graph/labels.ts";
import {
  CATEGORIES,
  DIMENSIONS,
  DraftPlanSchema,
  MEASURES,
  RUN_STATUSES,
  UNSUPPORTED_TOPICS,
  type CompareSpec,
  type DaySpec,
  type DraftPlan,
  type PeriodSpec,
} from "../graph/plan.ts";
import { MalformedOutputError } from "../llm/errors.ts";
import { fromPlan } from "./rules.ts";

/**
 * The query plan as an LLM writes it: the draft plan of graph/plan.ts in a form every provider's
 * structured output supports — no unions and no nulls, "none" / 0 / "" where a field is unused, and a
 * calendar day as a short string. `draftFromWire` turns it back into a DraftPlan and validates it with
 * the same schema the rules fill; `wireOf` writes a DraftPlan in this form (the previous plan in the
 * prompt, and the fake provider in tests).
 */

const NONE = "none" as const;

const WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/**
 * One calendar day: "today", "today-2" (two days ago), "mon" (the most recent Monday, today included),
 * "last mon" (the most recent Monday before today), "2025-11-03", or "--11-03" (3 November without a
 * year: the latest one not after today). "" when unused.
 */
const DAY_TEXT =
  /^(|today|today-\d{1,4}|(last )?(mon|tue|wed|thu|fri|sat|sun)|\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$/;

const WIRE_PERIOD_KINDS = [
  "today",
  "yesterday",
  "last_n_days",
  "this_week",
  "last_week",
  "this_month",
  "last_month",
  "this_year",
  "last_year",
  "all_time",
  "day",
  "month",
  "range",
  "since",
  "last_weekend",
  "this_weekend",
  "rolling_hours",
  NONE,
] as const;

const WirePeriodSchema = z.object({
  kind: z.enum(WIRE_PERIOD_KINDS),
  /** Days for last_n_days, hours for rolling_hours; else 0. */
  n: z.number().int().min(0).max(3660),
  /** The day of "day" and "since"; the first day of "range". */
  from: z.string().regex(DAY_TEXT),
  /** The last day of "range". */
  to: z.string().regex(DAY_TEXT),
  /** "month": 1–12; year 0 = the latest such month. */
  month: z.number().int().min(0).max(12),
  year: z.number().int().min(0).max(2100),
});
export type WirePeriod = z.infer<typeof WirePeriodSchema>;

export const WirePlanSchema = z.object({
  kind: z.enum(["query", "forecast", "unsupported"]),
  measure: z.enum(MEASURES),
  /** Workflow names as the question writes them. */
  workflows: z.array(z.string().min(1).max(200)).max(5),
  category: z.enum([...CATEGORIES, NONE]),
  status: z.enum([...RUN_STATUSES, NONE]),
  /** Sender names as the question writes them. */
  senders: z.array(z.string().min(1).max(200)).max(5),
  /** ISO weekdays 1–7; [] for every day. */
  weekdays: z.array(z.number().int().min(1).max(7)).max(7),
  /** Local time of day [hourFrom, hourTo); both 0 for the whole day. */
  hourFrom: z.number().int().min(0).max(23),
  hourTo: z.number().int().min(0).max(24),
  period: WirePeriodSchema,
  breakdown: z.object({
    by: z.enum([...DIMENSIONS, NONE]),
    order: z.enum(["desc", "asc", "key"]),
    /** 0: every entry. */
    limit: z.number().int().min(0).max(50),
    zeroOnly: z.boolean(),
  }),
  compare: z.object({
    kind: z.enum(["previous", "same_last_week", "same_last_month", "same_last_year", "period", NONE]),
    /** The period compared with, for kind "period". */
    period: WirePeriodSchema,
  }),
  share: z.boolean(),
  trend: z.boolean(),
  /** Forecasts: days ahead (0 otherwise). */
  horizonDays: z.number().int().min(0).max(31),
  unsupported: z.enum([...UNSUPPORTED_TOPICS, NONE]),
});
export type WirePlan = z.infer<typeof WirePlanSchema>;

/** What the LLM answers for one question: the intent, the language and, for data questions, the plan. */
export const LlmPlanReplySchema = z.object({
  /** BUSINESS_DATA, ANALYSIS and PREDICTION all mean "a data question": the exact one follows from the plan. */
  intent: z.enum(INTENTS),
  language: z.enum(LANGUAGES),
  confidence: z.number().min(0).max(1),
  plan: WirePlanSchema,
});
export type LlmPlanReply = z.infer<typeof LlmPlanReplySchema>;

function malformed(message: string): never {
  throw new MalformedOutputError(`plan: ${message}`);
}

function dayFromWire(text: string): DaySpec {
  if (text === "today") return { kind: "days_ago", n: 0 };
  const ago = /^today-(\d+)$/.exec(text);
  if (ago) return { kind: "days_ago", n: Number(ago[1]) };
  const weekday = /^(last )?(mon|tue|wed|thu|fri|sat|sun)$/.exec(text);
  if (weekday) {
    const index = WEEKDAY_NAMES.indexOf(weekday[2] as (typeof WEEKDAY_NAMES)[number]);
    return { kind: "weekday", weekday: index + 1, beforeToday: weekday[1] !== undefined };
  }
  const date = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const [, y, m, d] = date;
    return {
      kind: "date",
      month: Number(m),
      day: Number(d),
      ...(y === "-" ? {} : { year: Number(y) }),
    };
  }
  return malformed(`a day is needed, got "${text}"`);
}

function periodFromWire(p: WirePeriod): PeriodSpec | null {
  switch (p.kind) {
    case NONE:
      return null;
    case "last_n_days":
      return { kind: "last_n_days", n: p.n };
    case "rolling_hours":
      return { kind: "rolling_hours", hours: p.n };
    case "day":
      return { kind: "day", day: dayFromWire(p.from) };
    case "since":
      return { kind: "since", from: dayFromWire(p.from) };
    case "range":
      return { kind: "range", from: dayFromWire(p.from), to: dayFromWire(p.to) };
    case "month":
      return { kind: "month", month: p.month, ...(p.year > 0 ? { year: p.year } : {}) };
    case "last_weekend":
      return { kind: "weekend", which: "last" };
    case "this_weekend":
      return { kind: "weekend", which: "this" };
    default:
      return { kind: p.kind };
  }
}

function compareFromWire(c: WirePlan["compare"]): CompareSpec | null {
  if (c.kind === NONE) return null;
  if (c.kind !== "period") return { kind: c.kind };
  const period = periodFromWire(c.period);
  return period ? { kind: "period", period } : malformed("a comparison with a period needs one");
}

/** The DraftPlan a wire plan stands for, validated like the rules' plans; malformed when it is not one. */
export function draftFromWire(w: WirePlan): DraftPlan {
  const hours = w.hourFrom === 0 && w.hourTo === 0 ? null : { from: w.hourFrom, to: w.hourTo };
  const parsed = DraftPlanSchema.safeParse({
    kind: w.kind,
    measure: w.measure,
    filters: {
      workflows: w.workflows.map((text) => ({ text, explicit: true })),
      category: w.category === NONE ? null : w.category,
      status: w.status === NONE ? null : w.status,
      senders: w.senders.map((text) => ({ text, explicit: true })),
      weekdays: w.weekdays.length > 0 ? [...new Set(w.weekdays)].sort((a, b) => a - b) : null,
      hours,
    },
    period: periodFromWire(w.period),
    breakdown:
      w.breakdown.by === NONE
        ? null
        : {
            by: w.breakdown.by,
            order: w.breakdown.order,
            limit: w.breakdown.limit > 0 ? w.breakdown.limit : null,
            zeroOnly: w.breakdown.zeroOnly,
          },
    compare: compareFromWire(w.compare),
    share: w.share,
    trend: w.trend,
    horizonDays: w.kind === "forecast" && w.horizonDays > 0 ? w.horizonDays : null,
    unsupported: w.kind === "unsupported" ? (w.unsupported === NONE ? "other" : w.unsupported) : null,
  });
  if (!parsed.success) return malformed(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------------
// DraftPlan → wire

function dayToWire(d: DaySpec): string {
  switch (d.kind) {
    case "days_ago":
      return d.n === 0 ? "today" : `today-${d.n}`;
    case "weekday":
      return `${d.beforeToday ? "last " : ""}${WEEKDAY_NAMES[d.weekday - 1]}`;
    case "date": {
      const md = `${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
      return d.year === undefined ? `--${md}` : `${d.year}-${md}`;
    }
  }
}

const EMPTY_PERIOD: WirePeriod = { kind: NONE, n: 0, from: "", to: "", month: 0, year: 0 };

function periodToWire(p: PeriodSpec | null): WirePeriod {
  if (!p) return EMPTY_PERIOD;
  switch (p.kind) {
    case "last_n_days":
      return { ...EMPTY_PERIOD, kind: p.kind, n: p.n };
    case "rolling_hours":
      return { ...EMPTY_PERIOD, kind: p.kind, n: p.hours };
    case "day":
      return { ...EMPTY_PERIOD, kind: p.kind, from: dayToWire(p.day) };
    case "since":
      return { ...EMPTY_PERIOD, kind: p.kind, from: dayToWire(p.from) };
    case "range":
      return { ...EMPTY_PERIOD, kind: p.kind, from: dayToWire(p.from), to: dayToWire(p.to) };
    case "month":
      return { ...EMPTY_PERIOD, kind: p.kind, month: p.month, year: p.year ?? 0 };
    case "weekend":
      return { ...EMPTY_PERIOD, kind: p.which === "last" ? "last_weekend" : "this_weekend" };
    default:
      return { ...EMPTY_PERIOD, kind: p.kind };
  }
}

/** A DraftPlan in the form the LLM writes. */
export function wireOf(d: DraftPlan): WirePlan {
  const f = d.filters;
  return {
    kind: d.kind,
    measure: d.measure,
    workflows: f.workflows.map((m) => m.text),
    category: f.category ?? NONE,
    status: f.status ?? NONE,
    senders: f.senders.map((m) => m.text),
    weekdays: f.weekdays ?? [],
    hourFrom: f.hours?.from ?? 0,
    hourTo: f.hours?.to ?? 0,
    period: periodToWire(d.period),
    breakdown: d.breakdown
      ? {
          by: d.breakdown.by,
          order: d.breakdown.order,
          limit: d.breakdown.limit ?? 0,
          zeroOnly: d.breakdown.zeroOnly,
        }
      : { by: NONE, order: "desc", limit: 0, zeroOnly: false },
    compare: d.compare
      ? {
          kind: d.compare.kind,
          period: d.compare.kind === "period" ? periodToWire(d.compare.period) : EMPTY_PERIOD,
        }
      : { kind: NONE, period: EMPTY_PERIOD },
    share: d.share,
    trend: d.trend,
    horizonDays: d.horizonDays ?? 0,
    unsupported: d.unsupported ?? NONE,
  };
}

/** A placeholder plan for replies that are not about the data (the schema has no optional fields). */
export const NO_WIRE_PLAN: WirePlan = wireOf(DraftPlanSchema.parse({ kind: "query", measure: "overview" }));

/** A classification as the LLM would reply it (the previous turn in the prompt; the fake provider in tests). */
export function replyOf(c: Classification, confidence = c.confidence): LlmPlanReply {
  return {
    intent: c.intent,
    language: c.language,
    confidence,
    plan: c.plan ? wireOf(c.plan) : NO_WIRE_PLAN,
  };
}

/**
 * The classification of an LLM reply: the plan's own labels for a data question (as the rules derive
 * them), or the bare intent for anything else. `followUp` is the rules' reading of the question.
 */
export function classificationOf(reply: LlmPlanReply, followUp: boolean): Classification {
  const confidence = Math.round(reply.confidence * 100) / 100;
  if (isDataIntent(reply.intent))
    return fromPlan(draftFromWire(reply.plan), reply.language, confidence, followUp, "llm");
  return {
    intent: reply.intent,
    queryType: null,
    window: null,
    language: reply.language,
    confidence,
    analysis: null,
    followUp,
    reason: "llm",
    plan: null,
  };
}
