import { FULL_MONTH_NUMBERS, MONTH_ABBREVIATIONS } from "../i18n/monthWords.ts";

/**
 * The fact guard: an LLM may word an answer but never invent a number, a date or a workflow name.
 * Every figure (in digits or in words), date (in digits or words, weekdays and months included) and
 * quoted name in the LLM's text must be found in the facts it was given (the tool result and the
 * template answer, never the user's question); otherwise the text is discarded.
 */

export type FactLanguage = "it" | "en";

export interface Facts {
  readonly numbers: readonly number[];
  /** Calendar days as "MM-DD". */
  readonly days: ReadonlySet<string>;
  readonly years: ReadonlySet<number>;
  /** Names (workflows, senders) in lower case. */
  readonly names: ReadonlySet<string>;
  /** Weekdays (0 = Sunday) of the fact days, and weekdays the trusted texts name. */
  readonly weekdays: ReadonlySet<number>;
  /** The answer's language: numbers are read with its separators only. Absent: both ways. */
  readonly language?: FactLanguage;
}

export interface GuardVerdict {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/;
/** A written text may also shorten to "mag", "ago" and "set": a figure check reads them as months. */
const MONTHS: Record<string, number> = {
  ...FULL_MONTH_NUMBERS,
  ...MONTH_ABBREVIATIONS,
  mag: 5,
  ago: 8,
  set: 9,
};
const MONTH_WORDS = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const NAME_KEYS = new Set(["name", "workflow", "senders"]);

/** Full month names a text may use outside a date ("may" is left out: it is mostly a verb). */
const FULL_MONTHS = Object.keys(MONTHS).filter((m) => m.length > 4 || m === "june" || m === "july");
const FULL_MONTH_WORDS = new RegExp(`\\b(${FULL_MONTHS.join("|")})\\b`, "gi");

const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  domenica: 0,
  lunedì: 1,
  lunedi: 1,
  martedì: 2,
  martedi: 2,
  mercoledì: 3,
  mercoledi: 3,
  giovedì: 4,
  giovedi: 4,
  venerdì: 5,
  venerdi: 5,
  sabato: 6,
};

const EN_UNITS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const IT_UNITS = [
  "zero",
  "uno",
  "due",
  "tre",
  "quattro",
  "cinque",
  "sei",
  "sette",
  "otto",
  "nove",
  "dieci",
  "undici",
  "dodici",
  "tredici",
  "quattordici",
  "quindici",
  "sedici",
  "diciassette",
  "diciotto",
  "diciannove",
];
const IT_TENS = [
  "",
  "",
  "venti",
  "trenta",
  "quaranta",
  "cinquanta",
  "sessanta",
  "settanta",
  "ottanta",
  "novanta",
];
const EN_ORDINALS = [
  "",
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
  "thirteenth",
  "fourteenth",
  "fifteenth",
  "sixteenth",
  "seventeenth",
  "eighteenth",
  "nineteenth",
  "twentieth",
];

/** Numbers written as words, 0–99 in English and Italian ("twenty-one", "ventuno", "ventitré"). */
const NUMBER_WORDS = new Map<string, number>();
EN_UNITS.forEach((w, i) => NUMBER_WORDS.set(w, i));
IT_UNITS.forEach((w, i) => NUMBER_WORDS.set(w, i));
for (let tens = 2; tens <= 9; tens++) {
  NUMBER_WORDS.set(EN_TENS[tens]!, tens * 10);
  NUMBER_WORDS.set(IT_TENS[tens]!, tens * 10);
  for (let unit = 1; unit <= 9; unit++) {
    NUMBER_WORDS.set(`${EN_TENS[tens]}-${EN_UNITS[unit]}`, tens * 10 + unit);
    const stem = unit === 1 || unit === 8 ? IT_TENS[tens]!.slice(0, -1) : IT_TENS[tens]!;
    const itUnit = IT_UNITS[unit]!;
    NUMBER_WORDS.set(`${stem}${itUnit}`, tens * 10 + unit);
    if (unit === 3) NUMBER_WORDS.set(`${stem}tré`, tens * 10 + unit);
  }
}
/** Words that are numbers but mostly mean something else ("one of", "un", "sei" = "you are"). */
for (const w of ["one", "uno", "sei"]) NUMBER_WORDS.delete(w);

/** Day numbers in words, for dates like "the third of November" or "il tre novembre". */
const DAY_WORDS = new Map<string, number>();
EN_ORDINALS.forEach((w, i) => i > 0 && DAY_WORDS.set(w, i));
for (const [w, n] of [
  ["thirtieth", 30],
  ["primo", 1],
  ["sei", 6],
  ["uno", 1],
] as const)
  DAY_WORDS.set(w, n);
for (let unit = 1; unit <= 9; unit++) {
  DAY_WORDS.set(`twenty-${EN_ORDINALS[unit]}`, 20 + unit);
}
DAY_WORDS.set("thirty-first", 31);
for (const [w, n] of NUMBER_WORDS) if (n >= 2 && n <= 31) DAY_WORDS.set(w, n);
const DAY_WORD_ALTERNATION = [...DAY_WORDS.keys()].sort((a, b) => b.length - a.length).join("|");

/**
 * Words that can only stand for a large or vague amount: hundreds, thousands, millions, and Italian
 * compounds ("duecento", "tremila", "milleduecento"). Never a fact: the LLM is told to use digits.
 */
const AMOUNT_WORDS = new Set([
  ...["hundred", "thousand", "million", "billion", "dozen"].flatMap((w) => [w, `${w}s`]),
  ...["centinaia", "migliaia", "milione", "milioni", "miliardo", "miliardi", "cento", "mille"],
]);
const isItalianNumberPart = (part: string): boolean =>
  part === "" || part === "uno" || part === "sei" || NUMBER_WORDS.has(part) || isAmountWord(part);
function isAmountWord(word: string): boolean {
  if (AMOUNT_WORDS.has(word)) return true;
  // duecento, tremila, centoventi, milleduecento, duemilatrecentoquaranta (not Milano, simile, percento)
  const m = /^(\p{L}*?)(cento|mila|mille)(\p{L}*)$/u.exec(word);
  if (!m || (m[1] === "" && m[2] === "mila")) return false;
  return isItalianNumberPart(m[1]!) && isItalianNumberPart(m[3]!);
}
/** Set phrases that contain such words and mean no amount. */
const IDIOMS = /\b(?:grazie\s+mille|per\s*cento|mille\s+grazie)\b/giu;

const dayKey = (month: number, day: number) =>
  `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

interface FactsBuilder {
  numbers: number[];
  days: Set<string>;
  years: Set<number>;
  names: Set<string>;
  weekdays: Set<number>;
}

function collect(value: unknown, key: string, into: FactsBuilder): void {
  if (typeof value === "number" && Number.isFinite(value)) {
    into.numbers.push(value);
    // Rates are fractions in the facts and percentages in prose.
    if (Math.abs(value) <= 1 && !Number.isInteger(value)) into.numbers.push(value * 100);
    return;
  }
  if (typeof value === "string") {
    const iso = ISO_DAY.exec(value);
    if (iso) {
      into.years.add(Number(iso[1]));
      into.days.add(dayKey(Number(iso[2]), Number(iso[3])));
    } else if (NAME_KEYS.has(key)) {
      into.names.add(value.trim().toLowerCase());
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, key, into);
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) collect(v, k, into);
  }
}

/** A way to read a written number, and how many decimals it shows (its rounding precision). */
export interface NumberReading {
  readonly value: number;
  readonly decimals: number;
}

/**
 * Every reading of a written number: "1.234" is 1234 in Italian and 1.234 in English. With a
 * language, only that language's reading.
 */
export function readNumber(token: string, language?: FactLanguage): NumberReading[] {
  const readings = new Map<string, NumberReading>();
  const add = (value: number, decimals: number) => {
    if (Number.isFinite(value)) readings.set(`${value}/${decimals}`, { value, decimals });
  };
  if (/^\d+$/.test(token)) add(Number(token), 0);
  for (const [thousands, decimal] of [
    [".", ","],
    [",", "."],
  ] as const) {
    if (language !== undefined && (language === "it") !== (decimal === ",")) continue;
    const [whole = "", fraction, extra] = token.split(decimal);
    if (extra !== undefined) continue;
    const groups = whole.split(thousands);
    if (groups.length > 1 && !groups.slice(1).every((g) => /^\d{3}$/.test(g))) continue;
    if (!/^\d+$/.test(groups[0] ?? "") || (groups.length > 1 && (groups[0] ?? "").length > 3)) continue;
    if (fraction !== undefined && !/^\d+$/.test(fraction)) continue;
    add(Number(`${groups.join("")}${fraction !== undefined ? `.${fraction}` : ""}`), fraction?.length ?? 0);
  }
  return [...readings.values()];
}

export const numberReadings = (token: string, language?: FactLanguage): number[] =>
  readNumber(token, language).map((r) => r.value);

const NUMBER = /\d+(?:[.,]\d+)*/g;
const QUOTED =
  /"([^"\n]{1,120})"|“([^”\n]{1,120})”|«\s*([^»\n]{1,120}?)\s*»|„([^“”\n]{1,120})[“”]|‘([^’\n]{1,120})’|(?<!\p{L})'([^'\n]{1,120})'(?!\p{L})/gu;
interface DateParts {
  readonly day: number;
  readonly month: number;
  readonly year: number | undefined;
}
const yearOf = (c: string | undefined) => (c ? Number(c) : undefined);
const monthOf = (word: string) => MONTHS[word.toLowerCase()] ?? 0;
const dayWordOf = (word: string) => DAY_WORDS.get(word.toLowerCase()) ?? 0;

/** Each way a date is written, and how its three captures read as day, month and year. */
interface DateForm {
  readonly pattern: RegExp;
  readonly read: (a: string, b: string, c?: string) => DateParts;
}
const DATE_FORMS: readonly DateForm[] = [
  {
    pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    read: (a, b, c) => ({ year: Number(a), month: Number(b), day: Number(c) }),
  },
  {
    pattern: new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:di\\s+)?(${MONTH_WORDS})\\.?(?:\\s+(\\d{4}))?\\b`,
      "gi",
    ),
    read: (a, b, c) => ({ day: Number(a), month: monthOf(b), year: yearOf(c) }),
  },
  {
    pattern: new RegExp(`\\b(${MONTH_WORDS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, "gi"),
    read: (a, b, c) => ({ month: monthOf(a), day: Number(b), year: yearOf(c) }),
  },
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?\b/g,
    read: (a, b, c) => ({ day: Number(a), month: Number(b), year: yearOf(c) }),
  },
  {
    pattern: new RegExp(
      `\\b(${DAY_WORD_ALTERNATION})\\s+(?:of\\s+|di\\s+)?(${MONTH_WORDS})\\.?(?:,?\\s+(\\d{4}))?\\b`,
      "giu",
    ),
    read: (a, b, c) => ({ day: dayWordOf(a), month: monthOf(b), year: yearOf(c) }),
  },
  {
    pattern: new RegExp(
      `\\b(${MONTH_WORDS})\\.?\\s+(?:the\\s+)?(${DAY_WORD_ALTERNATION})(?:,?\\s+(\\d{4}))?\\b`,
      "giu",
    ),
    read: (a, b, c) => ({ month: monthOf(a), day: dayWordOf(b), year: yearOf(c) }),
  },
];

/**
 * Builds the facts an LLM text may use: the tool result plus trusted texts (the template answer).
 * The user's question is not one: a figure in it is a claim, not a fact.
 */
export function factsFrom(
  result: unknown,
  trustedTexts: readonly string[] = [],
  language?: FactLanguage,
): Facts {
  const into: FactsBuilder = {
    numbers: [],
    days: new Set(),
    years: new Set(),
    names: new Set(),
    weekdays: new Set(),
  };
  collect(result, "", into);
  for (const text of trustedTexts) {
    const { dates, rest } = extractDates(text);
    for (const d of dates) {
      into.days.add(d.key);
      if (d.year !== undefined) into.years.add(d.year);
    }
    const quoted = extractQuoted(rest);
    for (const name of quoted.names) into.names.add(name);
    for (const token of quoted.rest.match(NUMBER) ?? [])
      into.numbers.push(...numberReadings(token, language));
    for (const word of words(quoted.rest)) {
      const weekday = WEEKDAYS[word];
      if (weekday !== undefined) into.weekdays.add(weekday);
      const n = NUMBER_WORDS.get(word);
      if (n !== undefined) into.numbers.push(n);
    }
  }
  for (const day of into.days) {
    const [month, date] = day.split("-").map(Number) as [number, number];
    for (const year of into.years) into.weekdays.add(new Date(Date.UTC(year, month - 1, date)).getUTCDay());
  }
  return language ? { ...into, language } : into;
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}]+(?:-[\p{L}]+)*/gu) ?? [];

interface FoundDate {
  readonly text: string;
  readonly key: string;
  readonly year?: number;
}

function extractDates(text: string): { dates: FoundDate[]; rest: string } {
  const dates: FoundDate[] = [];
  let rest = text;
  for (const { pattern, read } of DATE_FORMS) {
    rest = rest.replace(pattern, (whole: string, a: string, b: string, c: string | undefined) => {
      const { day, month, year } = read(a, b, c);
      if (month < 1 || month > 12 || day < 1 || day > 31) return whole;
      dates.push({ text: whole, key: dayKey(month, day), ...(year !== undefined ? { year } : {}) });
      return " ";
    });
  }
  return { dates, rest };
}

function extractQuoted(text: string): { names: string[]; rest: string } {
  const names: string[] = [];
  const rest = text.replace(QUOTED, (...groups: (string | undefined)[]) => {
    const name = (groups.slice(1, 7).find((g) => g !== undefined) ?? "").trim().toLowerCase();
    if (name) names.push(name);
    return " ";
  });
  return { names, rest };
}

/** A number is allowed when some reading of it is a fact rounded to the decimals it shows. */
function numberAllowed(token: string, facts: Facts): boolean {
  return readNumber(token, facts.language).some(({ value, decimals }) => {
    const tolerance = 0.5 * 10 ** -decimals + 1e-9;
    return facts.numbers.some((fact) => Math.abs(Math.abs(fact) - value) <= tolerance);
  });
}

/** Checks an LLM text against the facts; any date, quoted name or number not found is a problem. */
export function checkFacts(text: string, facts: Facts): GuardVerdict {
  const problems: string[] = [];
  const { dates, rest: withoutDates } = extractDates(text);
  for (const date of dates) {
    if (!facts.days.has(date.key)) problems.push(`date "${date.text}"`);
    else if (date.year !== undefined && !facts.years.has(date.year)) problems.push(`year "${date.text}"`);
  }
  const { names, rest } = extractQuoted(withoutDates);
  for (const name of names) {
    if (!facts.names.has(name)) problems.push(`name "${name}"`);
  }
  for (const token of rest.match(NUMBER) ?? []) {
    if (!numberAllowed(token, facts)) problems.push(`number "${token}"`);
  }
  const factMonths = new Set([...facts.days].map((d) => Number(d.slice(0, 2))));
  for (const match of rest.matchAll(FULL_MONTH_WORDS)) {
    if (!factMonths.has(MONTHS[match[1]!.toLowerCase()] ?? 0)) problems.push(`month "${match[1]}"`);
  }
  for (const word of words(rest.replace(IDIOMS, " "))) {
    const weekday = WEEKDAYS[word];
    if (weekday !== undefined && !facts.weekdays.has(weekday)) problems.push(`weekday "${word}"`);
    const n = NUMBER_WORDS.get(word);
    if (n !== undefined && !facts.numbers.some((fact) => Math.abs(fact) === n)) {
      problems.push(`number "${word}"`);
    } else if (n === undefined && isAmountWord(word)) {
      problems.push(`amount "${word}"`);
    }
  }
  return { ok: problems.length === 0, problems };
}
