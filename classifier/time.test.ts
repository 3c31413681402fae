import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Hours, PeriodSpec } from "../graph/plan.ts";
import { resolvePeriod, type DayPeriod } from "../tools/periods.ts";
import { normalizeText } from "./normalize.ts";
import { HORIZON, readTime, WINDOW_WORDS, type TimeReading } from "./time.ts";

/**
 * The time parser (docs/query-plans.md, "Periods" and "Time of day"). A reading is a relative
 * expression and never depends on the clock; every test still fixes the clock, and resolves what was
 * read against a fixed `now` so that the meaning, not only the shape, is checked.
 */

const TZ = "Europe/Rome";
// Wednesday 18 November 2026, 11:00 in Rome.
const NOW = new Date("2026-11-18T10:00:00Z");
const at = (iso: string) => new Date(iso);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Reads a question the way the planner does: normalized text, original text for the dates. */
const read = (q: string): TimeReading => readTime(normalizeText(q), q);
const periodsOf = (q: string): PeriodSpec[] => read(q).periods.map((p) => p.spec);
const only = (q: string): PeriodSpec => {
  const periods = periodsOf(q);
  expect(periods, q).toHaveLength(1);
  return periods[0]!;
};
/** The calendar days the question's only period names, as of `now` in Rome. */
const daysOf = (q: string, now: Date = NOW): [string, string] => {
  const p = resolvePeriod(only(q), now, TZ) as DayPeriod;
  expect(p.kind).toBe("days");
  return [p.from, p.to];
};

const date = (month: number, day: number, year?: number) =>
  year === undefined ? { kind: "date" as const, month, day } : { kind: "date" as const, month, day, year };
const weekday = (n: number, beforeToday: boolean) => ({ kind: "weekday" as const, weekday: n, beforeToday });

describe("readTime: explicit dates", () => {
  it.each<[string, PeriodSpec]>([
    ["quanti ordini il 3 novembre?", { kind: "day", day: date(11, 3) }],
    ["ordini il 3/11", { kind: "day", day: date(11, 3) }],
    ["ordini il 3 nov", { kind: "day", day: date(11, 3) }],
    ["ordini il 28/10", { kind: "day", day: date(10, 28) }],
    ["ordini del 3/11/2025", { kind: "day", day: date(11, 3, 2025) }],
    ["ordini del 3 novembre 2025", { kind: "day", day: date(11, 3, 2025) }],
    ["how many orders on November 3rd?", { kind: "day", day: date(11, 3) }],
    ["orders on 3 November", { kind: "day", day: date(11, 3) }],
    ["emails on Nov 3rd", { kind: "day", day: date(11, 3) }],
    ["emails on the 3rd of November", { kind: "day", day: date(11, 3) }],
    ["orders on 3/11", { kind: "day", day: date(11, 3) }],
    ["orders on 3 November 2025", { kind: "day", day: date(11, 3, 2025) }],
  ])("%s", (q, spec) => {
    expect(only(q)).toEqual(spec);
  });

  it("is the latest such date not after today, or the date of the year written", () => {
    expect(daysOf("quanti ordini il 3 novembre?")).toEqual(["2026-11-03", "2026-11-03"]);
    expect(daysOf("how many orders on November 3rd?")).toEqual(["2026-11-03", "2026-11-03"]);
    // Said on 2 November, the latest 3 November is last year's.
    expect(daysOf("ordini il 3/11", at("2026-11-02T10:00:00Z"))).toEqual(["2025-11-03", "2025-11-03"]);
    expect(daysOf("orders on Nov 3rd", at("2026-11-02T10:00:00Z"))).toEqual(["2025-11-03", "2025-11-03"]);
    // Said on the day itself, it is today.
    expect(daysOf("ordini il 3 novembre", at("2026-11-03T10:00:00Z"))).toEqual(["2026-11-03", "2026-11-03"]);
    expect(daysOf("orders on 3 November 2025")).toEqual(["2025-11-03", "2025-11-03"]);
  });

  it.each<[string, PeriodSpec]>([
    ["ordini del 31 febbraio", { kind: "day", day: date(2, 31) }],
    ["email del 30 febbraio 2026", { kind: "day", day: date(2, 30, 2026) }],
    ["orders on 30 February", { kind: "day", day: date(2, 30) }],
    ["runs on 31 of April", { kind: "day", day: date(4, 31) }],
  ])("reads the impossible date %s as that date, never as its month", (q, spec) => {
    expect(only(q)).toEqual(spec);
    expect(() => resolvePeriod(only(q), NOW, TZ)).toThrow(/not a date/);
  });

  it.each<[string, PeriodSpec]>([
    ["quante email a Natale?", { kind: "day", day: date(12, 25) }],
    ["orders on Christmas Eve", { kind: "day", day: date(12, 24) }],
    ["ordini a Ferragosto", { kind: "day", day: date(8, 15) }],
    ["runs on New Year's Day", { kind: "day", day: date(1, 1) }],
  ])("reads the holiday %s as its day", (q, spec) => {
    expect(only(q)).toEqual(spec);
  });

  it("last year is the whole previous calendar year; the past year the last twelve months", () => {
    expect(only("quanti ordini l'anno scorso?")).toEqual({ kind: "last_year" });
    expect(daysOf("how many runs last year?")).toEqual(["2025-01-01", "2025-12-31"]);
    expect(only("runs in the past year")).toEqual({ kind: "last_n_days", n: 360 });
  });

  it("a span of whole hours written in minutes is those hours; other minutes are no period", () => {
    expect(only("runs in the last 120 minutes")).toEqual({ kind: "rolling_hours", hours: 2 });
    expect(periodsOf("runs in the past 90 minutes")).toEqual([]);
  });

  it.each(["how many emails between Monday and Wednesday?", "quante email tra lunedì e mercoledì?"])(
    "%s is a range of weekdays, from the latest Monday",
    (q) => {
      expect(only(q)).toEqual({
        kind: "range",
        from: weekday(1, false),
        to: weekday(3, false),
      });
      // Said on Wednesday 18 November: Monday 16 to Wednesday 18.
      expect(daysOf(q)).toEqual(["2026-11-16", "2026-11-18"]);
    },
  );

  it("does not take a day-of-month date for the time of day or a rolling span", () => {
    const r = read("quanti ordini il 3 novembre?");
    expect(r.hours).toBeNull();
    expect(r.weekdays).toBeNull();
    expect(r.horizonDays).toBeNull();
  });
});

describe("readTime: months", () => {
  it.each<[string, PeriodSpec]>([
    ["quanti ordini a novembre?", { kind: "month", month: 11 }],
    ["ordini di ottobre", { kind: "month", month: 10 }],
    ["ordini novembre 2025", { kind: "month", month: 11, year: 2025 }],
    ["how many orders in November?", { kind: "month", month: 11 }],
    ["orders in may", { kind: "month", month: 5 }],
    ["orders in November 2025", { kind: "month", month: 11, year: 2025 }],
    ["ordini il mese scorso", { kind: "last_month" }],
    ["quanti ordini lo scorso mese?", { kind: "last_month" }],
    ["how many orders last month?", { kind: "last_month" }],
    ["ordini questo mese", { kind: "this_month" }],
    ["orders this month", { kind: "this_month" }],
  ])("%s", (q, spec) => {
    expect(only(q)).toEqual(spec);
  });

  it("does not read the verb 'may' as May", () => {
    expect(read("may I see the orders of today?").periods.map((p) => p.spec)).toEqual([{ kind: "today" }]);
  });

  it("is the latest such month: the current one so far, else the most recent one, never the future", () => {
    expect(daysOf("a novembre")).toEqual(["2026-11-01", "2026-11-18"]);
    expect(daysOf("in November", at("2026-12-02T10:00:00Z"))).toEqual(["2026-11-01", "2026-11-30"]);
    // In October 2026 the latest November is November 2025.
    expect(daysOf("a novembre", at("2026-10-15T10:00:00Z"))).toEqual(["2025-11-01", "2025-11-30"]);
    expect(daysOf("in November", at("2026-10-15T10:00:00Z"))).toEqual(["2025-11-01", "2025-11-30"]);
    expect(daysOf("ordini novembre 2025")).toEqual(["2025-11-01", "2025-11-30"]);
  });

  it("'last month' is the whole previous calendar month", () => {
    expect(daysOf("last month")).toEqual(["2026-10-01", "2026-10-31"]);
    expect(daysOf("il mese scorso", at("2026-03-10T10:00:00Z"))).toEqual(["2026-02-01", "2026-02-28"]);
    expect(daysOf("last month", at("2026-01-05T10:00:00Z"))).toEqual(["2025-12-01", "2025-12-31"]);
  });
});

describe("readTime: weekdays", () => {
  it.each<[string, PeriodSpec]>([
    ["errori lunedì", { kind: "day", day: weekday(1, false) }],
    ["ordini lunedì scorso", { kind: "day", day: weekday(1, true) }],
    ["ordini martedì scorso", { kind: "day", day: weekday(2, true) }],
    ["errors on Tuesday", { kind: "day", day: weekday(2, false) }],
    ["failures last Tuesday", { kind: "day", day: weekday(2, true) }],
    ["emails on Monday morning", { kind: "day", day: weekday(1, false) }],
  ])("%s", (q, spec) => {
    expect(only(q)).toEqual(spec);
  });

  it("is the most recent such day, today included; 'last'/'scorso' is before today", () => {
    // NOW is a Wednesday (18 November).
    expect(daysOf("errori lunedì")).toEqual(["2026-11-16", "2026-11-16"]);
    expect(daysOf("failures last Tuesday")).toEqual(["2026-11-17", "2026-11-17"]);
    expect(daysOf("errori mercoledì")).toEqual(["2026-11-18", "2026-11-18"]);
    expect(daysOf("errors last Wednesday")).toEqual(["2026-11-11", "2026-11-11"]);
    expect(daysOf("ordini mercoledì scorso")).toEqual(["2026-11-11", "2026-11-11"]);
    // On a Tuesday: "on Tuesday" is today, "last Tuesday" the week before.
    const tuesday = at("2026-11-17T10:00:00Z");
    expect(daysOf("errors on Tuesday", tuesday)).toEqual(["2026-11-17", "2026-11-17"]);
    expect(daysOf("failures last Tuesday", tuesday)).toEqual(["2026-11-10", "2026-11-10"]);
    expect(daysOf("ordini martedì scorso", tuesday)).toEqual(["2026-11-10", "2026-11-10"]);
  });

  it("keeps the time of day beside a weekday", () => {
    expect(read("email di lunedì mattina").hours).toEqual({ from: 6, to: 12 });
    expect(read("emails on Monday morning").hours).toEqual({ from: 6, to: 12 });
  });

  it.each<[string, number[]]>([
    ["ordini nei lunedì", [1]],
    ["ordini ogni venerdì", [5]],
    ["orders every Friday", [5]],
    ["runs on mondays", [1]],
    ["runs on fridays", [5]],
    ["ordini nei weekend", [6, 7]],
    ["orders on weekends", [6, 7]],
    ["ordini il sabato e la domenica", [6, 7]],
  ])("a plural weekday or weekend is a filter, not a period: %s", (q, days) => {
    const r = read(q);
    expect(r.weekdays).toEqual(days);
    expect(r.periods).toEqual([]);
  });

  it("a weekday beside another period filters that period", () => {
    const r = read("orders on Monday this week");
    expect(r.periods.map((p) => p.spec)).toEqual([{ kind: "this_week" }]);
    expect(r.weekdays).toEqual([1]);
  });
});

describe("readTime: weekends", () => {
  it.each([
    "quante email lo scorso weekend?",
    "ordini il weekend scorso",
    "ordini lo scorso fine settimana",
    "how many emails last weekend?",
    "orders the past weekend",
  ])("%s is the last weekend", (q) => {
    expect(only(q)).toEqual({ kind: "weekend", which: "last" });
  });

  it.each(["ordini questo weekend", "orders this weekend"])("%s is this weekend", (q) => {
    expect(only(q)).toEqual({ kind: "weekend", which: "this" });
  });

  it("is Saturday and Sunday of the most recent weekend that is over", () => {
    expect(daysOf("lo scorso weekend")).toEqual(["2026-11-14", "2026-11-15"]);
    expect(daysOf("last weekend")).toEqual(["2026-11-14", "2026-11-15"]);
    // On Sunday 22 the weekend is not over yet: the one before.
    expect(daysOf("last weekend", at("2026-11-22T10:00:00Z"))).toEqual(["2026-11-14", "2026-11-15"]);
    // On Monday 23 it is.
    expect(daysOf("il weekend scorso", at("2026-11-23T10:00:00Z"))).toEqual(["2026-11-21", "2026-11-22"]);
    // "this weekend" on a Saturday is Saturday so far.
    expect(daysOf("this weekend", at("2026-11-21T10:00:00Z"))).toEqual(["2026-11-21", "2026-11-21"]);
  });
});

describe("readTime: days ago", () => {
  it.each([
    "email l'altro ieri",
    "ordini dell'altro ieri",
    "quante esecuzioni avantieri?",
    "emails the day before yesterday",
    "how many runs the day before yesterday?",
  ])("%s is today − 2", (q) => {
    expect(only(q)).toEqual({ kind: "day", day: { kind: "days_ago", n: 2 } });
    expect(daysOf(q)).toEqual(["2026-11-16", "2026-11-16"]);
  });

  it.each(["ordini 3 giorni fa", "orders 3 days ago", "orders three days ago"])("%s is today − 3", (q) => {
    expect(only(q)).toEqual({ kind: "day", day: { kind: "days_ago", n: 3 } });
    expect(daysOf(q)).toEqual(["2026-11-15", "2026-11-15"]);
  });

  it("is not read as yesterday too", () => {
    expect(periodsOf("email l'altro ieri")).toHaveLength(1);
    expect(periodsOf("the day before yesterday")).toHaveLength(1);
  });
});

describe("readTime: since a weekday, this week and last week", () => {
  it.each(["esecuzioni da lunedì", "runs since Monday", "please tell me the failures since Monday, thanks"])(
    "%s is since Monday of this week",
    (q) => {
      expect(only(q)).toEqual({ kind: "since", from: weekday(1, false) });
      expect(daysOf(q)).toEqual(["2026-11-16", "2026-11-18"]);
    },
  );

  it("since Monday, said on a Monday, is that Monday only; on a Sunday the whole week", () => {
    expect(daysOf("da lunedì", at("2026-11-16T10:00:00Z"))).toEqual(["2026-11-16", "2026-11-16"]);
    expect(daysOf("since Monday", at("2026-11-22T10:00:00Z"))).toEqual(["2026-11-16", "2026-11-22"]);
  });

  it("dal lunedì scorso is since the Monday before today", () => {
    expect(only("dal lunedì scorso")).toEqual({ kind: "since", from: weekday(1, true) });
    expect(daysOf("dal lunedì scorso", at("2026-11-16T10:00:00Z"))).toEqual(["2026-11-09", "2026-11-16"]);
  });

  it.each<[string, PeriodSpec, [string, string]]>([
    ["ordini questa settimana", { kind: "this_week" }, ["2026-11-16", "2026-11-18"]],
    ["orders this week", { kind: "this_week" }, ["2026-11-16", "2026-11-18"]],
    ["ordini la settimana scorsa", { kind: "last_week" }, ["2026-11-09", "2026-11-15"]],
    ["orders last week", { kind: "last_week" }, ["2026-11-09", "2026-11-15"]],
    ["ordini ultima settimana", { kind: "last_n_days", n: 7 }, ["2026-11-12", "2026-11-18"]],
    ["orders the past week", { kind: "last_n_days", n: 7 }, ["2026-11-12", "2026-11-18"]],
  ])("%s", (q, spec, days) => {
    expect(only(q)).toEqual(spec);
    expect(daysOf(q)).toEqual(days);
  });
});

describe("readTime: the last N days, weeks and months", () => {
  it.each([
    "orders in the past two weeks",
    "ordini nelle ultime due settimane",
    "ciao, scusa, quante email nelle ultime due settimane? grazie",
    "le ultime 2 settimane",
    "the last 14 days",
  ])("%s is the 14 days ending today", (q) => {
    expect(only(q)).toEqual({ kind: "last_n_days", n: 14 });
    expect(daysOf(q)).toEqual(["2026-11-05", "2026-11-18"]);
  });

  it.each<[string, number]>([
    ["orders in the last 7 days", 7],
    ["ordini negli ultimi 7 giorni", 7],
    ["errori negli ultimi 3 giorni", 3],
    ["errors in the last 3 days", 3],
    ["orders in the last 3 months", 90],
    ["ordini negli ultimi due mesi", 60],
  ])("%s is the last %i days", (q, n) => {
    expect(only(q)).toEqual({ kind: "last_n_days", n });
  });
});

describe("readTime: rolling hours", () => {
  it.each<[string, number]>([
    ["errors in the last 48 hours", 48],
    ["ordini nelle ultime 48 ore", 48],
    ["errori nell'ultima ora", 1],
    ["errors in the last hour", 1],
    ["errors in the past hour", 1],
    ["emails in the last two hours", 2],
    ["email nelle ultime due ore", 2],
    ["email nelle ultime tre ore", 3],
    ["errors in the past 24 hours", 24],
  ])("%s is a rolling span of %i hours", (q, hours) => {
    const r = read(q);
    expect(r.periods.map((p) => p.spec)).toEqual([{ kind: "rolling_hours", hours }]);
    // A rolling span is not a time-of-day filter.
    expect(r.hours).toBeNull();
  });

  it("is the N hours up to now, not calendar days", () => {
    const p = resolvePeriod(only("errors in the last 48 hours"), NOW, TZ);
    expect(p).toMatchObject({ kind: "rolling", hours: 48, from: "2026-11-16T10:00:00.000Z" });
    const hour = resolvePeriod(only("errori nell'ultima ora"), NOW, TZ);
    expect(hour).toMatchObject({ kind: "rolling", hours: 1, from: "2026-11-18T09:00:00.000Z" });
  });
});

describe("readTime: time of day", () => {
  it.each<[string, Hours]>([
    ["email stamattina", { from: 6, to: 12 }],
    ["email stamane", { from: 6, to: 12 }],
    ["emails this morning", { from: 6, to: 12 }],
    ["email oggi pomeriggio", { from: 12, to: 18 }],
    ["emails this afternoon", { from: 12, to: 18 }],
    ["email stasera", { from: 18, to: 24 }],
    ["emails this evening", { from: 18, to: 24 }],
    ["errori stanotte", { from: 0, to: 6 }],
    ["errors last night", { from: 0, to: 6 }],
  ])("%s is today, %j", (q, hours) => {
    const r = read(q);
    expect(r.hours).toEqual(hours);
    expect(r.periods.map((p) => p.spec)).toEqual([{ kind: "today" }]);
  });

  it.each<[string, Hours]>([
    ["ordini dopo le 18", { from: 18, to: 24 }],
    ["ordini dopo le 18:30", { from: 18, to: 24 }],
    ["orders after 6pm", { from: 18, to: 24 }],
    ["orders after 6 pm", { from: 18, to: 24 }],
    ["orders from 6pm onwards", { from: 18, to: 24 }],
    ["ordini prima delle 9", { from: 0, to: 9 }],
    ["orders before 9am", { from: 0, to: 9 }],
    ["email tra le 9 e le 12", { from: 9, to: 12 }],
    ["email dalle 9 alle 12", { from: 9, to: 12 }],
    ["emails between 9 and 12", { from: 9, to: 12 }],
    ["emails between 9am and 12pm", { from: 9, to: 12 }],
    ["emails from 9 to 5", { from: 9, to: 17 }],
    ["email alle 15", { from: 15, to: 16 }],
    ["emails at 3pm", { from: 15, to: 16 }],
    ["esecuzioni in orario d'ufficio", { from: 9, to: 18 }],
    ["runs during office hours", { from: 9, to: 18 }],
  ])("%s is %j, with no period of its own", (q, hours) => {
    const r = read(q);
    expect(r.hours).toEqual(hours);
    expect(r.periods).toEqual([]);
  });

  it.each<[string, PeriodSpec, Hours]>([
    ["ordini ieri dopo le 18", { kind: "yesterday" }, { from: 18, to: 24 }],
    ["how many runs yesterday after 6pm", { kind: "yesterday" }, { from: 18, to: 24 }],
    ["ieri mattina", { kind: "yesterday" }, { from: 6, to: 12 }],
    ["errors yesterday morning", { kind: "yesterday" }, { from: 6, to: 12 }],
    ["errori ieri pomeriggio", { kind: "yesterday" }, { from: 12, to: 18 }],
    ["email di mattina la settimana scorsa", { kind: "last_week" }, { from: 6, to: 12 }],
    ["emails in the morning last week", { kind: "last_week" }, { from: 6, to: 12 }],
    ["quante email sono arrivate in orario d'ufficio ieri?", { kind: "yesterday" }, { from: 9, to: 18 }],
    ["orders last Monday after 6pm", { kind: "day", day: weekday(1, true) }, { from: 18, to: 24 }],
  ])("%s: the time of day is on top of the period named", (q, spec, hours) => {
    const r = read(q);
    expect(r.periods.map((p) => p.spec)).toEqual([spec]);
    expect(r.hours).toEqual(hours);
  });
});

describe("readTime: ranges of days", () => {
  const nov3to10: PeriodSpec = { kind: "range", from: date(11, 3), to: date(11, 10) };
  it.each([
    "ordini dal 3 al 10 novembre",
    "ordini tra il 3 e il 10 novembre",
    "ordini dal 3 novembre al 10 novembre",
    "orders from 3 to 10 November",
    "orders between 3 and 10 November",
    "orders from 3 November to 10 November",
    "orders from Nov 3 to Nov 10",
    "how many orders from November 3rd to November 10th?",
    "Buongiorno! Per cortesia, mi sapresti dire quanti ordini sono arrivati dal 3 al 10 novembre? Grazie mille :)",
  ])("%s is 3 to 10 November", (q) => {
    expect(only(q)).toEqual(nov3to10);
    expect(daysOf(q)).toEqual(["2026-11-03", "2026-11-10"]);
  });

  it("keeps a year written after the month", () => {
    expect(only("dal 3 al 10 novembre 2025")).toEqual({
      kind: "range",
      from: date(11, 3, 2025),
      to: date(11, 10, 2025),
    });
  });

  it.each(["ordini dal 3 novembre", "orders since November 3rd", "ordini dal 3 novembre ad oggi"])(
    "%s is that day to today",
    (q) => {
      expect(only(q)).toEqual({ kind: "since", from: date(11, 3) });
      expect(daysOf(q)).toEqual(["2026-11-03", "2026-11-18"]);
    },
  );
});

describe("readTime: comparisons, politeness and what is left", () => {
  it("lists every period named, in order, with where it stands", () => {
    const r = read("novembre rispetto a ottobre");
    expect(r.periods).toEqual([
      { spec: { kind: "month", month: 11 }, at: 0 },
      { spec: { kind: "month", month: 10 }, at: 18 },
    ]);
    expect(periodsOf("this week vs last week")).toEqual([{ kind: "this_week" }, { kind: "last_week" }]);
    expect(periodsOf("yesterday vs the day before yesterday")).toEqual([
      { kind: "yesterday" },
      { kind: "day", day: { kind: "days_ago", n: 2 } },
    ]);
  });

  it.each<[string, PeriodSpec]>([
    [
      "Hi there!! Could you please, if it's not too much trouble, tell me how many emails came in the day before yesterday? Cheers",
      { kind: "day", day: { kind: "days_ago", n: 2 } },
    ],
    [
      "ciao, per favore mi dici quanti ordini abbiamo ricevuto il 3 novembre? grazie mille",
      { kind: "day", day: date(11, 3) },
    ],
    [
      "hi, could you please tell me how many emails we got last weekend? thanks",
      { kind: "weekend", which: "last" },
    ],
  ])("reads the period through the politeness: %s", (q, spec) => {
    expect(only(q)).toEqual(spec);
  });

  it("blanks what it read, keeping positions, for the other parsers", () => {
    const text = normalizeText("quanti ordini ieri dopo le 18?");
    const r = readTime(text, "quanti ordini ieri dopo le 18?");
    expect(r.rest).toHaveLength(text.length);
    expect(r.rest.trimEnd()).toBe("quanti ordini");
    const range = read("how many orders from 3 to 10 November in the morning?");
    expect(range.rest.trim()).toBe("how many orders");
    expect(range.hours).toEqual({ from: 6, to: 12 });
  });

  it("reads the same whatever the clock says", () => {
    const before = read("quanti ordini dal 3 al 10 novembre dopo le 18?");
    vi.setSystemTime(new Date("2031-02-03T04:05:06Z"));
    expect(read("quanti ordini dal 3 al 10 novembre dopo le 18?")).toEqual(before);
  });
});

describe("readTime: the future is a horizon, not a period", () => {
  it.each<[string, number]>([
    ["quanti ordini domani?", 1],
    ["orders tomorrow", 1],
    ["dopodomani", 2],
    ["the day after tomorrow", 2],
    ["ordini la settimana prossima", 7],
    ["orders next week", 7],
    ["prossimi 3 giorni", 3],
    ["in the next 2 weeks", 14],
    ["next month", 30],
  ])("%s is %i days ahead", (q, days) => {
    const r = read(q);
    expect(r.horizonDays).toBe(days);
    expect(r.periods).toEqual([]);
  });

  it("HORIZON matches the future and not the past", () => {
    expect(HORIZON.test("quanti ordini la prossima settimana")).toBe(true);
    expect(HORIZON.test("what should we expect next week")).toBe(true);
    expect(HORIZON.test("quanti ordini la settimana scorsa")).toBe(false);
    expect(HORIZON.test("how many orders last week")).toBe(false);
  });

  it("WINDOW_WORDS holds period words, not measures", () => {
    for (const w of ["ieri", "yesterday", "settimana", "week", "stamattina", "domani", "lunedi"])
      expect(WINDOW_WORDS.has(w), w).toBe(true);
    for (const w of ["ordini", "orders", "email", "errori", "failures"])
      expect(WINDOW_WORDS.has(w), w).toBe(false);
  });
});
