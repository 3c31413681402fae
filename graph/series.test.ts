import { describe, expect, it } from "vitest";
import { resolveWindow } from "../tools/timeWindows.ts";
import { seriesOf } from "./series.ts";

const NOW = new Date("2026-11-18T10:00:00Z");
const range = resolveWindow({ kind: "last_n_days", n: 3 }, NOW, "UTC");

describe("seriesOf", () => {
  it("carries a trend's daily counts of its subject", () => {
    const series = seriesOf({
      kind: "trend",
      range,
      subject: "emails",
      series: [
        { day: "2026-11-16", runs: 4, failures: 0 },
        { day: "2026-11-17", runs: 7, failures: 1 },
      ],
      direction: "up",
      changePercent: 75,
    });
    expect(series).toEqual({
      kind: "trend",
      subject: "emails",
      points: [
        { day: "2026-11-16", value: 4 },
        { day: "2026-11-17", value: 7 },
      ],
    });
  });

  it("carries a forecast's expected values with their range", () => {
    const series = seriesOf({
      kind: "forecast",
      range,
      horizonDays: 1,
      series: [{ day: "2026-11-19", expected: 10, low: 8, high: 13 }],
      total: { expected: 10, low: 8, high: 13 },
      method: "seasonal_naive",
      historyDays: 28,
      subject: "runs",
    });
    expect(series?.points).toEqual([{ day: "2026-11-19", value: 10, low: 8, high: 13 }]);
  });

  it("is absent for answers without a series", () => {
    expect(seriesOf(null)).toBeUndefined();
    expect(seriesOf({ kind: "emails", range, received: 1, replied: 1, topSenders: [] })).toBeUndefined();
  });
});
