import type { TimeWindow } from "../graph/labels.ts";
import type { ResolvedRange } from "./types.ts";

/** A calendar date (no time zone) as year, month (1–12), day. */
export interface CivilDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(instant: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return out;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

export function civilDateOf(instant: Date, timeZone: string): CivilDate {
  const p = zonedParts(instant, timeZone);
  return { y: p.year!, m: p.month!, d: p.day! };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return (new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7;
}

export function formatCivil(date: CivilDate): string {
  return `${date.y}-${String(date.m).padStart(2, "0")}-${String(date.d).padStart(2, "0")}`;
}

export function parseCivil(text: string): CivilDate {
  const [y, m, d] = text.split("-").map(Number);
  return { y: y!, m: m!, d: d! };
}

export function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** The instant local midnight starts `date` in `timeZone` (DST-safe). */
export function startOfDay(date: CivilDate, timeZone: string): Date {
  const guess = Date.UTC(date.y, date.m - 1, date.d);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

/** First and last calendar day (inclusive) of a window, seen from `today`. */
export function windowDays(window: TimeWindow, today: CivilDate): { first: CivilDate; last: CivilDate } {
  switch (window.kind) {
    case "today":
      return { first: today, last: today };
    case "yesterday": {
      const y = addDays(today, -1);
      return { first: y, last: y };
    }
    case "last_n_days":
      return { first: addDays(today, -(window.n - 1)), last: today };
    case "this_week":
      return { first: addDays(today, -isoWeekday(today)), last: today };
    case "last_week": {
      const monday = addDays(today, -isoWeekday(today) - 7);
      return { first: monday, last: addDays(monday, 6) };
    }
    case "this_month":
      return { first: { y: today.y, m: today.m, d: 1 }, last: today };
    case "last_month": {
      const firstThis = { y: today.y, m: today.m, d: 1 };
      const lastPrev = addDays(firstThis, -1);
      return { first: { y: lastPrev.y, m: lastPrev.m, d: 1 }, last: lastPrev };
    }
  }
}

export function rangeFromDays(
  window: TimeWindow,
  first: CivilDate,
  last: CivilDate,
  timeZone: string,
): ResolvedRange {
  return {
    window,
    from: startOfDay(first, timeZone).toISOString(),
    to: startOfDay(addDays(last, 1), timeZone).toISOString(),
    firstDay: formatCivil(first),
    lastDay: formatCivil(last),
    dayCount: daysBetween(first, last) + 1,
    timeZone,
  };
}

/** Resolves a window to [from, to) instants in `timeZone`, as of `now`. */
export function resolveWindow(window: TimeWindow, now: Date, timeZone: string): ResolvedRange {
  const { first, last } = windowDays(window, civilDateOf(now, timeZone));
  return rangeFromDays(window, first, last, timeZone);
}

/**
 * The period a window is compared with: weeks with the same weekdays a week earlier, months with the
 * same days of the previous month, anything else with the equally long span just before it.
 */
export function previousRange(range: ResolvedRange): ResolvedRange {
  const first = parseCivil(range.firstDay);
  const last = parseCivil(range.lastDay);
  const kind = range.window.kind;
  if (kind === "this_week" || kind === "last_week") {
    return rangeFromDays(range.window, addDays(first, -7), addDays(last, -7), range.timeZone);
  }
  if (kind === "this_month" || kind === "last_month") {
    const prevLastOfMonth = addDays(first, -1);
    const prevFirst = { y: prevLastOfMonth.y, m: prevLastOfMonth.m, d: 1 };
    const span = Math.min(range.dayCount, prevLastOfMonth.d);
    return rangeFromDays(range.window, prevFirst, addDays(prevFirst, span - 1), range.timeZone);
  }
  return rangeFromDays(
    { kind: "last_n_days", n: range.dayCount },
    addDays(first, -range.dayCount),
    addDays(first, -1),
    range.timeZone,
  );
}
