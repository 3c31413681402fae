import type { TimeWindow } from "../graph/labels.ts";

const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  uno: 1,
  una: 1,
  one: 1,
  a: 1,
  an: 1,
  due: 2,
  two: 2,
  tre: 3,
  three: 3,
  quattro: 4,
  four: 4,
  cinque: 5,
  five: 5,
  sei: 6,
  six: 6,
  sette: 7,
  seven: 7,
  otto: 8,
  eight: 8,
  nove: 9,
  nine: 9,
  dieci: 10,
  ten: 10,
  undici: 11,
  eleven: 11,
  dodici: 12,
  twelve: 12,
  tredici: 13,
  thirteen: 13,
  quattordici: 14,
  fourteen: 14,
  quindici: 15,
  fifteen: 15,
  sedici: 16,
  sixteen: 16,
  diciassette: 17,
  seventeen: 17,
  diciotto: 18,
  eighteen: 18,
  diciannove: 19,
  nineteen: 19,
  venti: 20,
  twenty: 20,
  ventuno: 21,
  ventidue: 22,
  ventitre: 23,
  ventiquattro: 24,
  venticinque: 25,
  ventisei: 26,
  ventisette: 27,
  ventotto: 28,
  ventinove: 29,
  trenta: 30,
  thirty: 30,
  quaranta: 40,
  forty: 40,
  cinquanta: 50,
  fifty: 50,
  sessanta: 60,
  sixty: 60,
  novanta: 90,
  ninety: 90,
  cento: 100,
  hundred: 100,
};

const NUM = `(\\d{1,3}|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join("|")})`;
const UNIT_DAYS: Record<string, number> = {
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

function toNumber(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word] ?? 1);
}

const clampDays = (n: number) => Math.max(1, Math.min(366, n));

/** A time window named in a normalized question, or null when none is named. */
export const NUMBER_WORD_LIST: readonly string[] = Object.keys(NUMBER_WORDS);

export function findWindow(s: string): TimeWindow | null {
  // "ultimi 7 giorni", "last 14 days", "past two weeks", "negli ultimi tre mesi", "ultima settimana".
  const lastN = new RegExp(
    `\\b(ultimi|ultime|ultimo|ultima|last|past|previous|scorsi|scorse|passati|passate)\\s+${NUM}?\\s*${UNIT}\\b`,
  ).exec(s);
  if (lastN) {
    const count = lastN[2] ? toNumber(lastN[2]) : 1;
    const unit = lastN[3]!;
    const single =
      !lastN[2] && (unit === "settimana" || unit === "week" || unit === "mese" || unit === "month");
    // "last week" / "last month" are calendar periods; "l'ultima settimana" / "ultimo mese" are rolling.
    if (single && /^(last|previous)$/.test(lastN[1]!))
      return unit === "week" || unit === "settimana" ? { kind: "last_week" } : { kind: "last_month" };
    return { kind: "last_n_days", n: clampDays(count * UNIT_DAYS[unit]!) };
  }
  const trailing = new RegExp(`\\b${NUM}\\s+${UNIT}\\s+(scorsi|scorse|passati|passate|fa)\\b`).exec(s);
  if (trailing)
    return { kind: "last_n_days", n: clampDays(toNumber(trailing[1]!) * UNIT_DAYS[trailing[2]!]!) };
  if (/\b(in the last|over the last|in the past|over the past|negli ultimi|nelle ultime)\b/.test(s)) {
    const n = new RegExp(`\\b${NUM}\\b`).exec(s.split(/\b(last|past|ultimi|ultime)\b/).pop() ?? "");
    if (n) return { kind: "last_n_days", n: clampDays(toNumber(n[1]!)) };
  }
  if (/\b(settimana scorsa|scorsa settimana|settimana passata|previous week|last week|week before)\b/.test(s))
    return { kind: "last_week" };
  if (/\b(mese scorso|scorso mese|mese passato|previous month|last month)\b/.test(s))
    return { kind: "last_month" };
  if (
    /\b(questa settimana|this week|settimana corrente|current week|in settimana|so far this week)\b/.test(s)
  )
    return { kind: "this_week" };
  if (/\b(questo mese|this month|mese corrente|current month|del mese|nel mese)\b/.test(s))
    return { kind: "this_month" };
  if (/\b(ieri|yesterday|yday)\b/.test(s)) return { kind: "yesterday" };
  if (
    /\b(oggi|today|stamattina|stamane|stasera|this morning|tonight|this afternoon|oggi pomeriggio|odierno|odierne|odierni|so far today|finora)\b/.test(
      s,
    )
  )
    return { kind: "today" };
  if (/\b(settimana|week|weekly|settimanale)\b/.test(s)) return { kind: "last_n_days", n: 7 };
  if (/\b(mese|month|monthly|mensile)\b/.test(s)) return { kind: "last_n_days", n: 30 };
  return null;
}
