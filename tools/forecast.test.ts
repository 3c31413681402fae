import { describe, expect, it } from "vitest";
import { fillDays, forecastDaily } from "./forecast.ts";
import type { DayPoint } from "./types.ts";

function history(values: number[], firstDay = "2026-10-19"): DayPoint[] {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  return values.map((runs, i) => ({
    day: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    runs,
    failures: 0,
  }));
}

describe("forecastDaily", () => {
  it("repeats a perfectly weekly pattern with a zero-width range", () => {
    const week = [100, 120, 110, 130, 90, 20, 10];
    const f = forecastDaily(history([...week, ...week, ...week, ...week]), 7);
    expect(f.method).toBe("seasonal_naive");
    expect(f.series.map((p) => p.expected)).toEqual(week);
    expect(f.total).toEqual({ expected: 580, low: 580, high: 580 });
    expect(f.series[0]!.day).toBe("2026-11-16");
  });

  it("starts where it is told: a history ending yesterday forecasts from tomorrow, each day its weekday's", () => {
    const week = [100, 120, 110, 130, 90, 20, 10];
    // 28 days from Monday 19 October: the last is Sunday 15 November, "today" is Monday the 16th.
    const f = forecastDaily(history([...week, ...week, ...week, ...week]), 3, 2);
    expect(f.series.map((p) => p.day)).toEqual(["2026-11-17", "2026-11-18", "2026-11-19"]);
    expect(f.series.map((p) => p.expected)).toEqual([120, 110, 130]);
    const flat = forecastDaily(history([5, 7, 6, 8, 4]), 2, 2);
    expect(flat.series.map((p) => p.day)).toEqual(["2026-10-25", "2026-10-26"]);
  });

  it("averages the same weekday across weeks and widens the range with noise", () => {
    const f = forecastDaily(history([10, 10, 10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20, 20]), 7);
    expect(f.series.every((p) => p.expected === 15)).toBe(true);
    expect(f.total.low).toBeLessThan(f.total.expected);
    expect(f.total.high).toBeGreaterThan(f.total.expected);
  });

  it("falls back to a moving average on short history", () => {
    const f = forecastDaily(history([5, 7, 6, 8, 4]), 3);
    expect(f.method).toBe("moving_average");
    expect(f.series.map((p) => p.expected)).toEqual([6, 6, 6]);
    expect(f.total.expected).toBe(18);
    expect(f.total.low).toBeLessThanOrEqual(18);
  });

  it("never forecasts below zero", () => {
    const f = forecastDaily(history([0, 0, 50, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0]), 7);
    expect(f.series.length).toBe(7);
    expect(f.series.every((p) => p.low >= 0)).toBe(true);
  });

  it("declines with fewer than three days of activity, and does not count the empty days before the first", () => {
    const f = forecastDaily(history([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, 0, 40]), 7);
    expect(f).toMatchObject({ method: "insufficient_history", historyDays: 3, activeDays: 2, series: [] });
  });

  it("widens the range of a short or mostly empty history instead of trusting it", () => {
    const steady = forecastDaily(history([20, 20, 20, 20]), 7);
    expect(steady.method).toBe("moving_average");
    expect(steady.total.high - steady.total.low).toBeGreaterThan(20); // four equal days are no certainty
    const sparse = forecastDaily(history([30, 0, 0, 0, 25, 0, 0, 0, 0, 28, 0, 0, 0, 0, 0, 0, 31, 0]), 7);
    expect(sparse).toMatchObject({ method: "moving_average", sparse: true });
    const dense = forecastDaily(history([30, 28, 25, 27, 31, 29, 26, 30, 28, 25, 27, 31, 29, 26]), 7);
    expect(sparse.total.high - sparse.total.low).toBeGreaterThan(dense.total.high - dense.total.low);
  });
});

describe("fillDays", () => {
  it("fills missing days with zero", () => {
    const filled = fillDays([{ day: "2026-11-02", runs: 3, failures: 1 }], "2026-11-01", "2026-11-03");
    expect(filled).toEqual([
      { day: "2026-11-01", runs: 0, failures: 0 },
      { day: "2026-11-02", runs: 3, failures: 1 },
      { day: "2026-11-03", runs: 0, failures: 0 },
    ]);
  });
});
