import type { Language } from "../graph/labels.ts";

const LOCALE: Record<Language, string> = { it: "it-IT", en: "en-GB" };

/** Intl formatters are costly to build and immutable: one per locale and options, built once. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(
  key: string,
  make: () => F,
): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function formatInteger(n: number, lang: Language): string {
  const f = formatter(
    `integer/${lang}`,
    () => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0, useGrouping: "always" }),
  );
  return f.format(Math.round(n));
}

/** 0.9453 → "94,5%" / "94.5%". */
export function formatPercent(ratio: number, lang: Language): string {
  return formatter(
    `percent/${lang}`,
    () => new Intl.NumberFormat(LOCALE[lang], { style: "percent", maximumFractionDigits: 1 }),
  ).format(ratio);
}

export function formatMoney(amount: number, currency: string, lang: Language): string {
  const code = /^[A-Z]{3}$/.test(currency) ? currency : "EUR";
  // Intl puts a no-break space before the symbol; answers are plain text, so use an ordinary one.
  return formatter(
    `money/${code}/${lang}`,
    () => new Intl.NumberFormat(LOCALE[lang], { style: "currency", currency: code, useGrouping: "always" }),
  )
    .format(amount)
    .replace(/\u00a0/g, " ");
}

/** "2026-11-16" → "lunedì 16 novembre" / "Monday 16 November". */
export function formatDay(day: string, lang: Language): string {
  const [y, m, d] = day.split("-").map(Number);
  return formatter(
    `day/${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALE[lang], {
        weekday: "long",
        day: "numeric",
        month: "long",
        timeZone: "UTC",
      }),
  ).format(new Date(Date.UTC(y!, m! - 1, d)));
}

export function formatSeconds(seconds: number, lang: Language): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.round(seconds));
    return lang === "it"
      ? `${s} ${s === 1 ? "secondo" : "secondi"}`
      : `${s} ${s === 1 ? "second" : "seconds"}`;
  }
  const m = Math.round(seconds / 60);
  return lang === "it" ? `${m} ${m === 1 ? "minuto" : "minuti"}` : `${m} ${m === 1 ? "minute" : "minutes"}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** A workflow's name as users see it: quoted, trimmed, never empty. */
export function quoteName(name: string, lang: Language): string {
  const clean =
    name
      .replace(/[{}[\]<>"`]/g, "")
      .replace(/\s+/g, " ")
      .trim() || (lang === "it" ? "senza nome" : "unnamed");
  return lang === "it" ? `«${clean}»` : `“${clean}”`;
}

/** "a, b e c" / "a, b and c". */
export function joinList(items: readonly string[], lang: Language): string {
  return formatter(
    `list/${lang}`,
    () => new Intl.ListFormat(LOCALE[lang], { style: "long", type: "conjunction" }),
  ).format(items);
}

/** An instant as local date and time: "venerdì 20 novembre alle 16:20" / "Friday 20 November at 16:20". */
export function formatInstant(iso: string, timeZone: string, lang: Language): string {
  const f = formatter(
    `instant/${lang}/${timeZone}`,
    () =>
      new Intl.DateTimeFormat(LOCALE[lang], {
        weekday: "long",
        day: "numeric",
        month: "long",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone,
      }),
  );
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return lang === "it"
    ? `${p.weekday} ${p.day} ${p.month} alle ${p.hour}:${p.minute}`
    : `${p.weekday} ${p.day} ${p.month} at ${p.hour}:${p.minute}`;
}
