/**
 * The fact guard: an LLM may word an answer but never invent a number, a date or a workflow name.
 * Every figure, date and quoted name in the LLM's text must be found in the facts it was given
 * (the tool result, the template answer, the question); otherwise the text is discarded.
 */

export interface Facts {
  readonly numbers: readonly number[];
  /** Calendar days as "MM-DD". */
  readonly days: ReadonlySet<string>;
  readonly years: ReadonlySet<number>;
  /** Names (workflows, senders) in lower case. */
  readonly names: ReadonlySet<string>;
}

export interface GuardVerdict {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/;
const MONTHS: Record<string, number> = {
  gennaio: 1,
  febbraio: 2,
  marzo: 3,
  aprile: 4,
  maggio: 5,
  giugno: 6,
  luglio: 7,
  agosto: 8,
  settembre: 9,
  ottobre: 10,
  novembre: 11,
  dicembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  gen: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  mag: 5,
  giu: 6,
  lug: 7,
  ago: 8,
  set: 9,
  ott: 10,
  nov: 11,
  dic: 12,
  jan: 1,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  dec: 12,
};
const MONTH_WORDS = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const NAME_KEYS = new Set(["name", "workflow"]);

const dayKey = (month: number, day: number) =>
  `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

interface FactsBuilder {
  numbers: number[];
  days: Set<string>;
  years: Set<number>;
  names: Set<string>;
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

/** Every reading of a written number: "1.234" is 1234 in Italian and 1.234 in English. */
export function readNumber(token: string): NumberReading[] {
  const readings = new Map<string, NumberReading>();
  const add = (value: number, decimals: number) => {
    if (Number.isFinite(value)) readings.set(`${value}/${decimals}`, { value, decimals });
  };
  if (/^\d+$/.test(token)) add(Number(token), 0);
  for (const [thousands, decimal] of [
    [".", ","],
    [",", "."],
  ] as const) {
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

export const numberReadings = (token: string): number[] => readNumber(token).map((r) => r.value);

const NUMBER = /\d+(?:[.,]\d+)*/g;
const QUOTED = /"([^"\n]{1,120})"|“([^”\n]{1,120})”|«\s*([^»\n]{1,120}?)\s*»|„([^“”\n]{1,120})[“”]/g;
const DATE_PATTERNS: readonly RegExp[] = [
  /\b(\d{4})-(\d{2})-(\d{2})\b/g,
  new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:di\\s+)?(${MONTH_WORDS})\\.?(?:\\s+(\\d{4}))?\\b`, "gi"),
  new RegExp(`\\b(${MONTH_WORDS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, "gi"),
  /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?\b/g,
];

/** Builds the facts an LLM text may use: the tool result plus trusted texts (template answer, question). */
export function factsFrom(result: unknown, trustedTexts: readonly string[] = []): Facts {
  const into: FactsBuilder = { numbers: [], days: new Set(), years: new Set(), names: new Set() };
  collect(result, "", into);
  for (const text of trustedTexts) {
    const { dates, rest } = extractDates(text);
    for (const d of dates) {
      into.days.add(d.key);
      if (d.year !== undefined) into.years.add(d.year);
    }
    const quoted = extractQuoted(rest);
    for (const name of quoted.names) into.names.add(name);
    for (const token of quoted.rest.match(NUMBER) ?? []) into.numbers.push(...numberReadings(token));
  }
  return into;
}

interface FoundDate {
  readonly text: string;
  readonly key: string;
  readonly year?: number;
}

function extractDates(text: string): { dates: FoundDate[]; rest: string } {
  const dates: FoundDate[] = [];
  let rest = text;
  DATE_PATTERNS.forEach((pattern, index) => {
    rest = rest.replace(pattern, (whole: string, a: string, b: string, c: string | undefined) => {
      let month: number;
      let day: number;
      let year: number | undefined;
      if (index === 0) [year, month, day] = [Number(a), Number(b), Number(c)];
      else if (index === 1)
        [day, month, year] = [Number(a), MONTHS[b.toLowerCase()] ?? 0, c ? Number(c) : undefined];
      else if (index === 2)
        [month, day, year] = [MONTHS[a.toLowerCase()] ?? 0, Number(b), c ? Number(c) : undefined];
      else [day, month, year] = [Number(a), Number(b), c ? Number(c) : undefined];
      if (month < 1 || month > 12 || day < 1 || day > 31) return whole;
      dates.push({ text: whole, key: dayKey(month, day), ...(year !== undefined ? { year } : {}) });
      return " ";
    });
  });
  return { dates, rest };
}

function extractQuoted(text: string): { names: string[]; rest: string } {
  const names: string[] = [];
  const rest = text.replace(QUOTED, (_w, a?: string, b?: string, c?: string, d?: string) => {
    const name = (a ?? b ?? c ?? d ?? "").trim().toLowerCase();
    if (name) names.push(name);
    return " ";
  });
  return { names, rest };
}

/** A number is allowed when some reading of it is a fact rounded to the decimals it shows. */
function numberAllowed(token: string, facts: Facts): boolean {
  return readNumber(token).some(({ value, decimals }) => {
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
  return { ok: problems.length === 0, problems };
}
