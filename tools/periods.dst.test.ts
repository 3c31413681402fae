import { describe, expect, it } from "vitest";
import type { CompareSpec, PeriodSpec } from "../graph/plan.ts";
import { addDays, parseCivil, startOfDay } from "./calendar.ts";
import { resolveComparison, resolvePeriod, type DayPeriod, type SpanPeriod } from "./periods.ts";

/**
 * Periods in a business time zone other than UTC, on and around the days daylight saving time
 * begins and ends. A days period is turned into instants the way the semantic layer does it
 * (tools/semantic/compiler.ts): from local midnight of the first day to local midnight after the last.
 *
 * Checked by hand:
 * - Europe/Rome: CET = UTC+1, CEST = UTC+2. 2026-03-29 (last Sunday of March) clocks go 02:00 → 03:00,
 *   so the day runs 2026-03-28T23:00Z → 2026-03-29T22:00Z = 23 hours. 2026-10-25 (last Sunday of
 *   October) clocks go 03:00 → 02:00, so the day runs 2026-10-24T22:00Z → 2026-10-25T23:00Z = 25 hours.
 * - America/New_York: EST = UTC−5, EDT = UTC−4. 2026-03-08 (second Sunday of March) runs
 *   05:00Z → 2026-03-09T04:00Z = 23 hours; 2026-11-01 (first Sunday of November) runs
 *   04:00Z → 2026-11-02T05:00Z = 25 hours.
 */

const ROME = "Europe/Rome";
const NEW_YORK = "America/New_York";
const HOUR = 3_600_000;

const days = (p: SpanPeriod): DayPeriod => {
  expect(p.kind).toBe("days");
  return p as DayPeriod;
};
/** The UTC instants [from, to) a days period covers in `tz`, and how many hours that is. */
function bounds(p: SpanPeriod, tz: string) {
  const d = days(p);
  const from = startOfDay(parseCivil(d.from), tz);
  const to = startOfDay(addDays(parseCivil(d.to), 1), tz);
  return { from: from.toISOString(), to: to.toISOString(), hours: (to.getTime() - from.getTime()) / HOUR };
}
const resolve = (spec: PeriodSpec, now: string, tz: string) => resolvePeriod(spec, new Date(now), tz);

describe("Europe/Rome: the day daylight saving time begins (23 hours)", () => {
  it("today, on 29 March 2026", () => {
    const p = resolve({ kind: "today" }, "2026-03-29T10:00:00Z", ROME);
    expect(days(p)).toMatchObject({ from: "2026-03-29", to: "2026-03-29" });
    expect(bounds(p, ROME)).toEqual({
      from: "2026-03-28T23:00:00.000Z",
      to: "2026-03-29T22:00:00.000Z",
      hours: 23,
    });
  });

  it("is still 29 March at 23:59:59 local time, and 30 March one second later", () => {
    const late = resolve({ kind: "today" }, "2026-03-29T21:59:59Z", ROME);
    expect(days(late)).toMatchObject({ from: "2026-03-29", to: "2026-03-29" });
    const next = resolve({ kind: "today" }, "2026-03-29T22:00:00Z", ROME);
    expect(days(next)).toMatchObject({ from: "2026-03-30", to: "2026-03-30" });
    // In UTC the same instant is still the 29th.
    expect(days(resolve({ kind: "today" }, "2026-03-29T22:00:00Z", "UTC"))).toMatchObject({
      from: "2026-03-29",
    });
  });

  it("yesterday and the day before yesterday, asked on the days after", () => {
    const yesterday = resolve({ kind: "yesterday" }, "2026-03-30T08:00:00Z", ROME);
    expect(bounds(yesterday, ROME)).toEqual({
      from: "2026-03-28T23:00:00.000Z",
      to: "2026-03-29T22:00:00.000Z",
      hours: 23,
    });
    const twoAgo = resolve({ kind: "day", day: { kind: "days_ago", n: 2 } }, "2026-03-31T08:00:00Z", ROME);
    expect(days(twoAgo)).toMatchObject({ from: "2026-03-29", to: "2026-03-29" });
    // The day before it is a normal 24-hour CET day.
    const saturday = resolve({ kind: "day", day: { kind: "days_ago", n: 3 } }, "2026-03-31T08:00:00Z", ROME);
    expect(bounds(saturday, ROME).hours).toBe(24);
  });

  it("last week and last weekend containing it are an hour short", () => {
    // Wednesday 1 April 2026: last week is Monday 23 → Sunday 29 March.
    const week = resolve({ kind: "last_week" }, "2026-04-01T10:00:00Z", ROME);
    expect(bounds(week, ROME)).toEqual({
      from: "2026-03-22T23:00:00.000Z",
      to: "2026-03-29T22:00:00.000Z",
      hours: 7 * 24 - 1,
    });
    const weekend = resolve({ kind: "weekend", which: "last" }, "2026-04-01T10:00:00Z", ROME);
    expect(bounds(weekend, ROME)).toEqual({
      from: "2026-03-27T23:00:00.000Z",
      to: "2026-03-29T22:00:00.000Z",
      hours: 47,
    });
  });

  it("the month of March 2026 is 743 hours; April so far starts at CEST midnight", () => {
    // 00:30 on 1 April in Rome is still 31 March in UTC.
    const now = "2026-03-31T22:30:00Z";
    const march = resolve({ kind: "month", month: 3 }, now, ROME);
    expect(days(march)).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
    expect(bounds(march, ROME)).toEqual({
      from: "2026-02-28T23:00:00.000Z",
      to: "2026-03-31T22:00:00.000Z",
      hours: 31 * 24 - 1,
    });
    expect(days(resolve({ kind: "this_month" }, now, ROME))).toMatchObject({
      from: "2026-04-01",
      to: "2026-04-01",
    });
    expect(days(resolve({ kind: "this_month" }, now, "UTC"))).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(days(resolve({ kind: "last_month" }, now, ROME))).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-31",
    });
  });

  it("a rolling span counts real hours across the missing hour", () => {
    // 04:30 CEST on 29 March: three hours back is 00:30 CET (four hours on the wall clock).
    const p = resolve({ kind: "rolling_hours", hours: 3 }, "2026-03-29T02:30:00Z", ROME);
    expect(p).toMatchObject({ kind: "rolling", hours: 3, from: "2026-03-28T23:30:00.000Z" });
    if (p.kind !== "rolling") throw new Error("rolling expected");
    expect(Date.parse(p.to) - Date.parse(p.from)).toBe(3 * HOUR + 1);
  });
});

describe("Europe/Rome: the day daylight saving time ends (25 hours)", () => {
  it("today, on 25 October 2026, whichever of the two 02:30 it is", () => {
    for (const now of ["2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"]) {
      const p = resolve({ kind: "today" }, now, ROME);
      expect(bounds(p, ROME), now).toEqual({
        from: "2026-10-24T22:00:00.000Z",
        to: "2026-10-25T23:00:00.000Z",
        hours: 25,
      });
    }
  });

  it("is still 25 October at 23:30 local time (22:30Z) and 26 October at 23:00Z", () => {
    expect(days(resolve({ kind: "today" }, "2026-10-25T22:30:00Z", ROME))).toMatchObject({
      from: "2026-10-25",
    });
    expect(days(resolve({ kind: "today" }, "2026-10-25T23:00:00Z", ROME))).toMatchObject({
      from: "2026-10-26",
    });
  });

  it("last weekend, asked at 00:30 on Monday 26 (still Sunday in UTC)", () => {
    const now = "2026-10-25T23:30:00Z";
    const rome = resolve({ kind: "weekend", which: "last" }, now, ROME);
    expect(bounds(rome, ROME)).toEqual({
      from: "2026-10-23T22:00:00.000Z",
      to: "2026-10-25T23:00:00.000Z",
      hours: 49,
    });
    // In UTC it is still Sunday, so the last weekend that is over is the one before.
    expect(days(resolve({ kind: "weekend", which: "last" }, now, "UTC"))).toMatchObject({
      from: "2026-10-17",
      to: "2026-10-18",
    });
  });

  it("October 2026 is 745 hours; the last 7 days through it 169", () => {
    const october = resolve({ kind: "last_month" }, "2026-11-01T10:00:00Z", ROME);
    expect(bounds(october, ROME)).toEqual({
      from: "2026-09-30T22:00:00.000Z",
      to: "2026-10-31T23:00:00.000Z",
      hours: 31 * 24 + 1,
    });
    const week = resolve({ kind: "last_n_days", n: 7 }, "2026-10-28T10:00:00Z", ROME);
    expect(bounds(week, ROME)).toEqual({
      from: "2026-10-21T22:00:00.000Z",
      to: "2026-10-28T23:00:00.000Z",
      hours: 7 * 24 + 1,
    });
  });

  it("a rolling span counts real hours across the repeated hour", () => {
    // 02:30 CET (the second one): two hours back is 01:30 CEST, one hour on the wall clock.
    const p = resolve({ kind: "rolling_hours", hours: 2 }, "2026-10-25T01:30:00Z", ROME);
    expect(p).toMatchObject({ kind: "rolling", hours: 2, from: "2026-10-24T23:30:00.000Z" });
  });

  it("compares the 25-hour day with the day before, and with the same day a week earlier", () => {
    const now = new Date("2026-10-25T12:00:00Z");
    const today = resolvePeriod({ kind: "today" }, now, ROME);
    const compare = (spec: CompareSpec) => resolveComparison(spec, today, now, ROME).period;
    const previous = compare({ kind: "previous" });
    expect(previous).toMatchObject({ kind: "days", from: "2026-10-24", to: "2026-10-24" });
    expect(bounds(previous, ROME)).toEqual({
      from: "2026-10-23T22:00:00.000Z",
      to: "2026-10-24T22:00:00.000Z",
      hours: 24,
    });
    expect(compare({ kind: "same_last_week" })).toMatchObject({ from: "2026-10-18", to: "2026-10-18" });
    // Next spring's short day compared with the same day last year.
    const spring = new Date("2027-03-28T12:00:00Z"); // last Sunday of March 2027
    const short = resolvePeriod({ kind: "today" }, spring, ROME);
    expect(bounds(short, ROME).hours).toBe(23);
    const lastYear = resolveComparison({ kind: "same_last_year" }, short, spring, ROME).period;
    expect(lastYear).toMatchObject({ from: "2026-03-28", to: "2026-03-28" });
    expect(bounds(lastYear, ROME).hours).toBe(24);
  });
});

describe("America/New_York", () => {
  it("the spring day is 23 hours and the autumn day 25", () => {
    expect(bounds(resolve({ kind: "today" }, "2026-03-08T12:00:00Z", NEW_YORK), NEW_YORK)).toEqual({
      from: "2026-03-08T05:00:00.000Z",
      to: "2026-03-09T04:00:00.000Z",
      hours: 23,
    });
    expect(bounds(resolve({ kind: "today" }, "2026-11-01T12:00:00Z", NEW_YORK), NEW_YORK)).toEqual({
      from: "2026-11-01T04:00:00.000Z",
      to: "2026-11-02T05:00:00.000Z",
      hours: 25,
    });
  });

  it("is still the day before in the evening, when UTC has moved on", () => {
    // 23:30 EST on Sunday 1 November is 04:30Z on Monday 2 November.
    const now = "2026-11-02T04:30:00Z";
    expect(days(resolve({ kind: "today" }, now, NEW_YORK))).toMatchObject({
      from: "2026-11-01",
      to: "2026-11-01",
    });
    expect(days(resolve({ kind: "yesterday" }, now, NEW_YORK))).toMatchObject({ from: "2026-10-31" });
    expect(days(resolve({ kind: "this_week" }, now, NEW_YORK))).toMatchObject({
      from: "2026-10-26",
      to: "2026-11-01",
    });
    expect(days(resolve({ kind: "this_week" }, now, "UTC"))).toMatchObject({
      from: "2026-11-02",
      to: "2026-11-02",
    });
    // On Sunday "this weekend" exists in New York; in UTC it is already Monday.
    expect(bounds(resolve({ kind: "weekend", which: "this" }, now, NEW_YORK), NEW_YORK)).toEqual({
      from: "2026-10-31T04:00:00.000Z",
      to: "2026-11-02T05:00:00.000Z",
      hours: 49,
    });
    expect(() => resolve({ kind: "weekend", which: "this" }, now, "UTC")).toThrow(/not started/);
  });

  it("a weekday before today and the week since Monday, across the spring change", () => {
    // Tuesday 10 March 2026, 09:00 EDT.
    const now = "2026-03-10T13:00:00Z";
    const lastSunday = resolve(
      { kind: "day", day: { kind: "weekday", weekday: 7, beforeToday: true } },
      now,
      NEW_YORK,
    );
    expect(bounds(lastSunday, NEW_YORK)).toEqual({
      from: "2026-03-08T05:00:00.000Z",
      to: "2026-03-09T04:00:00.000Z",
      hours: 23,
    });
    const lastWeek = resolve({ kind: "last_week" }, now, NEW_YORK);
    expect(bounds(lastWeek, NEW_YORK)).toEqual({
      from: "2026-03-02T05:00:00.000Z",
      to: "2026-03-09T04:00:00.000Z",
      hours: 7 * 24 - 1,
    });
    const sinceMonday = resolve(
      { kind: "since", from: { kind: "weekday", weekday: 1, beforeToday: false } },
      now,
      NEW_YORK,
    );
    expect(bounds(sinceMonday, NEW_YORK)).toEqual({
      from: "2026-03-09T04:00:00.000Z",
      to: "2026-03-11T04:00:00.000Z",
      hours: 48,
    });
  });

  it("a date without a year, at New Year: the business day decides which year", () => {
    // 00:30 on 1 January 2027 in Rome; 18:30 on 31 December 2026 in New York.
    const now = "2026-12-31T23:30:00Z";
    const newYear = { kind: "day", day: { kind: "date", month: 1, day: 1 } } as const;
    expect(days(resolve(newYear, now, ROME))).toMatchObject({ from: "2027-01-01" });
    expect(days(resolve(newYear, now, NEW_YORK))).toMatchObject({ from: "2026-01-01" });
    expect(days(resolve({ kind: "this_year" }, now, ROME))).toMatchObject({
      from: "2027-01-01",
      to: "2027-01-01",
    });
    expect(days(resolve({ kind: "this_year" }, now, NEW_YORK))).toMatchObject({
      from: "2026-01-01",
      to: "2026-12-31",
    });
    expect(bounds(resolve({ kind: "this_year" }, now, NEW_YORK), NEW_YORK).hours).toBe(365 * 24);
  });
});
