import type { Language } from "../graph/labels.ts";
import { alNumber, dalNumber } from "./italian.ts";
import type { Category, Hours, ResolvedFilters, ResolvedPeriod } from "../graph/plan.ts";
import { capitalize, formatDay, joinList, quoteName } from "./format.ts";

/**
 * Phrases that restate how a question was read, so a misreading shows at once: the period
 * ("dal 3 al 10 novembre", "in the last 2 hours"), the time of day, the weekdays, the workflows and
 * senders. Pure; every phrase is ready to sit inside a sentence.
 */

const MONTHS: Record<Language, readonly string[]> = {
  it: [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};
const WEEKDAYS: Record<Language, readonly string[]> = {
  it: ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};
const WEEKDAYS_PLURAL: Record<Language, readonly string[]> = {
  it: ["il lunedì", "il martedì", "il mercoledì", "il giovedì", "il venerdì", "il sabato", "la domenica"],
  en: ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"],
};

const parts = (day: string) => day.split("-").map(Number) as [number, number, number];

/** "3 novembre" / "3 November", with the year when it is not `currentYear`. */
export function dayMonth(day: string, lang: Language, currentYear?: number): string {
  const [y, m, d] = parts(day);
  const year = currentYear !== undefined && y !== currentYear ? ` ${y}` : "";
  return `${d} ${MONTHS[lang][m - 1]}${year}`;
}

/** "16–20 novembre", "30 ottobre – 3 novembre" (with years only when they differ from the current one). */
/** "dal 3 novembre", "dall'8 novembre", "dal 1° novembre". */
const dalDay = (day: string) => (day.startsWith("1 ") ? `dal 1° ${day.slice(2)}` : dalNumber(day));
const alDay = (day: string) => (day.startsWith("1 ") ? `al 1° ${day.slice(2)}` : alNumber(day));

function dayRange(from: string, to: string, lang: Language, currentYear: number): string {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  if (fy === ty && fm === tm) {
    const year = ty !== currentYear ? ` ${ty}` : "";
    return lang === "it"
      ? `${dalNumber(String(parts(from)[2]))} ${alNumber(String(parts(to)[2]))} ${MONTHS.it[tm - 1]}${year}`
      : `from ${parts(from)[2]} to ${parts(to)[2]} ${MONTHS.en[tm - 1]}${year}`;
  }
  return lang === "it"
    ? `${dalDay(dayMonth(from, lang, currentYear))} ${alDay(dayMonth(to, lang, currentYear))}`
    : `from ${dayMonth(from, lang, currentYear)} to ${dayMonth(to, lang, currentYear)}`;
}

/** How a period reads inside a sentence: "oggi", "la settimana scorsa (9–15 novembre)", "nelle ultime 2 ore". */
export function periodPhrase(period: ResolvedPeriod, lang: Language, today: string): string {
  const currentYear = parts(today)[0];
  if (period.kind === "none") return lang === "it" ? "in questo momento" : "right now";
  if (period.kind === "rolling") {
    if (period.hours === 1) return lang === "it" ? "nell'ultima ora" : "in the last hour";
    return lang === "it" ? `nelle ultime ${period.hours} ore` : `in the last ${period.hours} hours`;
  }
  const { from, to, spec } = period;
  const single = from === to;
  const onDay = (day: string) => {
    const weekday = formatDay(day, lang).split(" ")[0]!;
    return lang === "it"
      ? `${weekday} ${dayMonth(day, lang, currentYear)}`
      : `on ${weekday} ${dayMonth(day, lang, currentYear)}`;
  };
  switch (spec.kind) {
    case "today":
      return lang === "it" ? "oggi" : "today";
    case "yesterday":
      return lang === "it" ? "ieri" : "yesterday";
    case "this_week":
      return lang === "it" ? "questa settimana" : "this week";
    case "last_week":
      return lang === "it"
        ? `la settimana scorsa (${dayRange(from, to, lang, currentYear)})`
        : `last week (${dayRange(from, to, lang, currentYear)})`;
    case "this_month":
      return lang === "it" ? "questo mese" : "this month";
    case "last_month":
      return lang === "it"
        ? `il mese scorso (${MONTHS.it[parts(from)[1] - 1]})`
        : `last month (${MONTHS.en[parts(from)[1] - 1]})`;
    case "this_year":
      return lang === "it" ? "quest'anno" : "this year";
    case "last_year":
      return lang === "it" ? `l'anno scorso (${parts(from)[0]})` : `last year (${parts(from)[0]})`;
    case "all_time":
      return lang === "it" ? "da quando ci sono i dati" : "since records began";
    case "last_n_days":
      if (spec.n === 1) return lang === "it" ? "oggi" : "today";
      return lang === "it" ? `negli ultimi ${spec.n} giorni` : `in the last ${spec.n} days`;
    case "month": {
      const [y, m] = parts(from);
      const year = y !== currentYear ? ` ${y}` : "";
      return lang === "it" ? `a ${MONTHS.it[m - 1]}${year}` : `in ${MONTHS.en[m - 1]}${year}`;
    }
    case "weekend":
      return lang === "it"
        ? `nel weekend (${dayRange(from, to, lang, currentYear)})`
        : `over the weekend (${dayRange(from, to, lang, currentYear)})`;
    case "since":
      return lang === "it"
        ? `${dalDay(dayMonth(from, lang, currentYear))} a oggi`
        : `since ${dayMonth(from, lang, currentYear)}`;
    case "day":
    case "range":
    case "rolling_hours":
      return single ? onDay(from) : dayRange(from, to, lang, currentYear);
  }
}

/** "dalle 6:00 alle 12:00", "dopo le 18:00" / "between 6:00 and 12:00", "after 18:00". */
export function hoursPhrase(hours: Hours, lang: Language): string {
  const h = (n: number) => `${n}:00`;
  if (hours.to === 24 && hours.from > 0)
    return lang === "it" ? `dopo le ${h(hours.from)}` : `after ${h(hours.from)}`;
  if (hours.from === 0 && hours.to < 24)
    return lang === "it" ? `prima delle ${h(hours.to)}` : `before ${h(hours.to)}`;
  return lang === "it"
    ? `tra le ${h(hours.from)} e le ${h(hours.to)}`
    : `between ${h(hours.from)} and ${h(hours.to)}`;
}

export function weekdaysPhrase(weekdays: readonly number[], lang: Language): string {
  const sorted = [...weekdays].sort((a, b) => a - b);
  if (sorted.length === 2 && sorted[0] === 6 && sorted[1] === 7)
    return lang === "it" ? "nei weekend" : "at weekends";
  const names = sorted.map((d) => WEEKDAYS_PLURAL[lang][d - 1]!);
  return lang === "it" ? joinList(names, lang) : `on ${joinList(names, lang)}`;
}

export const weekdayName = (isoWeekday: number, lang: Language): string => WEEKDAYS[lang][isoWeekday - 1]!;

/** When: the period, then the time of day and weekdays ("ieri, tra le 9:00 e le 12:00"). */
export function whenPhrase(
  period: ResolvedPeriod,
  filters: ResolvedFilters,
  lang: Language,
  today: string,
): string {
  let text = periodPhrase(period, lang, today);
  if (filters.weekdays && filters.weekdays.length > 0) text += ` ${weekdaysPhrase(filters.weekdays, lang)}`;
  if (filters.hours) text += `, ${hoursPhrase(filters.hours, lang)},`;
  return text;
}

/** A kind of work as the automations doing it: "le automazioni email" / "the email automations". */
export const CATEGORY_SUBJECT: Record<Category, Record<Language, string>> = {
  email: { it: "le automazioni email", en: "the email automations" },
  order: { it: "le automazioni degli ordini", en: "the order automations" },
  lead: { it: "le automazioni dei contatti", en: "the lead automations" },
  invoice: { it: "le automazioni delle fatture", en: "the invoice automations" },
  crm: { it: "le automazioni del CRM", en: "the CRM automations" },
  report: { it: "le automazioni dei report", en: "the report automations" },
  other: { it: "le altre automazioni", en: "the other automations" },
};

/** "delle automazioni email" / "of the email automations". */
const categoryOf = (category: Category, lang: Language): string =>
  lang === "it"
    ? CATEGORY_SUBJECT[category].it.replace(/^le /, "delle ")
    : `of ${CATEGORY_SUBJECT[category].en}`;

/** The workflows a plan is about: "«Ordini WooCommerce»", "«A» e «B»", or a kind of work; "" for all. */
export function workflowsPhrase(filters: ResolvedFilters, lang: Language): string {
  if (filters.workflows.length > 0)
    return joinList(
      filters.workflows.map((w) => quoteName(w.name, lang)),
      lang,
    );
  if (filters.category) return categoryOf(filters.category, lang);
  return "";
}

export function sendersPhrase(filters: ResolvedFilters, lang: Language): string {
  return joinList(
    filters.senders.map((s) => quoteName(s, lang)),
    lang,
  );
}

/** "per «X»" / "for «X»" (or a kind of work), with a leading space; "" without workflow filter. */
export function forWorkflows(filters: ResolvedFilters, lang: Language): string {
  const w =
    filters.workflows.length > 0
      ? workflowsPhrase(filters, lang)
      : filters.category
        ? CATEGORY_SUBJECT[filters.category][lang]
        : "";
  if (!w) return "";
  return lang === "it" ? ` per ${w}` : ` for ${w}`;
}

/** " da «Laura Conti»" / " from «Laura Conti»"; "" without sender filter. */
export function fromSenders(filters: ResolvedFilters, lang: Language): string {
  const s = sendersPhrase(filters, lang);
  return s ? (lang === "it" ? ` da ${s}` : ` from ${s}`) : "";
}

export { capitalize };
