import type { SeriesSubject, ToolResult } from "../tools/types.ts";

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
  readonly subject: SeriesSubject;
  readonly points: readonly SeriesPoint[];
}

/** The series a tool result carries, if any. */
export function seriesOf(result: ToolResult | null): ResponseSeries | undefined {
  if (result?.kind === "trend") {
    return {
      kind: "trend",
      subject: result.subject,
      points: result.series.map((p) => ({ day: p.day, value: p.runs })),
    };
  }
  if (result?.kind === "forecast") {
    return {
      kind: "forecast",
      subject: result.subject,
      points: result.series.map((p) => ({ day: p.day, value: p.expected, low: p.low, high: p.high })),
    };
  }
  return undefined;
}
