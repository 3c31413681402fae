import * as chrono from "chrono-node";
import type { DaySpec, Hours, PeriodSpec } from "../graph/plan.ts";
import { FULL_MONTH_NUMBERS, MONTH_ABBREVIATIONS } from "../i18n/monthWords.ts";
import { normalizeText } from "./normalize.ts";
import { NUM, NUMBER_WORD_LIST, toNumber } from "./numbers.ts";

/**
 * Time expressions in a question, in Italian and English (docs/query-plans.md, "Periods" and "Time
 * of day"): every period it names (with where it stands, so a comparison can tell the current period
 * from the reference), a time-of-day span, weekdays to keep, and a forecast horizon. Explicit
 * calendar dates ("3 novembre", "Nov 3rd", "28/10") are read by chrono-node; everything relative
 * follows Milhena's own rules, which say what each expression means for the business.
 *
 * Works on normalized text (normalize.ts); every expression it reads is blanked out of `rest` (with
 * spaces, so positions stay the same), for the other parsers to read what is left.
 */

export interface PeriodHit {
  readonly spec: PeriodSpec;
  /** Where the expression starts in the normalized text. */
  readonly at: number;
}

export interface TimeReading {
  /** Periods in the order they appear. */
  readonly periods: readonly PeriodHit[];
  readonly hours: Hours | null;
  readonly weekdays: readonly number[] | null;
  /** A future period was named ("domani", "next week"): how many days ahead. */
  readonly horizonDays: number | null;
  /** The normalized text with every time expression replaced by spaces. */
  readonly rest: string;
}

/** "sett" is how Italians shorten settembre in a date ("3 sett"). */
const MONTHS: Readonly<Record<string, number>> = { ...FULL_MONTH_NUMBERS, ...MONTH_ABBREVIATIONS, sett: 9 };
const MONTH_NAMES = Object.keys(MONTHS)
  .filter((m) => m.length > 3 || m === "may")
  .join("|");
/** Abbreviations only count next to a day number ("3 nov", "Nov 3"). */
const MONTH_ANY = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

const WEEKDAYS: Readonly<Record<string, number>> = {
  lunedi: 1,
  martedi: 2,
  mercoledi: 3,
  giovedi: 4,
  venerdi: 5,
  sabato: 6,
  domenica: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const WEEKDAY_NAMES = Object.keys(WEEKDAYS).join("|");
const WEEKDAY_PLURALS: Readonly<Record<string, number>> = {
  mondays: 1,
  tuesdays: 2,
  wednesdays: 3,
  thursdays: 4,
  fridays: 5,
  saturdays: 6,
  sundays: 7,
  sabati: 6,
  domeniche: 7,
};

/** A piece of text being read: matches are blanked so that nothing is read twice. */
class Scanner {
  constructor(public text: string) {}

  /** The first match of `re` (not global), blanked; null when none. */
  take(re: RegExp): RegExpExecArray | null {
    const m = re.exec(this.text);
    if (m) this.blank(m.index, m[0].length);
    return m;
  }

  /** Every match of `re`, each blanked. */
  takeAll(re: RegExp): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    for (let m = this.take(re); m; m = this.take(re)) out.push(m);
    return out;
  }

  blank(at: number, length: number) {
    this.text = this.text.slice(0, at) + " ".repeat(length) + this.text.slice(at + length);
  }

  /** Writes a marker over a span (same length, padded), for patterns to find later. */
  mark(at: number, length: number, marker: string) {
    const padded = length >= marker.length ? marker.padEnd(length, " ") : marker;
    this.text = this.text.slice(0, at) + padded + this.text.slice(at + length);
  }
}

const re = (source: string) => new RegExp(source);
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

// ---------------------------------------------------------------------------------------------------
// Horizons: the future is a forecast's, never a period of the past.

/** Future periods: a forecast's horizon, never a period of the past. */
export const HORIZON = re(
  `\\b((the |i |le )?(next|prossim[oaie]|coming|upcoming)\\s+(${NUM}\\s+)?(week|weeks|settimana|settimane|month|months|mese|mesi|days|giorni|giorno|day)|(la |il )?(settimana|mese) prossim[oa]|dopodomani|domani|tomorrow|day after tomorrow)\\b`,
);

function horizonDays(m: RegExpExecArray): number {
  const text = m[0];
  if (/dopodomani|day after tomorrow/.test(text)) return 2;
  if (/domani|tomorrow/.test(text)) return 1;
  const count = m[5] ? toNumber(m[5].trim()) : 1;
  if (/month|mese|mesi/.test(text)) return clamp(30 * count, 1, 31);
  if (/week|settiman/.test(text)) return clamp(7 * count, 1, 31);
  return clamp(m[5] ? count : 7, 1, 31);
}

// ---------------------------------------------------------------------------------------------------
// Rolling spans of hours.

const ROLLING = [
  re(
    `\\b((in|over|during) )?(the |nelle |nell |negli )?(ultime|ultima|last|past|previous|scorse) ${NUM} (ore|ora|hours|hour|hrs|hr|h)\\b`,
  ),
  re(
    `\\b(nell |nella |in the |over the |during the |the )?(ultima ora|last hour|past hour|previous hour)\\b`,
  ),
];

const ROLLING_MINUTES = re(
  `\\b((in|over|during) )?(the |negli |nei )?(?:ultimi|last|past|previous|scorsi) (\\d+) (minuti|minutes|minute|mins|min)\\b`,
);

// ---------------------------------------------------------------------------------------------------
// Calendar dates, with chrono-node.

interface DateHit {
  readonly day: DaySpec & { kind: "date" };
  readonly end: (DaySpec & { kind: "date" }) | null;
  readonly at: number;
}

/** The day number written after a month name ("November 10"), which chrono may take for a year. */
function dayAfterMonth(text: string, which: "first" | "last"): number | null {
  const all = [...normalizeText(text).matchAll(new RegExp(`\\b(${MONTH_ANY}) (\\d{1,2})\\b`, "g"))];
  const m = which === "first" ? all[0] : all.at(-1);
  const day = m ? Number(m[2]) : 0;
  return day >= 1 && day <= 31 ? day : null;
}

/** "till today", "until now": an end that is the clock's, not a calendar date. */
const RELATIVE_END = /\b(oggi|today|now|adesso|ora|ieri|yesterday|domani|tomorrow|tonight|stasera)\b/;

function certainDate(
  c: chrono.ParsedComponents,
  text: string,
  which: "first" | "last",
): (DaySpec & { kind: "date" }) | null {
  if (!c.isCertain("month")) return null;
  const month = c.get("month");
  // chrono reads "November 10" as November 2010: the number after a month name is its day.
  const day = c.isCertain("day") ? c.get("day") : dayAfterMonth(text, which);
  if (!day || !month) return null;
  // Only a written four-digit year counts.
  const year = c.isCertain("year") && /\b(19|20)\d\d\b/.test(text) ? c.get("year") : null;
  return year ? { kind: "date", month, day, year } : { kind: "date", month, day };
}

/** A date written out: a day number next to a month name. */
const EXPLICIT_DATE = new RegExp(
  `\\b(\\d{1,2}\\b.{0,12}\\b(${MONTH_ANY})|(${MONTH_ANY})\\b.{0,6}\\b\\d{1,2})\\b`,
);

/** Explicit dates in the question, found in the original text and located in the normalized one. */
function findDates(original: string, scanner: Scanner): DateHit[] {
  const hits: DateHit[] = [];
  // Holidays of fixed date: "a Natale", "on Christmas Eve", "a Ferragosto" are that day.
  for (const m of scanner.takeAll(HOLIDAY)) {
    const [month, day] = HOLIDAYS[m[1]!]!;
    hits.push({ day: { kind: "date", month, day }, end: null, at: m.index });
    scanner.mark(m.index, m[0].length, `§${hits.length - 1}`);
  }
  // Every other date kept below has a digit in it (a day number or d/m); without one, chrono is not asked.
  if (!/\d/.test(original)) return hits;
  const reference = new Date(Date.UTC(2026, 0, 15, 12));
  const seen = new Set<string>();
  for (const parser of [chrono.it, chrono.en.GB]) {
    for (const r of parser.parse(original, reference)) {
      // Only calendar dates: relative words ("ieri", "3 days ago") are Milhena's own rules below.
      if (!EXPLICIT_DATE.test(normalizeText(r.text)) && !/\d{1,4}[/.-]\d{1,2}/.test(r.text)) continue;
      const day = certainDate(r.start, r.text, "first");
      if (!day) continue;
      const end =
        r.end && !RELATIVE_END.test(normalizeText(r.text)) ? certainDate(r.end, r.text, "last") : null;
      const normalized = normalizeText(r.text);
      if (normalized === "" || seen.has(normalized)) continue;
      const at = scanner.text.indexOf(normalized);
      if (at < 0) continue;
      seen.add(normalized);
      hits.push({ day, end, at });
      scanner.mark(at, normalized.length, `§${hits.length - 1}`);
    }
  }
  // chrono passes over dates that do not exist ("31 febbraio", "30 February"): read them here, so the
  // plan can say the day is not in the calendar instead of letting the month answer for it.
  for (const m of scanner.takeAll(IMPOSSIBLE_DATE)) {
    const [day, month, year] = [Number(m[1]), MONTHS[m[2]!]!, m[3] ? Number(m[3]) : null];
    hits.push({
      day: year ? { kind: "date", month, day, year } : { kind: "date", month, day },
      end: null,
      at: m.index,
    });
    scanner.mark(m.index, m[0].length, `§${hits.length - 1}`);
  }
  return hits;
}

/** Holidays that fall on the same date every year, in both languages (normalized text). */
const HOLIDAYS: Readonly<Record<string, readonly [number, number]>> = {
  "vigilia di natale": [12, 24],
  "christmas eve": [12, 24],
  natale: [12, 25],
  "christmas day": [12, 25],
  christmas: [12, 25],
  "santo stefano": [12, 26],
  "boxing day": [12, 26],
  "san silvestro": [12, 31],
  "new year s eve": [12, 31],
  "new years eve": [12, 31],
  capodanno: [1, 1],
  "new year s day": [1, 1],
  "new years day": [1, 1],
  epifania: [1, 6],
  befana: [1, 6],
  ferragosto: [8, 15],
};
const HOLIDAY = new RegExp(
  `\\b(${Object.keys(HOLIDAYS)
    .sort((a, b) => b.length - a.length)
    .join("|")})\\b`,
);

/**
 * Token positions of holidays said as a time ("a Natale", "on Christmas Eve", "dopo Ferragosto"): they
 * are the day, never a name, even where a workflow's name has the word («Promo Natale 2025»).
 */
export function holidayPositions(tokens: readonly string[]): ReadonlySet<number> {
  const out = new Set<number>();
  const text = tokens.join(" ");
  const when = new RegExp(
    `\\b(a|ad|at|on|per|over|durante|during|dopo|after|before|prima di|since|dal|da) (${HOLIDAY.source.slice(3, -3)})\\b`,
    "g",
  );
  for (const m of text.matchAll(when)) {
    const start = text.slice(0, m.index + m[0].length - m[2]!.length).split(" ").length - 1;
    const words = m[2]!.split(" ").length;
    for (let k = 0; k < words; k++) out.add(start + k);
  }
  return out;
}

/** A day number and a full month name that chrono did not take (the impossible ones). */
const IMPOSSIBLE_DATE = new RegExp(
  `\\b([1-9]|[12]\\d|3[01]) (?:(?:di|of) )?(${MONTH_NAMES})\\b(?: (\\d{4})\\b)?`,
);

// ---------------------------------------------------------------------------------------------------
// Time of day.

interface HoursRule {
  readonly pattern: RegExp;
  readonly hours: (m: RegExpExecArray) => Hours | null;
  /** "stamattina", "this morning": also means today. */
  readonly today?: boolean;
}

/** "6", "6 pm", "18" → 18; English hours without am/pm up to 7 are afternoon hours. */
function clock(hour: string, meridiem: string | undefined, english: boolean): number {
  let h = toNumber(hour);
  if (meridiem === "pm" && h < 12) h += 12;
  else if (meridiem === "am" && h === 12) h = 0;
  else if (!meridiem && english && h >= 1 && h <= 7) h += 12;
  return clamp(h, 0, 24);
}

const span = (from: number, to: number): Hours | null =>
  from < to && from >= 0 && to <= 24 ? { from, to } : null;

const H = `(\\d{1,2}|${"una|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"})`;
const MIN = `(?: (?:00|30|e mezza))?`;
const AMPM = `(?: ?(am|pm))?`;

const HOURS_RULES: readonly HoursRule[] = [
  {
    pattern: re(
      `\\b(in |during |outside )?(orario d ufficio|orario di ufficio|orario di lavoro|orari d ufficio|office hours|business hours|working hours|work hours)\\b`,
    ),
    hours: () => ({ from: 9, to: 18 }),
  },
  {
    pattern: re(`\\b(tra le|fra le|dalle) ${H}${MIN} (e le|alle|e) ${H}${MIN}\\b`),
    hours: (m) => span(clock(m[2]!, undefined, false), clock(m[4]!, undefined, false)),
  },
  {
    pattern: re(`\\b(between|from) ${H}${MIN}${AMPM} (and|to|till|until) ${H}${MIN}${AMPM}\\b`),
    hours: (m) => {
      const toMeridiem = m[6] ?? m[3];
      return span(clock(m[2]!, m[3] ?? toMeridiem, true), clock(m[5]!, toMeridiem, true));
    },
  },
  {
    pattern: re(`\\b(dopo le|dalle|a partire dalle) ${H}${MIN}( in poi)?\\b`),
    hours: (m) => span(clock(m[2]!, undefined, false), 24),
  },
  {
    pattern: re(`\\b(after|since|from) ${H}${MIN}${AMPM}( onwards| on)?\\b`),
    hours: (m) => span(clock(m[2]!, m[3], true), 24),
  },
  {
    pattern: re(`\\b(prima delle|entro le) ${H}${MIN}\\b`),
    hours: (m) => span(0, clock(m[2]!, undefined, false)),
  },
  {
    pattern: re(`\\bbefore ${H}${MIN}${AMPM}\\b`),
    hours: (m) => span(0, clock(m[1]!, m[2], true)),
  },
  {
    pattern: re(`\\b(alle|verso le) ${H}${MIN}\\b`),
    hours: (m) => {
      const h = clock(m[2]!, undefined, false);
      return span(h, h + 1);
    },
  },
  {
    pattern: re(`\\bat ${H}${MIN}(?: ?(am|pm)| o ?clock)\\b`),
    hours: (m) => {
      const h = clock(m[1]!, m[2], true);
      return span(h, h + 1);
    },
  },
  {
    pattern: /\b(stamattina|stamane|stamani|this morning)\b/,
    hours: () => ({ from: 6, to: 12 }),
    today: true,
  },
  {
    pattern: /\b(oggi pomeriggio|questo pomeriggio|sto pomeriggio|this afternoon)\b/,
    hours: () => ({ from: 12, to: 18 }),
    today: true,
  },
  {
    pattern: /\b(stasera|questa sera|this evening|tonight)\b/,
    hours: () => ({ from: 18, to: 24 }),
    today: true,
  },
  {
    pattern: /\b(stanotte|questa notte|last night|overnight)\b/,
    hours: () => ({ from: 0, to: 6 }),
    today: true,
  },
  {
    pattern: /\b(di mattina|la mattina|in mattinata|mattina|in the morning|morning|mornings)\b/,
    hours: () => ({ from: 6, to: 12 }),
  },
  {
    pattern:
      /\b(di pomeriggio|nel pomeriggio|il pomeriggio|pomeriggio|in the afternoon|afternoon|afternoons)\b/,
    hours: () => ({ from: 12, to: 18 }),
  },
  {
    pattern: /\b(di sera|la sera|in serata|sera|in the evening|evening|evenings)\b/,
    hours: () => ({ from: 18, to: 24 }),
  },
  {
    pattern: /\b(di notte|la notte|notte|at night|during the night|night|nights)\b/,
    hours: () => ({ from: 0, to: 6 }),
  },
];

// ---------------------------------------------------------------------------------------------------
// Named periods.

const UNIT_DAYS: Readonly<Record<string, number>> = {
  giorni: 1,
  giorno: 1,
  gg: 1,
  days: 1,
  day: 1,
  settimane: 7,
  settimana: 7,
  weeks: 7,
  week: 7,
  mesi: 30,
  mese: 30,
  months: 30,
  month: 30,
};
const UNIT = `(${Object.keys(UNIT_DAYS).join("|")})`;
const LAST = `(ultimi|ultime|ultimo|ultima|last|past|previous|scorsi|scorse|passati|passate|recent)`;
const lastDays = (n: number): PeriodSpec => ({ kind: "last_n_days", n: clamp(n, 1, 3660) });

/** "the last 7 days", "ultimi 2 mesi", "past two weeks", "l'ultima settimana", "last week". */
function lastN(m: RegExpExecArray): PeriodSpec {
  const [, article, last, , count, unit] = m;
  if (count !== undefined) return lastDays(toNumber(count) * UNIT_DAYS[unit!]!);
  if (unit === "giorni" || unit === "days") return lastDays(7);
  if (unit === "giorno" || unit === "day") return { kind: "today" };
  const weekly = unit === "settimana" || unit === "week";
  const monthly = unit === "mese" || unit === "month";
  if (!weekly && !monthly) return lastDays(UNIT_DAYS[unit!]!);
  // "last week" / "last month" are calendar periods; "the last week", "past week", "ultima settimana" rolling.
  if (last === "previous" || (!article && last === "last"))
    return weekly ? { kind: "last_week" } : { kind: "last_month" };
  return lastDays(weekly ? 7 : 30);
}

interface NamedRule {
  readonly pattern: RegExp;
  readonly period: (m: RegExpExecArray) => PeriodSpec;
}

const NAMED: readonly NamedRule[] = [
  {
    pattern: re(
      `\\b(dall inizio dell anno|da inizio anno|quest anno|questo anno|nel corso dell anno|anno corrente|this year|year to date|ytd|so far this year)\\b`,
    ),
    period: () => ({ kind: "this_year" }),
  },
  {
    pattern: re(
      `\\b(l anno scorso|lo scorso anno|l anno passato|nell anno precedente|last year|the previous year)\\b`,
    ),
    period: () => ({ kind: "last_year" }),
  },
  {
    // "the past year", "l'ultimo anno": the twelve months up to today, as "the last 12 months".
    pattern: re(
      `\\b(the past year|in the past year|over the past year|the last twelve months|l ultimo anno|nell ultimo anno)\\b`,
    ),
    period: () => ({ kind: "last_n_days", n: 360 }),
  },
  {
    pattern: re(`\\b(nel|in|del|during) (20\\d\\d)\\b`),
    period: (m) => {
      const year = Number(m[2]);
      return {
        kind: "range",
        from: { kind: "date", year, month: 1, day: 1 },
        to: { kind: "date", year, month: 12, day: 31 },
      };
    },
  },
  {
    pattern: re(
      `\\b(di sempre|da sempre|da quando esiste|since forever|of all time|all time|ever|since the beginning|since we started|dall inizio(?! del| dell| della| di)|fin dall inizio)\\b`,
    ),
    period: () => ({ kind: "all_time" }),
  },
  // "since yesterday" is yesterday and today, not yesterday alone.
  {
    pattern: re(
      `\\b(since|da|dal|dall|a partire da) (the day before yesterday|day before yesterday|l altro ieri|altro ieri|altroieri|avantieri|l altroieri)\\b`,
    ),
    period: () => ({ kind: "since", from: { kind: "days_ago", n: 2 } }),
  },
  {
    pattern: re(`\\b(since|da|a partire da) (ieri|yesterday|yday)\\b`),
    period: () => ({ kind: "since", from: { kind: "days_ago", n: 1 } }),
  },
  {
    pattern: re(
      `\\b(l altro ieri|altro ieri|altroieri|avantieri|l altroieri|the day before yesterday|day before yesterday)\\b`,
    ),
    period: () => ({ kind: "day", day: { kind: "days_ago", n: 2 } }),
  },
  {
    pattern: re(`\\b${NUM} (giorni|giorno|days|day|settimane|settimana|weeks|week) (fa|ago)\\b`),
    period: (m) => ({
      kind: "day",
      day: { kind: "days_ago", n: clamp(toNumber(m[1]!) * UNIT_DAYS[m[2]!]!, 0, 3660) },
    }),
  },
  { pattern: re(`\\b(the )?${LAST}\\s+(${NUM}\\s+)?${UNIT}\\b`), period: lastN },
  {
    pattern: re(
      `\\b(in the last|over the last|in the past|over the past|negli ultimi|nelle ultime)\\s+${NUM}\\b`,
    ),
    period: (m) => lastDays(toNumber(m[2]!)),
  },
  {
    pattern:
      /\b(settimana scorsa|scorsa settimana|settimana passata|la settimana prima|previous week|week before|settimana precedente)\b/,
    period: () => ({ kind: "last_week" }),
  },
  {
    pattern: /\b(mese scorso|scorso mese|mese passato|previous month|mese precedente|month before)\b/,
    period: () => ({ kind: "last_month" }),
  },
  {
    pattern:
      /\b(questa settimana|this week|settimana corrente|current week|settimana in corso|in settimana|week to date|so far this week)\b/,
    period: () => ({ kind: "this_week" }),
  },
  {
    pattern:
      /\b(questo mese|this month|mese corrente|current month|mese in corso|dall inizio del mese|da inizio mese|inizio mese|since the start of the month|since the beginning of the month|month to date|so far this month)\b/,
    period: () => ({ kind: "this_month" }),
  },
  { pattern: /\b(ieri|yesterday|yday)\b/, period: () => ({ kind: "yesterday" }) },
  {
    pattern:
      /\b(oggi|today|todays|odiern[oaie]|so far today|finora|fino ad ora|right now|adesso|al momento|in questo momento|currently|at the moment)\b/,
    period: () => ({ kind: "today" }),
  },
  {
    pattern: /\b(tutto il mese|whole month|entire month|all month)\b/,
    period: () => ({ kind: "this_month" }),
  },
  {
    pattern: /\b(tutta la settimana|whole week|entire week|all week)\b/,
    period: () => ({ kind: "this_week" }),
  },
  { pattern: /\b(fortnight|quindicina)\b/, period: () => lastDays(14) },
  // "giorno della settimana" / "day of the week" is a weekday, not a period of seven days.
  {
    pattern: /(?<!\b(giorno|giorni|day|days) (della|di|of the|of) )\b(settimana|week|weekly|settimanale)\b/,
    period: () => lastDays(7),
  },
  { pattern: /\b(mese|month|monthly|mensile)\b/, period: () => lastDays(30) },
];

/**
 * Time words the rules above do not read, left over in a question's rest: a quarter or a semester, a
 * part of a period ("the first half of the month", "metà mese"), a bare day of the month ("since the
 * 20th", "dal 20"), "since …" with nothing read after it. A question with one of them names a period
 * Milhena cannot pin down: it must not be answered for another one (today, the last 30 days).
 */
const UNREAD_TIME =
  /\b(quarter|quarters|trimestre|trimestri|quadrimestre|semester|semesters|semestre|semestri|q ?[1-4]|(first|second|last|1st|2nd) half|(prima|seconda|ultima) meta|(di|a|verso|entro|fino a) meta|mid ?(month|year|week)|middle of the (month|year|week)|\d{1,2} ?(st|nd|rd|th)|(dal|dall|dalle|dai|from the|since the|since) \d{1,2})\b/;
/** "since" with nothing read after it ("since the launch"); "since yesterday" was read whole. */
const UNREAD_SINCE = /\bsince\b/;

/**
 * The first time phrase of a question's rest (what the time rules left of it) that no rule read, or
 * null. `periodsRead`: how many periods the rules read.
 */
export function unreadTimePhrase(rest: string, periodsRead: number): string | null {
  return UNREAD_TIME.exec(rest)?.[0] ?? (periodsRead === 0 ? (UNREAD_SINCE.exec(rest)?.[0] ?? null) : null);
}

/** Words that only name a period: what is left of "com'è andata ieri?" without them asks for an overview. */
export const WINDOW_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_WORD_LIST,
  ...Object.keys(UNIT_DAYS),
  // Weekday names, one and many: neither is a typo of the other ("mondays" is no "monday").
  ...Object.keys(WEEKDAYS),
  ...Object.keys(WEEKDAY_PLURALS),
  "weekend",
  "weekends",
  ..."ore hours ultimi ultime ultimo ultima last past previous scorsi scorse scorso scorsa passati passate passato passata recent the in over negli nelle nell nel nella questa questo this current corrente corso settimana mese oggi today todays ieri yesterday yday stamattina stamane stasera stanotte morning tonight overnight night afternoon odierno odierna finora so far right now adesso al momento currently since monday lunedi da dal dall inizio start beginning of fortnight quindicina weekly monthly settimanale mensile precedente before prossima prossimo next coming domani tomorrow".split(
    " ",
  ),
]);

// ---------------------------------------------------------------------------------------------------

const WEEKEND_WORD = `(weekend|week end|fine settimana|fine-settimana)`;

/** Reads every time expression of a normalized question (and its original text for dates). */
export function readTime(text: string, original: string = text): TimeReading {
  const s = new Scanner(` ${text} `);
  const periods: PeriodHit[] = [];
  const add = (spec: PeriodSpec, at: number) => periods.push({ spec, at: Math.max(0, at - 1) });
  let weekdays: number[] | null = null;
  let hours: Hours | null = null;
  let horizon: number | null = null;
  let impliesToday = -1;

  const future = s.take(HORIZON);
  if (future) horizon = horizonDays(future);

  for (const rule of ROLLING) {
    const m = s.take(rule);
    if (m) add({ kind: "rolling_hours", hours: m[5] ? clamp(toNumber(m[5]), 1, 744) : 1 }, m.index);
  }
  // "the last 120 minutes" is two hours; a span of minutes that is not whole hours is no period the
  // data is cut by (the plan says so), and never "the last 90 days".
  const minutes = s.take(ROLLING_MINUTES);
  if (minutes) {
    const n = toNumber(minutes[4]!);
    if (n >= 60 && n % 60 === 0) add({ kind: "rolling_hours", hours: clamp(n / 60, 1, 744) }, minutes.index);
  }

  // Day ranges within one month written with a bare first day ("tra il 3 e il 10 novembre").
  for (const m of s.takeAll(
    re(
      `\\b(tra|fra|between|dal|dall|from) (il |l )?(\\d{1,2})( ?°)? (e|al|all|and|to|-) (il |l |the )?(\\d{1,2})( ?°)? (${MONTH_ANY})( (20\\d\\d))?\\b`,
    ),
  )) {
    const month = MONTHS[m[9]!]!;
    const year = m[11] ? Number(m[11]) : undefined;
    const day = (d: string): DaySpec => ({
      kind: "date",
      month,
      day: clamp(Number(d), 1, 31),
      ...(year ? { year } : {}),
    });
    add({ kind: "range", from: day(m[3]!), to: day(m[7]!) }, m.index);
  }

  const dates = findDates(original, s);
  const consumed = new Set<number>();
  const dateRef = (i: string) => dates[Number(i)]!;
  for (const m of s.takeAll(
    /\b(tra|fra|between|dal|dall|da|from) (il |l |the )?§(\d+) +(e|al|all|and|to|till|until|fino al|-) (il |l |the )?§(\d+)/,
  )) {
    consumed.add(Number(m[3])).add(Number(m[6]));
    add({ kind: "range", from: dateRef(m[3]!).day, to: dateRef(m[6]!).day }, m.index);
  }
  for (const m of s.takeAll(
    /\b(dal|dall|da|since|from|a partire dal|starting) (il |l |the )?§(\d+)( +(ad|a|fino ad|fino a|till|until|up to|to|through) (oggi|today|now|adesso|ora|date))?/,
  )) {
    const hit = dateRef(m[3]!);
    consumed.add(Number(m[3]));
    add(hit.end ? { kind: "range", from: hit.day, to: hit.end } : { kind: "since", from: hit.day }, m.index);
  }
  for (const m of s.takeAll(/§(\d+)/)) {
    const i = Number(m[1]);
    if (consumed.has(i)) continue;
    const hit = dateRef(m[1]!);
    add(hit.end ? { kind: "range", from: hit.day, to: hit.end } : { kind: "day", day: hit.day }, m.index);
  }

  // Weekends: a period ("il weekend scorso"), or a filter when plural or beside another period.
  const lastWeekend = s.take(
    re(
      `\\b((il |lo |the )?${WEEKEND_WORD} (scorso|passato)|(lo |il )?(scorso|ultimo|passato) ${WEEKEND_WORD}|(the |this )?(last|past|previous) ${WEEKEND_WORD})\\b`,
    ),
  );
  if (lastWeekend) add({ kind: "weekend", which: "last" }, lastWeekend.index);
  const thisWeekend = s.take(re(`\\b(questo|sto|this) ${WEEKEND_WORD}\\b`));
  if (thisWeekend) add({ kind: "weekend", which: "this" }, thisWeekend.index);
  const weekendFilter = s.take(
    re(
      `\\b(nei weekend|nei fine settimana|di weekend|on weekends|at weekends|weekends|the weekends|il sabato e la domenica|di sabato e domenica|sabato e domenica|saturdays and sundays|on saturdays and sundays)\\b`,
    ),
  );
  const weekendSingular = weekendFilter
    ? null
    : s.take(re(`\\b(nel|durante il|over the|during the|at the|on the|this past)? ?${WEEKEND_WORD}\\b`));

  // Weekday ranges: "tra lunedì e mercoledì", "from Monday to Wednesday": from the latest such first
  // day (today included) to the next such last day.
  const weekdayRange = s.take(
    re(
      `\\b(tra|fra|between|dal|da|from) (il |lo |la )?(${WEEKDAY_NAMES}) (e|al|a|and|to|till|until|through|-) (il |lo |la )?(${WEEKDAY_NAMES})\\b`,
    ),
  );
  if (weekdayRange)
    add(
      {
        kind: "range",
        from: { kind: "weekday", weekday: WEEKDAYS[weekdayRange[3]!]!, beforeToday: false },
        to: { kind: "weekday", weekday: WEEKDAYS[weekdayRange[6]!]!, beforeToday: false },
      },
      weekdayRange.index,
    );
  // Weekdays: "since Monday", "last Monday", "on Mondays" (a filter), "lunedì" (the latest one).
  const since = s.take(
    re(
      `\\b(da|dal|since|from) (last |lo scorso |scorso )?(lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica|monday|tuesday|wednesday|thursday|friday|saturday|sunday)( scorso| last)?\\b`,
    ),
  );
  if (since)
    add(
      {
        kind: "since",
        from: {
          kind: "weekday",
          weekday: WEEKDAYS[since[3]!]!,
          beforeToday: Boolean(since[2] ?? since[4]),
        },
      },
      since.index,
    );
  // "nei lunedì", "ogni venerdì", "on Mondays": a filter; "lunedì", "last Monday": one day.
  const filterDays = s
    .takeAll(
      re(
        `\\b((nei|ogni|tutti i|tutte le|every) (${WEEKDAY_NAMES})|(nei |di |on |the )?(${Object.keys(WEEKDAY_PLURALS).join("|")}))\\b`,
      ),
    )
    .map((m) => (m[3] ? WEEKDAYS[m[3]]! : WEEKDAY_PLURALS[m[5]!]!));
  const singles: { weekday: number; before: boolean; at: number }[] = [];
  for (const m of s.takeAll(
    re(`\\b(lo scorso |scorso |last |previous |the |on )?(${WEEKDAY_NAMES})( scorso| passato)?\\b`),
  )) {
    const before = /last|previous|scorso|passato/.test(`${m[1] ?? ""}${m[3] ?? ""}`);
    singles.push({ weekday: WEEKDAYS[m[2]!]!, before, at: m.index });
  }

  for (const m of s.takeAll(
    re(
      `\\b((a|ad|di|in|nel mese di|del mese di|per il mese di|durante|during|for|of|il mese di|month of) )?(${MONTH_NAMES})( (20\\d\\d))?\\b`,
    ),
  )) {
    const month = MONTHS[m[3]!]!;
    // "may" is a verb unless it clearly names the month.
    if (m[3] === "may" && !m[1] && !m[5]) continue;
    add(m[5] ? { kind: "month", month, year: Number(m[5]) } : { kind: "month", month }, m.index);
  }

  for (const rule of HOURS_RULES) {
    const m = s.take(rule.pattern);
    if (!m) continue;
    const h = rule.hours(m);
    if (h && !hours) hours = h;
    if (rule.today && impliesToday < 0) impliesToday = m.index;
  }

  for (const rule of NAMED) {
    for (const m of s.takeAll(new RegExp(rule.pattern.source))) add(rule.period(m), m.index);
  }

  // What weekdays and weekends are, now that every other period is known.
  const others = periods.length > 0 || impliesToday >= 0;
  if (weekendFilter || (weekendSingular && others)) weekdays = [6, 7];
  else if (weekendSingular) add({ kind: "weekend", which: "last" }, weekendSingular.index);
  if (filterDays.length) weekdays = [...new Set([...(weekdays ?? []), ...filterDays])].sort((a, b) => a - b);
  if (singles.length > 0) {
    if (others && !singles.some((d) => d.before)) {
      weekdays = [...new Set([...(weekdays ?? []), ...singles.map((d) => d.weekday)])].sort((a, b) => a - b);
    } else {
      for (const d of singles)
        add({ kind: "day", day: { kind: "weekday", weekday: d.weekday, beforeToday: d.before } }, d.at);
    }
  }
  if (impliesToday >= 0 && periods.length === 0) add({ kind: "today" }, impliesToday);

  periods.sort((a, b) => a.at - b.at);
  return { periods, hours, weekdays, horizonDays: horizon, rest: s.text.slice(1, -1) };
}
