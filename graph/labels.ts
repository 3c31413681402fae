import { z } from "zod";
import { DraftPlanSchema } from "./plan.ts";

/** Labels shared by the classifier, the API and the evals (docs/architecture.md, "Contracts"). */
export const INTENTS = [
  "GREETING",
  "HELP",
  "BUSINESS_DATA",
  "ANALYSIS",
  "PREDICTION",
  "GENERAL",
  "UNSAFE",
] as const;
export type Intent = (typeof INTENTS)[number];

export const QUERY_TYPES = [
  "TODAY_ACTIVITY",
  "EMAILS",
  "ORDERS",
  "ERRORS",
  "PERFORMANCE",
  "OVERVIEW",
  "WORKFLOWS",
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export const LANGUAGES = ["it", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const WindowSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("today") }),
  z.object({ kind: z.literal("yesterday") }),
  z.object({ kind: z.literal("last_n_days"), n: z.number().int().min(1).max(366) }),
  z.object({ kind: z.literal("this_week") }),
  z.object({ kind: z.literal("last_week") }),
  z.object({ kind: z.literal("this_month") }),
  z.object({ kind: z.literal("last_month") }),
]);
export type TimeWindow = Readonly<z.infer<typeof WindowSchema>>;
export type WindowKind = TimeWindow["kind"];

/** Is this intent answered by the business tool (data, analysis or forecast)? */
export function isDataIntent(intent: Intent): intent is "BUSINESS_DATA" | "ANALYSIS" | "PREDICTION" {
  return intent === "BUSINESS_DATA" || intent === "ANALYSIS" || intent === "PREDICTION";
}

/** Compact, stable text form of a window: "today", "last_7_days", … (used in cache keys and evals). */
export function windowKey(w: TimeWindow): string {
  return w.kind === "last_n_days" ? `last_${w.n}_days` : w.kind;
}

export const ClassificationSchema = z.object({
  intent: z.enum(INTENTS),
  queryType: z.enum(QUERY_TYPES).nullable(),
  window: WindowSchema.nullable(),
  language: z.enum(LANGUAGES),
  confidence: z.number().min(0).max(1),
  /** Which analysis the question asks for, when intent is ANALYSIS. */
  analysis: z.enum(["compare", "trend", "top_errors"]).nullable().default(null),
  /** Whether the question was completed from the previous turn ("e ieri?"). */
  followUp: z.boolean().default(false),
  /** Short reason for logs (e.g. the UNSAFE rule that matched); never shown to users. */
  reason: z.string().max(200).default(""),
  /** What a data question asks for (intent, queryType, window and analysis are derived from it). */
  plan: DraftPlanSchema.nullable().default(null),
});
export type Classification = Readonly<z.infer<typeof ClassificationSchema>>;
export type AnalysisKind = NonNullable<Classification["analysis"]>;

/** Days of history a forecast uses unless the question names another span. */
export const FORECAST_HISTORY_DAYS = 28;

/** The window a data question uses when it names none (docs/architecture.md, "Data semantics": success rate over 30 days). */
export function defaultWindow(
  intent: Intent,
  queryType: QueryType | null,
  analysis: AnalysisKind | null,
): TimeWindow {
  if (intent === "PREDICTION") return { kind: "last_n_days", n: FORECAST_HISTORY_DAYS };
  if (intent === "ANALYSIS") return { kind: "last_n_days", n: analysis === "trend" ? 14 : 7 };
  if (queryType === "PERFORMANCE") return { kind: "last_n_days", n: 30 };
  return { kind: "today" };
}
