import { describe, expect, it } from "vitest";
import type { PeriodSpec } from "../graph/plan.ts";
import { PeriodError, resolveComparison, resolveDay, resolvePeriod, type DayPeriod } from "./periods.ts";

// Wednesday 18 November 2026, 10:00 UTC.
const NOW = new Date("2026-11-18T10:00:00Z");
const days = (spec: PeriodSpec, now = NOW, tz = "UTC") => {
  const p = resolvePeriod(spec, now, tz) as DayPeriod;
  return [p.from, p.to];
};

describe("resolvePeriod", () => {
  it.each<[PeriodSpec, string, string]>([
    [{ kind: "today" }, "2026-11-18", "2026-11-18"],
    [{ kind: "yesterday" }, "2026-11-17", "2026-11-17"],
    [{ kind: "last_n_days", n: 7 }, "2026-11-12", "2026-11-18"],
    [{ kind: "this_week" }, "2026-11-16", "2026-11-18"],
    [{ kind: "last_week" }, "2026-11-09", "2026-11-15"],
    [{ kind: "this_month" }, "2026-11-01", "2026-11-18"],
    [{ kind: "last_month" }, "2026-10-01", "2026-10-31"],
    [{ kind: "this_year" }, "2026-01-01", "2026-11-18"],
    [{ kind: "day", day: { kind: "days_ago", n: 2 } }, "2026-11-16", "2026-11-16"],
    [{ kind: "day", day: { kind: "date", month: 11, day: 3 } }, "2026-11-03", "2026-11-03"],
    // Without a year, the latest such date not after today: 25 December is last year's.
    [{ kind: "day", day: { kind: "date", month: 12, day: 25 } }, "2025-12-25", "2025-12-25"],
    [{ kind: "day", day: { kind: "weekday", weekday: 3, beforeToday: false } }, "2026-11-18", "2026-11-18"],
    [{ kind: "day", day: { kind: "weekday", weekday: 3, beforeToday: true } }, "2026-11-11", "2026-11-11"],
    [{ kind: "day", day: { kind: "weekday", weekday: 1, beforeToday: true } }, "2026-11-16", "2026-11-16"],
    // "a novembre" is this November so far; "a dicembre" the latest December.
    [{ kind: "month", month: 11 }, "2026-11-01", "2026-11-18"],
    [{ kind: "month", month: 12 }, "2025-12-01", "2025-12-31"],
    [{ kind: "month", month: 2, year: 2024 }, "2024-02-01", "2024-02-29"],
    [
      { kind: "range", from: { kind: "date", month: 11, day: 3 }, to: { kind: "date", month: 11, day: 10 } },
      "2026-11-03",
      "2026-11-10",
    ],
    // A range into the future ends today.
    [
      {
        kind: "range",
        from: { kind: "date", month: 11, day: 10 },
        to: { kind: "date", month: 11, day: 30, year: 2026 },
      },
      "2026-11-10",
      "2026-11-18",
    ],
    [
      { kind: "since", from: { kind: "weekday", weekday: 1, beforeToday: false } },
      "2026-11-16",
      "2026-11-18",
    ],
    [{ kind: "since", from: { kind: "date", month: 11, day: 2 } }, "2026-11-02", "2026-11-18"],
    [{ kind: "weekend", which: "last" }, "2026-11-14", "2026-11-15"],
  ])("%j is %s to %s", (spec, from, to) => {
    expect(days(spec)).toEqual([from, to]);
  });

  it("takes the weekend before on a Saturday or Sunday, and 'this weekend' only then", () => {
    const sunday = new Date("2026-11-22T12:00:00Z");
    expect(days({ kind: "weekend", which: "last" }, sunday)).toEqual(["2026-11-14", "2026-11-15"]);
    expect(days({ kind: "weekend", which: "this" }, sunday)).toEqual(["2026-11-21", "2026-11-22"]);
    expect(() => resolvePeriod({ kind: "weekend", which: "this" }, NOW, "UTC")).toThrow(PeriodError);
  });

  it("refuses periods still to come and dates that do not exist", () => {
    expect(() =>
      resolvePeriod({ kind: "day", day: { kind: "date", month: 12, day: 1, year: 2026 } }, NOW, "UTC"),
    ).toThrow(/not started/);
    expect(() =>
      resolveDay({ kind: "date", month: 2, day: 30, year: 2026 }, { y: 2026, m: 11, d: 18 }),
    ).toThrow(PeriodError);
    // 29 February without a year is the latest leap year's.
    expect(resolveDay({ kind: "date", month: 2, day: 29 }, { y: 2026, m: 11, d: 18 })).toEqual({
      y: 2024,
      m: 2,
      d: 29,
    });
  });

  it("counts days in the business time zone, not in UTC", () => {
    const lateInRome = new Date("2026-11-18T23:30:00Z");
    expect(days({ kind: "today" }, lateInRome, "Europe/Rome")).toEqual(["2026-11-19", "2026-11-19"]);
    expect(days({ kind: "yesterday" }, lateInRome, "Europe/Rome")).toEqual(["2026-11-18", "2026-11-18"]);
    expect(days({ kind: "this_week" }, new Date("2026-11-22T23:30:00Z"), "Europe/Rome")).toEqual([
      "2026-11-23",
      "2026-11-23",
    ]);
    expect(days({ kind: "today" }, new Date("2026-11-18T03:00:00Z"), "America/New_York")).toEqual([
      "2026-11-17",
      "2026-11-17",
    ]);
  });

  it("resolves the day daylight saving time ends like any other day", () => {
    const sunday = new Date("2026-10-25T10:00:00Z");
    expect(days({ kind: "today" }, sunday, "Europe/Rome")).toEqual(["2026-10-25", "2026-10-25"]);
    expect(days({ kind: "last_n_days", n: 3 }, sunday, "Europe/Rome")).toEqual(["2026-10-23", "2026-10-25"]);
  });

  it("turns a rolling span into instants up to now", () => {
    const p = resolvePeriod({ kind: "rolling_hours", hours: 2 }, NOW, "Europe/Rome");
    expect(p).toMatchObject({ kind: "rolling", hours: 2, from: "2026-11-18T08:00:00.000Z" });
    expect(Date.parse(p.to)).toBeGreaterThan(NOW.getTime());
  });
});

describe("resolveComparison", () => {
  const compare = (
    spec: PeriodSpec,
    kind: "previous" | "same_last_week" | "same_last_month" | "same_last_year",
  ) => {
    const c = resolveComparison({ kind }, resolvePeriod(spec, NOW, "UTC"), NOW, "UTC");
    return c.period.kind === "days" ? [c.period.from, c.period.to] : null;
  };
  it("compares with the equally long period before, weeks and months aligned", () => {
    expect(compare({ kind: "last_n_days", n: 7 }, "previous")).toEqual(["2026-11-05", "2026-11-11"]);
    expect(compare({ kind: "this_week" }, "previous")).toEqual(["2026-11-09", "2026-11-11"]);
    expect(compare({ kind: "this_month" }, "previous")).toEqual(["2026-10-01", "2026-10-18"]);
    expect(compare({ kind: "last_month" }, "previous")).toEqual(["2026-09-01", "2026-09-30"]);
    expect(compare({ kind: "today" }, "previous")).toEqual(["2026-11-17", "2026-11-17"]);
  });
  it("shifts by a week, a month or a year for 'the same period'", () => {
    expect(compare({ kind: "this_month" }, "same_last_month")).toEqual(["2026-10-01", "2026-10-18"]);
    expect(compare({ kind: "today" }, "same_last_week")).toEqual(["2026-11-11", "2026-11-11"]);
    expect(compare({ kind: "day", day: { kind: "date", month: 3, day: 31 } }, "same_last_month")).toEqual([
      "2026-02-28",
      "2026-02-28",
    ]);
    expect(compare({ kind: "this_week" }, "same_last_year")).toEqual(["2025-11-16", "2025-11-18"]);
  });
  it("compares with a named period as it is named", () => {
    const c = resolveComparison(
      { kind: "period", period: { kind: "month", month: 10 } },
      resolvePeriod({ kind: "month", month: 11 }, NOW, "UTC"),
      NOW,
      "UTC",
    );
    expect(c.period).toMatchObject({ kind: "days", from: "2026-10-01", to: "2026-10-31" });
  });
  it("compares a rolling span with the span just before it", () => {
    const c = resolveComparison(
      { kind: "previous" },
      resolvePeriod({ kind: "rolling_hours", hours: 3 }, NOW, "UTC"),
      NOW,
      "UTC",
    );
    expect(c.period).toMatchObject({ kind: "rolling", from: "2026-11-18T04:00:00.000Z" });
  });
});

describe("ranges whose end is a date without a year or a weekday", () => {
  const TZ = "UTC";
  const d = (month: number, day: number, year?: number) =>
    year === undefined ? { kind: "date" as const, month, day } : { kind: "date" as const, month, day, year };

  it("ends on the first such day after the start, cut at today", () => {
    // Asked on 5 November: 3 → 10 November is 3 → 5 November so far, not November 2025.
    expect(
      resolvePeriod({ kind: "range", from: d(11, 3), to: d(11, 10) }, new Date("2026-11-05T12:00:00Z"), TZ),
    ).toMatchObject({ from: "2026-11-03", to: "2026-11-05" });
    // Across the new year, asked on 28 December.
    expect(
      resolvePeriod({ kind: "range", from: d(12, 20), to: d(1, 6) }, new Date("2026-12-28T12:00:00Z"), TZ),
    ).toMatchObject({ from: "2026-12-20", to: "2026-12-28" });
    // …and asked in January, the whole range.
    expect(
      resolvePeriod({ kind: "range", from: d(12, 20), to: d(1, 6) }, new Date("2027-01-10T12:00:00Z"), TZ),
    ).toMatchObject({ from: "2026-12-20", to: "2027-01-06" });
    // "da lunedì a mercoledì" asked on a Tuesday: Monday → today, not last Wednesday → Monday.
    expect(
      resolvePeriod(
        {
          kind: "range",
          from: { kind: "weekday", weekday: 1, beforeToday: false },
          to: { kind: "weekday", weekday: 3, beforeToday: false },
        },
        new Date("2026-11-17T12:00:00Z"),
        TZ,
      ),
    ).toMatchObject({ from: "2026-11-16", to: "2026-11-17" });
  });

  it("takes the year written at the end for the whole range", () => {
    expect(
      resolvePeriod(
        { kind: "range", from: d(11, 3), to: d(11, 10, 2025) },
        new Date("2026-11-18T12:00:00Z"),
        TZ,
      ),
    ).toMatchObject({ from: "2025-11-03", to: "2025-11-10" });
  });
});
