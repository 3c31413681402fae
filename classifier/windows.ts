import type { TimeWindow } from "../graph/labels.ts";
import { COMPARED_WITH } from "./vocabulary.ts";

/**
 * Time windows named in a normalized question (DESIGN.md "Labels"). "Last N days" is rolling and
 * includes today; "last week" / "settimana scorsa" and "last month" / "mese scorso" are the previous
 * calendar periods; "the last week" / "l'ultima settimana" / "past week" are the last 7 days.
 */

const UNITS_IT = "uno|due|tre|quattro|cinque|sei|sette|otto|nove".split("|");
const UNITS_EN = "one|two|three|four|five|six|seven|eight|nine".split("|");

function buildNumberWords(): Map<string, number> {
  const m = new Map<string, number>();
  const teensIt =
    "dieci|undici|dodici|tredici|quattordici|quindici|sedici|diciassette|diciotto|diciannove".split("|");
  const teensEn = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen".split(
    "|",
  );
  UNITS_IT.forEach((w, i) => m.set(w, i + 1));
  UNITS_EN.forEach((w, i) => m.set(w, i + 1));
  teensIt.forEach((w, i) => m.set(w, i + 10));
  teensEn.forEach((w, i) => m.set(w, i + 10));
  for (const w of ["un", "una", "a", "an"]) m.set(w, 1);
  const tensIt: Array<[string, number]> = [
    ["venti", 20],
    ["trenta", 30],
    ["quaranta", 40],
    ["cinquanta", 50],
    ["sessanta", 60],
    ["settanta", 70],
    ["ottanta", 80],
    ["novanta", 90],
  ];
  const tensEn: Array<[string, number]> = [
    ["twenty", 20],
    ["thirty", 30],
    ["forty", 40],
    ["fifty", 50],
    ["sixty", 60],
    ["seventy", 70],
    ["eighty", 80],
    ["ninety", 90],
  ];
  for (const [tens, value] of tensIt) {
    m.set(tens, value);
    const stem = tens.slice(0, -1); // "venti" → "vent" before "uno" / "otto"
    UNITS_IT.forEach((u, i) => {
      const joined = u === "uno" || u === "otto" ? stem + u : tens + u;
      m.set(joined, value + i + 1);
    });
    m.set(`${stem}un`, value + 1); // "ventun giorni"
  }
  for (const [tens, value] of tensEn) {
    m.set(tens, value);
    UNITS_EN.forEach((u, i) => m.set(`${tens} ${u}`, value + i + 1)); // "twenty-one" normalizes to "twenty one"
  }
  m.set("cento", 100);
  m.set("hundred", 100);
  m.set("a hundred", 100);
  m.set("one hundred", 100);
  m.set("paio di", 2);
  m.set("un paio di", 2);
  m.set("couple of", 2);
  m.set("a couple of", 2);
  m.set("couple", 2);
  m.set("a couple", 2);
  m.set("few", 3);
  m.set("a few", 3);
  m.set("qualche", 3);
  return m;
}

const NUMBER_WORDS = buildNumberWords();
export const NUMBER_WORD_LIST: readonly string[] = [...NUMBER_WORDS.keys()].flatMap((k) => k.split(" "));

const NUM = `(\\d{1,4}|${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join("|")})`;

const UNIT_DAYS: Readonly<Record<string, number>> = {
  giorni: 1,
  giorno: 1,
  gg: 1,
  g: 1,
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
const HOURS = "(ore|hours|hrs|h)";

const LAST = "(ultimi|ultime|ultimo|ultima|last|past|previous|scorsi|scorse|passati|passate|recent)";
const clampDays = (n: number) => Math.max(1, Math.min(366, n));
const toNumber = (word: string): number =>
  /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS.get(word) ?? 1);
const lastDays = (n: number): TimeWindow => ({ kind: "last_n_days", n: clampDays(n) });

/** Future periods ("next week", "la prossima settimana"): a forecast's horizon, never a window. */
export const HORIZON =
  /\b((the )?next|prossim[oaie]|coming|upcoming|in arrivo|entro)\s+((\d+|\w+)\s+)?(week|weeks|settimana|settimane|month|months|mese|mesi|days|giorni|giorno|day)\b|\b(settimana|mese) prossim[oa]\b|\b(domani|dopodomani|tomorrow)\b/;
const HORIZONS = new RegExp(HORIZON.source, "g");

const LAST_N = new RegExp(`\\b(the )?${LAST}\\s+(${NUM}\\s+)?${UNIT}\\b`);
const N_AGO = new RegExp(`\\b${NUM}\\s+${UNIT}\\s+(scorsi|scorse|passati|passate|fa|ago)\\b`);
const N_HOURS = new RegExp(`\\b(ultime|last|past|previous|scorse)\\s+${NUM}\\s+${HOURS}\\b`);
const LOOSE_N = new RegExp(
  `\\b(in the last|over the last|in the past|over the past|negli ultimi|nelle ultime)\\s+${NUM}\\b`,
);

const NAMED: ReadonlyArray<readonly [RegExp, TimeWindow]> = [
  [
    /\b(settimana scorsa|scorsa settimana|settimana passata|previous week|last week|week before|settimana precedente)\b/,
    { kind: "last_week" },
  ],
  [
    /\b(mese scorso|scorso mese|mese passato|previous month|last month|mese precedente)\b/,
    { kind: "last_month" },
  ],
  [
    /\b(questa settimana|this week|settimana corrente|current week|settimana in corso|in settimana|da lunedi|dal lunedi|since monday|week to date)\b/,
    { kind: "this_week" },
  ],
  [
    /\b(questo mese|this month|mese corrente|current month|mese in corso|dall inizio del mese|da inizio mese|inizio mese|since the start of the month|since the beginning of the month|month to date)\b/,
    { kind: "this_month" },
  ],
  [/\b(ieri|yesterday|yday)\b/, { kind: "yesterday" }],
  [
    /\b(oggi|today|todays|stamattina|stamane|stasera|stanotte|this morning|tonight|overnight|this afternoon|odiern[oaie]|so far today|finora|right now|adesso|al momento|in questo momento|currently)\b/,
    { kind: "today" },
  ],
  [/\b(tutto il mese|whole month|entire month|all month)\b/, { kind: "this_month" }],
  [/\b(tutta la settimana|whole week|entire week|all week)\b/, { kind: "this_week" }],
  [/\b(fortnight|quindicina)\b/, { kind: "last_n_days", n: 14 }],
  [/\b(settimana|week|weekly|settimanale)\b/, { kind: "last_n_days", n: 7 }],
  [/\b(mese|month|monthly|mensile)\b/, { kind: "last_n_days", n: 30 }],
];

function lastN(s: string): TimeWindow | null {
  const m = LAST_N.exec(s);
  if (!m) return null;
  const [, article, last, , count, unit] = m;
  if (count !== undefined) return lastDays(toNumber(count) * UNIT_DAYS[unit!]!);
  if (unit === "giorni" || unit === "days") return lastDays(7); // "negli ultimi giorni", "the last days"
  if (unit === "giorno" || unit === "day") return { kind: "today" };
  const weekly = unit === "settimana" || unit === "week";
  const monthly = unit === "mese" || unit === "month";
  if (!weekly && !monthly) return lastDays(UNIT_DAYS[unit!]!);
  // "last week" / "last month" are calendar periods; "the last week", "past week", "ultima settimana" are rolling.
  if (last === "previous" || (!article && last === "last"))
    return weekly ? { kind: "last_week" } : { kind: "last_month" };
  return lastDays(weekly ? 7 : 30);
}

/** The time window a normalized question names, or null when it names none (future periods ignored). */
export function findWindow(text: string): TimeWindow | null {
  const s = text.replace(HORIZONS, " ");
  const hours = N_HOURS.exec(s);
  if (hours) {
    const days = Math.ceil(toNumber(hours[2]!) / 24);
    return days <= 1 ? { kind: "today" } : lastDays(days);
  }
  const named = lastN(s);
  if (named) return named;
  const ago = N_AGO.exec(s);
  if (ago) return lastDays(toNumber(ago[1]!) * UNIT_DAYS[ago[2]!]!);
  const loose = LOOSE_N.exec(s);
  if (loose) return lastDays(toNumber(loose[2]!));
  for (const [pattern, window] of NAMED) if (pattern.test(s)) return window;
  return null;
}

/** Words that only name a period: what is left of "com'è andata ieri?" without them asks for an overview. */
export const WINDOW_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_WORD_LIST,
  ...Object.keys(UNIT_DAYS),
  ..."ore hours ultimi ultime ultimo ultima last past previous scorsi scorse scorso scorsa passati passate passato passata recent the in over negli nelle nell nel nella questa questo this current corrente corso settimana mese oggi today todays ieri yesterday yday stamattina stamane stasera stanotte morning tonight overnight night afternoon odierno odierna finora so far right now adesso al momento currently since monday lunedi da dal dall inizio start beginning of fortnight quindicina weekly monthly settimanale mensile precedente before prossima prossimo next coming domani tomorrow".split(
    " ",
  ),
]);

/** Periods that are "now" in a comparison: "oggi rispetto a ieri" is about today. */
const CURRENT_PERIOD: ReadonlyArray<readonly [RegExp, TimeWindow]> = [
  [/\b(oggi|today)\b/, { kind: "today" }],
  [/\b(questa settimana|this week)\b/, { kind: "this_week" }],
  [/\b(questo mese|this month)\b/, { kind: "this_month" }],
];
const SUCCESSOR: Partial<Record<TimeWindow["kind"], TimeWindow>> = {
  yesterday: { kind: "today" },
  last_week: { kind: "this_week" },
  last_month: { kind: "this_month" },
};

/**
 * The period a comparison is about. "ordini rispetto alla settimana scorsa" names only the reference
 * period, so the question is about the one after it (this week); "is yesterday better than the day
 * before?" names the current period before the comparison word.
 */
export function comparedPeriod(text: string): TimeWindow | null {
  const marker = COMPARED_WITH.exec(text);
  const end = marker ? marker.index + marker[0].length : text.length;
  const before = findWindow(text.slice(0, end));
  if (marker) {
    // "la scorsa settimana rispetto a questa", "last month vs this one": the current period comes second.
    const after = text.slice(end);
    const current = CURRENT_PERIOD.find(([re]) => re.test(after));
    if (current) return current[1];
    if (before && /^\s*(a |al |alla |to |with |con )?(questa|questo|this)\b/.test(after))
      return SUCCESSOR[before.kind] ?? before;
  }
  if (before && (marker || !SUCCESSOR[before.kind])) return before;
  const named = CURRENT_PERIOD.find(([re]) => re.test(text));
  if (named) return named[1];
  const after = marker ? findWindow(text.slice(end)) : before;
  return after ? (SUCCESSOR[after.kind] ?? after) : null;
}
