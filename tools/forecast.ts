import type { DayPoint, ForecastPoint } from "./types.ts";
import { addDays, formatCivil, parseCivil } from "./calendar.ts";

export interface Forecast {
  readonly method: "seasonal_naive" | "moving_average";
  readonly series: readonly ForecastPoint[];
  readonly total: { readonly expected: number; readonly low: number; readonly high: number };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Forecasts the next `horizon` days from complete daily history (oldest first, one entry per day,
 * missing days already filled with zero). With at least two full weeks, seasonal-naive by weekday:
 * each day is the mean of the same weekday over the past weeks, and the range comes from the spread
 * of past days around their weekday's mean. With less, a moving average of the history with its spread.
 */
export function forecastDaily(history: readonly DayPoint[], horizon: number): Forecast {
  const values = history.map((p) => p.runs);
  const lastDay = history.length > 0 ? parseCivil(history[history.length - 1]!.day) : null;
  const dayAfter = (k: number) => (lastDay ? formatCivil(addDays(lastDay, k)) : String(k));
  const round = (x: number) => Math.max(0, Math.round(x));

  if (values.length >= 14) {
    const weeks = Math.floor(values.length / 7);
    const recent = values.slice(values.length - weeks * 7);
    const slotMean = (slot: number) => {
      let sum = 0;
      for (let w = 0; w < weeks; w++) sum += recent[w * 7 + slot]!;
      return sum / weeks;
    };
    const means = Array.from({ length: 7 }, (_, slot) => slotMean(slot));
    // How far real days strayed from their weekday's mean gives the range.
    const sortedErrors = recent.map((v, i) => v - means[i % 7]!).sort((a, b) => a - b);
    const lowErr = quantile(sortedErrors, 0.1);
    const highErr = quantile(sortedErrors, 0.9);
    const series: ForecastPoint[] = [];
    for (let k = 1; k <= horizon; k++) {
      const expected = means[(recent.length + k - 1) % 7]!;
      series.push({
        day: dayAfter(k),
        expected: round(expected),
        low: round(expected + lowErr),
        high: round(expected + highErr),
      });
    }
    return { method: "seasonal_naive", series, total: totalOf(series, sortedErrors, horizon) };
  }

  const window = values.slice(-7);
  const mean = window.length ? window.reduce((a, b) => a + b, 0) / window.length : 0;
  const sd =
    window.length > 1 ? Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / (window.length - 1)) : 0;
  const series: ForecastPoint[] = [];
  for (let k = 1; k <= horizon; k++) {
    series.push({
      day: dayAfter(k),
      expected: round(mean),
      low: round(mean - 1.28 * sd),
      high: round(mean + 1.28 * sd),
    });
  }
  const expected = series.reduce((a, p) => a + p.expected, 0);
  const spread = 1.28 * sd * Math.sqrt(horizon);
  return {
    method: "moving_average",
    series,
    total: { expected, low: round(expected - spread), high: round(expected + spread) },
  };
}

function totalOf(series: readonly ForecastPoint[], sortedErrors: readonly number[], horizon: number) {
  const expected = series.reduce((a, p) => a + p.expected, 0);
  // Day errors partly cancel over a week: scale the 10–90% spread by sqrt(horizon).
  const low = quantile(sortedErrors, 0.1) * Math.sqrt(horizon);
  const high = quantile(sortedErrors, 0.9) * Math.sqrt(horizon);
  return {
    expected,
    low: Math.max(0, Math.round(expected + low)),
    high: Math.max(0, Math.round(expected + high)),
  };
}

/** Fills missing calendar days between `firstDay` and `lastDay` (inclusive) with zero. */
export function fillDays(points: readonly DayPoint[], firstDay: string, lastDay: string): DayPoint[] {
  const byDay = new Map(points.map((p) => [p.day, p]));
  const out: DayPoint[] = [];
  const last = lastDay;
  for (let d = parseCivil(firstDay), guard = 0; guard < 1000; guard++, d = addDays(d, 1)) {
    const key = formatCivil(d);
    out.push(byDay.get(key) ?? { day: key, runs: 0, failures: 0 });
    if (key === last) break;
  }
  return out;
}
