import type { CompareSpec, DaySpec, PeriodSpec, ResolvedComparison, ResolvedPeriod } from "../graph/plan.ts";
import {
  addDays,
  civilDateOf,
  daysBetween,
  formatCivil,
  isoWeekday,
  parseCivil,
  type CivilDate,
} from "./calendar.ts";

/**
 * Turns the periods a question names (graph/plan.ts PeriodSpec) into calendar days in the business
 * time zone, or into instants for rolling spans, as of the request's clock. The business meaning of
 * each expression is written in docs/query-plans.md ("Periods"); this is its one implementation.
 */

/** A period that cannot be read as a span of recorded time. */
export class PeriodError extends Error {
  constructor(
    readonly reason: "future" | "invalid_date",
    message: string,
  ) {
    super(message);
    this.name = "PeriodError";
  }
}

/** "All time" starts here: earlier than any n8n execution. */
export const ALL_TIME_FROM = "2000-01-01";

export type DayPeriod = Extract<ResolvedPeriod, { kind: "days" }>;
export type SpanPeriod = Exclude<ResolvedPeriod, { kind: "none" }>;

const cmp = (a: CivilDate, b: CivilDate) => daysBetween(b, a);
const isValid = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const lastOfMonth = (y: number, m: number): CivilDate =>
  addDays({ y: m === 12 ? y + 1 : y, m: m === 12 ? 1 : m + 1, d: 1 }, -1);
/** 1 = Monday … 7 = Sunday. */
const weekdayOf = (date: CivilDate) => isoWeekday(date) + 1;

/** The calendar day a DaySpec names, as of `today`. */
export function resolveDay(spec: DaySpec, today: CivilDate): CivilDate {
  switch (spec.kind) {
    case "days_ago":
      return addDays(today, -spec.n);
    case "weekday": {
      let back = (weekdayOf(today) - spec.weekday + 7) % 7;
      if (back === 0 && spec.beforeToday) back = 7;
      return addDays(today, -back);
    }
    case "date": {
      if (spec.year !== undefined) {
        if (!isValid(spec.year, spec.month, spec.day))
          throw new PeriodError("invalid_date", `${spec.year}-${spec.month}-${spec.day} is not a date`);
        return { y: spec.year, m: spec.month, d: spec.day };
      }
      // Without a year: the latest such date not after today (29 February: the latest leap year's).
      for (let y = today.y; y > today.y - 8; y--) {
        if (isValid(y, spec.month, spec.day) && cmp({ y, m: spec.month, d: spec.day }, today) <= 0)
          return { y, m: spec.month, d: spec.day };
      }
      throw new PeriodError("invalid_date", `${spec.month}-${spec.day} is not a date`);
    }
  }
}

function days(spec: PeriodSpec, first: CivilDate, last: CivilDate, today: CivilDate): DayPeriod {
  if (cmp(first, today) > 0) throw new PeriodError("future", "the period has not started yet");
  const end = cmp(last, today) > 0 ? today : last;
  const [from, to] = cmp(first, end) <= 0 ? [first, end] : [end, first];
  return { kind: "days", from: formatCivil(from), to: formatCivil(to), spec };
}

/**
 * The last day of a range: a date without a year or a weekday is the first such day on or after the
 * range's first day ("dal 3 al 10 novembre" asked on 5 November is 3 → 10 November, cut at today;
 * "from 20 December to 6 January" crosses the new year); anything else is read as on its own.
 */
export function resolveRangeEnd(spec: DaySpec, from: CivilDate, today: CivilDate): CivilDate {
  if (spec.kind === "weekday") return addDays(from, (spec.weekday - weekdayOf(from) + 7) % 7);
  if (spec.kind === "date" && spec.year === undefined) {
    for (let y = from.y; y < from.y + 9; y++) {
      if (isValid(y, spec.month, spec.day) && cmp({ y, m: spec.month, d: spec.day }, from) >= 0)
        return { y, m: spec.month, d: spec.day };
    }
    throw new PeriodError("invalid_date", `${spec.month}-${spec.day} is not a date`);
  }
  return resolveDay(spec, today);
}

/** Resolves a period as of `now` in `timeZone`. */
export function resolvePeriod(spec: PeriodSpec, now: Date, timeZone: string): SpanPeriod {
  const today = civilDateOf(now, timeZone);
  const monday = addDays(today, -isoWeekday(today));
  switch (spec.kind) {
    case "today":
      return days(spec, today, today, today);
    case "yesterday":
      return days(spec, addDays(today, -1), addDays(today, -1), today);
    case "last_n_days":
      return days(spec, addDays(today, -(spec.n - 1)), today, today);
    case "this_week":
      return days(spec, monday, today, today);
    case "last_week":
      return days(spec, addDays(monday, -7), addDays(monday, -1), today);
    case "this_month":
      return days(spec, { y: today.y, m: today.m, d: 1 }, today, today);
    case "last_month": {
      const last = addDays({ y: today.y, m: today.m, d: 1 }, -1);
      return days(spec, { y: last.y, m: last.m, d: 1 }, last, today);
    }
    case "this_year":
      return days(spec, { y: today.y, m: 1, d: 1 }, today, today);
    case "last_year":
      return days(spec, { y: today.y - 1, m: 1, d: 1 }, { y: today.y - 1, m: 12, d: 31 }, today);
    case "all_time":
      return days(spec, parseCivil(ALL_TIME_FROM), today, today);
    case "day": {
      const day = resolveDay(spec.day, today);
      return days(spec, day, day, today);
    }
    case "month": {
      const y = spec.year ?? (spec.month <= today.m ? today.y : today.y - 1);
      return days(spec, { y, m: spec.month, d: 1 }, lastOfMonth(y, spec.month), today);
    }
    case "range": {
      // "dal 3 al 10 novembre 2025": the year written at the end is the whole range's.
      const from =
        spec.from.kind === "date" && spec.from.year === undefined && spec.to.kind === "date" && spec.to.year
          ? resolveDay(spec.from, { y: spec.to.year, m: spec.to.month, d: spec.to.day })
          : resolveDay(spec.from, today);
      return days(spec, from, resolveRangeEnd(spec.to, from, today), today);
    }
    case "since":
      return days(spec, resolveDay(spec.from, today), today, today);
    case "weekend": {
      const wd = weekdayOf(today);
      if (spec.which === "this") {
        if (wd < 6) throw new PeriodError("future", "this weekend has not started yet");
        return days(spec, addDays(today, 6 - wd), today, today);
      }
      // The most recent weekend that is over: on a Saturday or Sunday, the one before.
      const saturday = addDays(today, wd >= 6 ? -(wd - 6) - 7 : -(wd + 1));
      return days(spec, saturday, addDays(saturday, 1), today);
    }
    case "rolling_hours": {
      const to = new Date(now.getTime() + 1);
      const from = new Date(now.getTime() - spec.hours * 3_600_000);
      return { kind: "rolling", hours: spec.hours, from: from.toISOString(), to: to.toISOString(), spec };
    }
  }
}

const shiftMonths = (date: CivilDate, months: number): CivilDate => {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, lastOfMonth(y, m).d) };
};

/** The period a comparison is made against. */
export function resolveComparison(
  spec: CompareSpec,
  period: SpanPeriod,
  now: Date,
  timeZone: string,
): ResolvedComparison {
  if (period.kind === "rolling") {
    const span = spec.kind === "period" ? null : period.hours * 3_600_000;
    if (span !== null) {
      const shift =
        spec.kind === "previous"
          ? span
          : spec.kind === "same_last_week"
            ? 7 * 86_400_000
            : spec.kind === "same_last_month"
              ? 30 * 86_400_000
              : 365 * 86_400_000;
      return {
        spec,
        period: {
          ...period,
          from: new Date(Date.parse(period.from) - shift).toISOString(),
          to: new Date(Date.parse(period.to) - shift).toISOString(),
        },
      };
    }
  }
  if (spec.kind === "period") return { spec, period: resolvePeriod(spec.period, now, timeZone) };
  if (period.kind !== "days") throw new PeriodError("invalid_date", "no comparison period");
  const first = parseCivil(period.from);
  const last = parseCivil(period.to);
  const shifted = (a: CivilDate, b: CivilDate): ResolvedComparison => ({
    spec,
    period: { kind: "days", from: formatCivil(a), to: formatCivil(b), spec: period.spec },
  });
  switch (spec.kind) {
    case "same_last_week":
      return shifted(addDays(first, -7), addDays(last, -7));
    case "same_last_month":
      return shifted(shiftMonths(first, -1), shiftMonths(last, -1));
    case "same_last_year":
      return shifted(shiftMonths(first, -12), shiftMonths(last, -12));
    case "previous": {
      const kind = period.spec.kind;
      const length = daysBetween(first, last) + 1;
      if (kind === "this_week" || kind === "last_week" || kind === "weekend")
        return shifted(addDays(first, -7), addDays(last, -7));
      if (kind === "this_month" || kind === "last_month" || kind === "month") {
        const prevLast = addDays(first, -1);
        const prevFirst = { y: prevLast.y, m: prevLast.m, d: 1 };
        return shifted(prevFirst, addDays(prevFirst, Math.min(length, prevLast.d) - 1));
      }
      return shifted(addDays(first, -length), addDays(first, -1));
    }
  }
}

/** Inclusive number of days of a days period. */
export const dayCount = (p: DayPeriod): number => daysBetween(parseCivil(p.from), parseCivil(p.to)) + 1;
