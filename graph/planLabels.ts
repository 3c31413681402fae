import { MEASURE_DEFS } from "../tools/semantic/measures.ts";
import type { AnalysisKind, Intent, QueryType, TimeWindow } from "./labels.ts";
import type { DraftPlan, PeriodSpec } from "./plan.ts";

/**
 * What follows from a plan: the period it uses when the question names none, and the labels
 * (intent, queryType, window) the response and the evals keep, derived from the plan.
 */

/** Days of history a forecast learns from (the complete days before today). */
export const FORECAST_HISTORY_DAYS = 28;

/** A weekday filter without a period looks at the last four weeks. */
export const WEEKDAY_FILTER_DAYS = 28;

/** The period of a plan whose question names none (docs/query-plans.md, "Periods"). */
export function defaultPeriodOf(
  plan: Pick<DraftPlan, "kind" | "measure" | "compare" | "trend" | "breakdown" | "filters">,
): PeriodSpec | null {
  if (plan.kind === "forecast") return { kind: "last_n_days", n: FORECAST_HISTORY_DAYS };
  if (plan.trend) return { kind: "last_n_days", n: 14 };
  // "on Mondays", "nei weekend": four of each weekday, not today alone.
  if (plan.filters.weekdays && MEASURE_DEFS[plan.measure].defaultPeriod?.kind === "today")
    return { kind: "last_n_days", n: WEEKDAY_FILTER_DAYS };
  if (plan.compare) return { kind: "last_n_days", n: 7 };
  if (plan.breakdown?.by === "error_cause") return { kind: "last_n_days", n: 7 };
  return MEASURE_DEFS[plan.measure].defaultPeriod;
}

export interface PlanLabels {
  readonly intent: Extract<Intent, "BUSINESS_DATA" | "ANALYSIS" | "PREDICTION">;
  readonly queryType: QueryType;
  readonly window: TimeWindow | null;
  readonly analysis: AnalysisKind | null;
}

/** The seven calendar windows of the labels, when the period is one of them. */
export function windowOf(spec: PeriodSpec | null): TimeWindow | null {
  if (!spec) return null;
  switch (spec.kind) {
    case "today":
    case "yesterday":
    case "this_week":
    case "last_week":
    case "this_month":
    case "last_month":
      return { kind: spec.kind };
    case "last_n_days":
      return spec.n <= 366 ? { kind: "last_n_days", n: spec.n } : null;
    case "day":
      if (spec.day.kind === "days_ago" && spec.day.n <= 1)
        return { kind: spec.day.n === 0 ? "today" : "yesterday" };
      return null;
    case "since":
      return spec.from.kind === "weekday" && spec.from.weekday === 1 && !spec.from.beforeToday
        ? { kind: "this_week" }
        : null;
    default:
      return null;
  }
}

/** Forecasts and analyses count something: summaries and workflow lists count runs. */
const COUNTED: Partial<Record<QueryType, QueryType>> = {
  OVERVIEW: "TODAY_ACTIVITY",
  WORKFLOWS: "TODAY_ACTIVITY",
};

export function labelsOf(plan: DraftPlan): PlanLabels {
  const def = MEASURE_DEFS[plan.measure];
  const analysis: AnalysisKind | null = plan.compare
    ? "compare"
    : plan.trend
      ? "trend"
      : plan.breakdown?.by === "error_cause"
        ? "top_errors"
        : null;
  const intent = plan.kind === "forecast" ? "PREDICTION" : analysis ? "ANALYSIS" : "BUSINESS_DATA";
  let queryType = def.queryType;
  // A ranking of the workflows by how much they ran is a question about the workflows.
  if (plan.measure === "runs" && plan.breakdown?.by === "workflow") queryType = "WORKFLOWS";
  if (intent !== "BUSINESS_DATA") queryType = COUNTED[queryType] ?? queryType;
  const period = plan.period ?? defaultPeriodOf(plan);
  // The workflow inventory has no period; its label keeps today's.
  const window = period === null ? { kind: "today" as const } : windowOf(period);
  return { intent, queryType, window, analysis };
}
