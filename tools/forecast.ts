import type { DayPoint, ForecastPoint } from "./types.ts";
import { addDays, formatCivil, parseCivil } from "./calendar.ts";

export interface Forecast {
  /** insufficient_history: fewer than MIN_ACTIVE_DAYS days with any activity, so no forecast at all. */
  readonly method: "seasonal_naive" | "moving_average" | "insufficient_history";
  /** Days of history since the first day with activity. */
  readonly historyDays: number;
  /** Days of that history with any activity. */
  readonly activeDays: number;
  /** The history is mostly empty days: the range was widened. */
  readonly sparse: boolean;
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

/** Below this many days with activity there is nothing to forecast from. */
export const MIN_ACTIVE_DAYS = 3;

/**
 * Forecasts the next `horizon` days from complete daily history (oldest first, one entry per day,
 * missing days already filled with zero). Days before the first activity are not history. With at
 * least two full weeks, mostly active, seasonal-naive by weekday: each day is the mean of the same
 * weekday over the past weeks, and the range comes from the spread of past days around their
 * weekday's mean. With less, or mostly empty days, a moving average whose range is widened (at least
 * the spread of a count of that size, more the shorter the history). With fewer than
 * MIN_ACTIVE_DAYS active days, no forecast.
 */
export function forecastDaily(
  fullHistory: readonly DayPoint[],
  horizon: number,
  /** The first day forecast, as days after the history's last one (2: the history ends yesterday, the forecast starts tomorrow). */
  firstDayOffset = 1,
): Forecast {
  const skip = Math.max(0, firstDayOffset - 1);
  const firstActive = fullHistory.findIndex((p) => p.runs > 0);
  const history = firstActive < 0 ? [] : fullHistory.slice(firstActive);
  const values = history.map((p) => p.runs);
  const activeDays = values.filter((v) => v > 0).length;
  const sparse = values.length > 0 && activeDays / values.length < 0.5;
  const facts = { historyDays: values.length, activeDays, sparse };
  if (activeDays < MIN_ACTIVE_DAYS)
    return { method: "insufficient_history", ...facts, series: [], total: { expected: 0, low: 0, high: 0 } };
  const lastDay = history.length > 0 ? parseCivil(history[history.length - 1]!.day) : null;
  const dayAfter = (k: number) => (lastDay ? formatCivil(addDays(lastDay, k)) : String(k));
  const round = (x: number) => Math.max(0, Math.round(x));

  if (values.length >= 14 && !sparse) {
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
      const expected = means[(recent.length + skip + k - 1) % 7]!;
      series.push({
        day: dayAfter(skip + k),
        expected: round(expected),
        low: round(expected + lowErr),
        high: round(expected + highErr),
      });
    }
    return { method: "seasonal_naive", ...facts, series, total: totalOf(series, sortedErrors, horizon) };
  }

  const window = values.slice(-7);
  const mean = window.length ? window.reduce((a, b) => a + b, 0) / window.length : 0;
  const spreadOfWindow =
    window.length > 1 ? Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / (window.length - 1)) : 0;
  // A short or sparse history says little about its own spread: never less than a count's own
  // (Poisson) spread, and wider the fewer days there are.
  const widen = Math.max(1, Math.sqrt(14 / Math.max(1, values.length))) * (sparse ? 1.5 : 1);
  const sd = Math.max(spreadOfWindow, Math.sqrt(mean)) * widen;
  const series: ForecastPoint[] = [];
  for (let k = 1; k <= horizon; k++) {
    series.push({
      day: dayAfter(skip + k),
      expected: round(mean),
      low: round(mean - 1.28 * sd),
      high: round(mean + 1.28 * sd),
    });
  }
  const expected = series.reduce((a, p) => a + p.expected, 0);
  const spread = 1.28 * sd * Math.sqrt(horizon);
  return {
    method: "moving_average",
    ...facts,
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
