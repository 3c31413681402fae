import { describe, expect, it } from "vitest";
import { resolvedPlan } from "../test/support/fakes.ts";
import { seriesOf } from "./series.ts";

const plan = resolvedPlan({ measure: "emails_received", trend: true });

describe("seriesOf", () => {
  it("carries a trend's daily values of its measure", () => {
    const series = seriesOf({
      kind: "trend",
      plan,
      points: [
        { day: "2026-11-16", value: 4 },
        { day: "2026-11-17", value: 7 },
      ],
      total: 11,
      direction: "up",
      changePercent: 75,
    });
    expect(series).toEqual({
      kind: "trend",
      subject: "emails_received",
      points: [
        { day: "2026-11-16", value: 4 },
        { day: "2026-11-17", value: 7 },
      ],
    });
  });

  it("carries a forecast's expected values with their range", () => {
    const series = seriesOf({
      kind: "forecast",
      plan: resolvedPlan({ kind: "forecast", horizonDays: 1 }),
      series: [{ day: "2026-11-19", expected: 10, low: 8, high: 13 }],
      total: { expected: 10, low: 8, high: 13 },
      method: "seasonal_naive",
      historyDays: 28,
      activeDays: 28,
      sparse: false,
    });
    expect(series).toMatchObject({ kind: "forecast", subject: "runs" });
    expect(series?.points).toEqual([{ day: "2026-11-19", value: 10, low: 8, high: 13 }]);
  });

  it("is absent for answers without a series", () => {
    expect(seriesOf(null)).toBeUndefined();
    expect(
      seriesOf({ kind: "value", plan, value: { unit: "count", value: 3 }, context: {} }),
    ).toBeUndefined();
  });
});
