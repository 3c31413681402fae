import type { Coverage, MeasureName, ResolvedQueryPlan } from "../../graph/plan.ts";
import type { ForecastPoint } from "../types.ts";
import type { Forecast } from "../forecast.ts";

/** One measure's value: a number (count, ratio, seconds), amounts per currency, or an instant. */
export type MeasureValue =
  | { readonly unit: "count" | "ratio" | "seconds"; readonly value: number | null }
  | { readonly unit: "money"; readonly amounts: readonly MoneyAmount[] }
  | { readonly unit: "instant"; readonly value: string | null };

export interface MoneyAmount {
  readonly currency: string;
  readonly value: number;
}

/** One entry of a breakdown: its key (workflow id, sender, day, hour, weekday, cause) and label. */
export interface BreakdownEntry {
  readonly key: string;
  /** What users read: the workflow's current name, the sender, the ISO day, the hour, … */
  readonly name: string;
  readonly value: MeasureValue;
}

interface Base {
  readonly plan: ResolvedQueryPlan;
}

/** What the semantic layer found for a plan: facts only, no wording (translate writes the prose). */
export type PlanResult =
  | (Base & {
      readonly kind: "value";
      readonly value: MeasureValue;
      /** Related figures of the same plan (replies next to emails, runs next to failures). */
      readonly context: Readonly<Partial<Record<MeasureName, MeasureValue>>>;
    })
  | (Base & {
      readonly kind: "breakdown";
      readonly entries: readonly BreakdownEntry[];
      /** The measure over the whole period and filters (all but instants). */
      readonly total: MeasureValue | null;
      /** Related figures of the total (successes and failures next to a success rate). */
      readonly context: Readonly<Partial<Record<MeasureName, MeasureValue>>>;
    })
  | (Base & {
      readonly kind: "comparison";
      readonly current: MeasureValue;
      readonly previous: MeasureValue;
      /** Set when the reference period lies wholly before the first recorded day (nothing to compare). */
      readonly previousFirstDay: string | null;
    })
  | (Base & {
      readonly kind: "share";
      readonly part: number;
      readonly whole: number;
      readonly ratio: number | null;
    })
  | (Base & {
      readonly kind: "summary";
      readonly values: Readonly<Partial<Record<MeasureName, MeasureValue>>>;
      readonly busiest: BreakdownEntry | null;
    })
  | (Base & {
      readonly kind: "inventory";
      /** Active (not archived) workflows, and all that are not archived. */
      readonly active: number;
      readonly total: number;
      /** The names of the workflows the measure counts. */
      readonly names: readonly string[];
    })
  | (Base & {
      readonly kind: "trend";
      readonly points: readonly { readonly day: string; readonly value: number }[];
      readonly total: number;
      readonly direction: "up" | "down" | "flat";
      readonly changePercent: number | null;
    })
  | (Base & {
      readonly kind: "forecast";
      readonly series: readonly ForecastPoint[];
      readonly total: { readonly expected: number; readonly low: number; readonly high: number };
      readonly method: Forecast["method"];
      readonly historyDays: number;
      readonly activeDays: number;
      readonly sparse: boolean;
    })
  /** The period has nothing recorded at all. */
  | (Base & { readonly kind: "no_data"; readonly firstDay: string | null });

export type PlanResultKind = PlanResult["kind"];

/** The number of a count, ratio or seconds value (null otherwise or when empty). */
export function numberOf(v: MeasureValue | undefined | null): number | null {
  return v && (v.unit === "count" || v.unit === "ratio" || v.unit === "seconds") ? v.value : null;
}

export type { Coverage };
