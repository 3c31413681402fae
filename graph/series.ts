import type { MeasureName } from "./plan.ts";
import type { PlanResult } from "../tools/semantic/result.ts";

/** One day of a chartable series: the value, and for forecasts the likely range. */
export interface SeriesPoint {
  readonly day: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
}

/** A small chart's worth of data carried by trend and forecast answers (the web chat draws it). */
export interface ResponseSeries {
  readonly kind: "trend" | "forecast";
  /** What the series counts (a measure of the query plan). */
  readonly subject: MeasureName;
  readonly points: readonly SeriesPoint[];
}

/** The series a plan result carries, if any. */
export function seriesOf(result: PlanResult | null): ResponseSeries | undefined {
  if (result?.kind === "trend") {
    return {
      kind: "trend",
      subject: result.plan.measure,
      points: result.points.map((p) => ({ day: p.day, value: p.value })),
    };
  }
  if (result?.kind === "forecast") {
    return {
      kind: "forecast",
      subject: result.plan.measure,
      points: result.series.map((p) => ({ day: p.day, value: p.expected, low: p.low, high: p.high })),
    };
  }
  return undefined;
}
