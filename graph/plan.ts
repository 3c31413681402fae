import { z } from "zod";

/**
 * The query plan: what a data question asks for, typed (docs/query-plans.md). Rules and the LLM fill
 * a *draft* plan from the words alone (entity names as the user wrote them, periods as relative
 * expressions), so a draft depends on the question and never on the data or the date. The business tool
 * resolves a draft against the live data and the clock into a *resolved* plan (workflow ids, sender
 * names, calendar days), which the semantic layer compiles to SQL.
 */

export const MEASURES = [
  "runs",
  "successes",
  "failures",
  "success_rate",
  "failure_rate",
  "avg_duration",
  "max_duration",
  "emails_received",
  "replies_drafted",
  "reply_rate",
  "distinct_senders",
  "orders_received",
  "orders_processed",
  "orders_failed",
  "order_value_sum",
  "order_value_avg",
  "order_value_min",
  "order_value_max",
  "leads",
  "latest_run",
  "latest_failure",
  "latest_email",
  "latest_order",
  "latest_lead",
  "active_workflows",
  "workflows_total",
  "activity",
  "overview",
] as const;
export type MeasureName = (typeof MEASURES)[number];

export const CATEGORIES = ["email", "order", "lead", "invoice", "crm", "report", "other"] as const;
export type Category = (typeof CATEGORIES)[number];

export const DIMENSIONS = ["workflow", "sender", "day", "weekday", "hour", "error_cause"] as const;
export type DimensionName = (typeof DIMENSIONS)[number];

export const RUN_STATUSES = ["success", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const month = z.number().int().min(1).max(12);
const dayOfMonth = z.number().int().min(1).max(31);
const year = z.number().int().min(2000).max(2100);
/** ISO weekday: 1 = Monday … 7 = Sunday. */
const weekday = z.number().int().min(1).max(7);

/** One calendar day named in a question, relative to today. */
export const DaySpecSchema = z.discriminatedUnion("kind", [
  /** "3 novembre", "Nov 3rd 2025": without a year, the latest such date not after today. */
  z.object({ kind: z.literal("date"), month, day: dayOfMonth, year: year.optional() }),
  /** "lunedì" (the most recent Monday, today included); "lunedì scorso" (before today). */
  z.object({ kind: z.literal("weekday"), weekday, beforeToday: z.boolean() }),
  /** "l'altro ieri" (2), "5 giorni fa" (5); 0 is today. */
  z.object({ kind: z.literal("days_ago"), n: z.number().int().min(0).max(3660) }),
]);
export type DaySpec = z.infer<typeof DaySpecSchema>;

/** A period as the question names it. Resolved against the clock by tools/periods.ts. */
export const PeriodSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("today") }),
  z.object({ kind: z.literal("yesterday") }),
  z.object({ kind: z.literal("last_n_days"), n: z.number().int().min(1).max(3660) }),
  z.object({ kind: z.literal("this_week") }),
  z.object({ kind: z.literal("last_week") }),
  z.object({ kind: z.literal("this_month") }),
  z.object({ kind: z.literal("last_month") }),
  z.object({ kind: z.literal("this_year") }),
  /** The whole previous calendar year. */
  z.object({ kind: z.literal("last_year") }),
  z.object({ kind: z.literal("all_time") }),
  z.object({ kind: z.literal("day"), day: DaySpecSchema }),
  /** "a novembre": the latest such month (the current one so far); with a year, that month. */
  z.object({ kind: z.literal("month"), month, year: year.optional() }),
  z.object({ kind: z.literal("range"), from: DaySpecSchema, to: DaySpecSchema }),
  z.object({ kind: z.literal("since"), from: DaySpecSchema }),
  /** The most recent weekend that is over ("last"), or the current one on a Saturday or Sunday ("this"). */
  z.object({ kind: z.literal("weekend"), which: z.enum(["last", "this"]) }),
  /** The N hours up to now. */
  z.object({
    kind: z.literal("rolling_hours"),
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 31),
  }),
]);
export type PeriodSpec = z.infer<typeof PeriodSpecSchema>;
export type PeriodKind = PeriodSpec["kind"];

/** A local time-of-day span [from, to) in whole hours. */
export const HoursSchema = z
  .object({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) })
  .refine((h) => h.from < h.to, "hours: from must be before to");
export type Hours = z.infer<typeof HoursSchema>;

export const BreakdownSchema = z.object({
  by: z.enum(DIMENSIONS),
  /** desc/asc by value; key = calendar or clock order. */
  order: z.enum(["desc", "asc", "key"]),
  /** null: every entry. */
  limit: z.number().int().min(1).max(50).nullable(),
  /** Only entries whose value is 0 ("which workflows did not run at all?"). */
  zeroOnly: z.boolean().default(false),
});
export type Breakdown = z.infer<typeof BreakdownSchema>;

export const CompareSpecSchema = z.discriminatedUnion("kind", [
  /** The equally long period just before (weeks and months aligned). */
  z.object({ kind: z.literal("previous") }),
  z.object({ kind: z.literal("same_last_week") }),
  z.object({ kind: z.literal("same_last_month") }),
  z.object({ kind: z.literal("same_last_year") }),
  z.object({ kind: z.literal("period"), period: PeriodSpecSchema }),
]);
export type CompareSpec = z.infer<typeof CompareSpecSchema>;

/** A name as the user wrote it; `explicit` when the words clearly name something ("the X workflow", quotes). */
export const MentionSchema = z.object({
  text: z.string().min(1).max(200),
  explicit: z.boolean().default(false),
});
export type Mention = z.infer<typeof MentionSchema>;

export const DraftFiltersSchema = z.object({
  workflows: z.array(MentionSchema).max(5).default([]),
  category: z.enum(CATEGORIES).nullable().default(null),
  status: z.enum(RUN_STATUSES).nullable().default(null),
  senders: z.array(MentionSchema).max(5).default([]),
  weekdays: z.array(weekday).max(7).nullable().default(null),
  hours: HoursSchema.nullable().default(null),
});
export type DraftFilters = z.infer<typeof DraftFiltersSchema>;

/** Why a question about the business cannot be answered precisely (the honest answer names it). */
export const UNSUPPORTED_TOPICS = [
  "products",
  "places",
  "profit",
  "email_content",
  "people",
  "single_record",
  "server",
  "currency_conversion",
  /** Orders above or below an amount: amounts are summed, averaged and ranked, never filtered. */
  "amount_filter",
  /** Refunds, returns, cancellations: n8n's executions do not say. */
  "refunds",
  /** What is running or waiting right now. */
  "live_status",
  /** Parts the semantic layer cannot combine (a breakdown of a comparison, an hour of one sender). */
  "combination",
  /** A day the calendar does not have ("30 febbraio"). */
  "invalid_date",
  /** A period named in words Milhena does not read ("this quarter", "since the 20th"). */
  "unread_period",
  "other",
] as const;
export type UnsupportedTopic = (typeof UNSUPPORTED_TOPICS)[number];

export const DraftPlanSchema = z.object({
  /** query: figures from the data; forecast: the coming days; unsupported: an honest "I can't say". */
  kind: z.enum(["query", "forecast", "unsupported"]),
  measure: z.enum(MEASURES),
  filters: DraftFiltersSchema.default(() => DraftFiltersSchema.parse({})),
  /** null: the measure's default period. */
  period: PeriodSpecSchema.nullable().default(null),
  breakdown: BreakdownSchema.nullable().default(null),
  compare: CompareSpecSchema.nullable().default(null),
  /** The measure with the plan's workflow, category or sender filter as a share of it without. */
  share: z.boolean().default(false),
  /** A trend: the measure day by day, and whether it grows. */
  trend: z.boolean().default(false),
  /** Forecasts only: how many days ahead. */
  horizonDays: z.number().int().min(1).max(31).nullable().default(null),
  /** Unsupported plans only: what could not be answered. */
  unsupported: z.enum(UNSUPPORTED_TOPICS).nullable().default(null),
});
export type DraftPlan = z.infer<typeof DraftPlanSchema>;

/** A draft as written: every field but the measure may be left to its default. */
export type DraftPlanInput = Omit<z.input<typeof DraftPlanSchema>, "kind"> & {
  readonly kind?: DraftPlan["kind"];
};

/** A draft with every default filled in. */
export function draftPlan(partial: DraftPlanInput): DraftPlan {
  return DraftPlanSchema.parse({ kind: "query", ...partial });
}

// ---------------------------------------------------------------------------------------------------
// Resolved plans: what the business tool hands to the semantic layer, and what the response carries.

const civilDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().datetime();

export const WorkflowRefSchema = z.object({ id: z.string().min(1).max(64), name: z.string().max(256) });
export type WorkflowRef = z.infer<typeof WorkflowRefSchema>;

/** Calendar days [from, to] in the business time zone, or the N hours up to an instant. */
const DaysPeriodSchema = z.object({
  kind: z.literal("days"),
  from: civilDay,
  to: civilDay,
  spec: PeriodSpecSchema,
});
const RollingPeriodSchema = z.object({
  kind: z.literal("rolling"),
  hours: z.number().int().min(1),
  /** ISO instants [from, to). */
  from: instant,
  to: instant,
  spec: PeriodSpecSchema,
});
export const ResolvedPeriodSchema = z.discriminatedUnion("kind", [
  DaysPeriodSchema,
  RollingPeriodSchema,
  z.object({ kind: z.literal("none") }),
]);
export type ResolvedPeriod = z.infer<typeof ResolvedPeriodSchema>;

export const ResolvedFiltersSchema = z.object({
  workflows: z.array(WorkflowRefSchema),
  category: z.enum(CATEGORIES).nullable(),
  status: z.enum(RUN_STATUSES).nullable(),
  senders: z.array(z.string()),
  weekdays: z.array(weekday).nullable(),
  hours: HoursSchema.nullable(),
});
export type ResolvedFilters = z.infer<typeof ResolvedFiltersSchema>;

export const ResolvedComparisonSchema = z.object({
  spec: CompareSpecSchema,
  period: z.discriminatedUnion("kind", [DaysPeriodSchema, RollingPeriodSchema]),
});
export type ResolvedComparison = z.infer<typeof ResolvedComparisonSchema>;

/** Where recorded data begins, when the period starts before it; and runs whose details are unreadable. */
export const CoverageSchema = z.object({
  /** First local day with a recorded execution. */
  firstDay: civilDay,
  /** Nothing recorded at all in the period. */
  empty: z.boolean(),
  /**
   * Runs of the period whose details (emails, orders, contacts) could not be read: n8n 2.x kept their
   * data outside the database. Counts of what came in may then be low.
   */
  unreadRuns: z.number().int().min(0).optional(),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export const ResolvedQueryPlanSchema = z.object({
  kind: z.enum(["query", "forecast"]),
  measure: z.enum(MEASURES),
  filters: ResolvedFiltersSchema,
  period: ResolvedPeriodSchema,
  breakdown: BreakdownSchema.nullable(),
  compare: ResolvedComparisonSchema.nullable(),
  share: z.boolean(),
  trend: z.boolean(),
  horizonDays: z.number().int().min(1).nullable(),
  /** Set when the period starts before the first recorded execution, or some runs' details are unreadable. */
  coverage: CoverageSchema.nullable(),
  /** The request's local day (the period "so far" ends on it). */
  today: civilDay,
  /** The business time zone the days and hours are in. */
  timeZone: z.string().min(1),
});
export type ResolvedQueryPlan = z.infer<typeof ResolvedQueryPlanSchema>;

/** What could not be resolved: a name matching nothing or several things. */
export const ClarificationSchema = z.object({
  kind: z.literal("clarify"),
  measure: z.enum(MEASURES),
  entity: z.enum(["workflow", "sender"]),
  mention: z.string(),
  reason: z.enum(["unknown", "ambiguous"]),
  /** Closest names, best first. */
  candidates: z.array(z.string()),
});
export type Clarification = z.infer<typeof ClarificationSchema>;

export const UnsupportedPlanSchema = z.object({
  kind: z.literal("unsupported"),
  measure: z.enum(MEASURES),
  topic: z.enum(UNSUPPORTED_TOPICS),
});
export type UnsupportedPlan = z.infer<typeof UnsupportedPlanSchema>;

/** The plan in the response: resolved, a clarification, or an honest refusal. */
export const ResponsePlanSchema = z.union([
  ResolvedQueryPlanSchema,
  ClarificationSchema,
  UnsupportedPlanSchema,
]);
export type ResponsePlan = z.infer<typeof ResponsePlanSchema>;
