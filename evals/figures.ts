/**
 * Does an answer state figures? Digits that are values, not the words that restate what was asked:
 * quoted names («Promo Natale 2025»), dates and times ("3 novembre", "16:20", "2025"), and periods
 * ("ultimi 7 giorni", "last 2 hours", "top 5"). Used by the wrong-answer metric: an answer that
 * states figures while its truth check fails gave figures for another question.
 */
const MONTHS =
  "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

const NOT_FIGURES: readonly RegExp[] = [
  /«[^»]*»|“[^”]*”|"[^"]*"/g,
  /\bn8n\b/gi,
  // Times are written 16:20 (a dot would be an amount: "€9.99").
  /\b\d{1,2}:\d{2}\b/g,
  /\b(dal|dall|from|between|tra|fra) \d{1,2}°? (al|all|to|and|e) \d{1,2}\b/gi,
  new RegExp(`\\b\\d{1,2}(°|st|nd|rd|th)?( |–|-)(\\d{1,2} )?(${MONTHS})\\b( \\d{4})?`, "gi"),
  // "November 3" is a date only where a date ends ("November 3, 2025", "on November 3."): in
  // "in October 45 orders came in" the number is a count.
  new RegExp(`\\b(${MONTHS}) \\d{1,2}(st|nd|rd|th)?\\b(?=\\s*([,.;:)–-]|$|at\\b|to\\b|and\\b))`, "gi"),
  /\b\d{1,2}\s*[–-]\s*\d{1,2}\b/g,
  /\b(19|20)\d\d\b/g,
  /\b(ultim[ioe]|last|past|prossim[ioe]|next|previous|precedenti|scorsi|scorse|top|primi|prime)\s+\d+\b/gi,
  /\b\d+\s+(giorni|giorno|days|day|ore|ora|hours|hour|settimane|weeks|mesi|months)\b/gi,
];

/** The answer with every non-figure number taken out. */
export function withoutRestatements(answer: string): string {
  let text = answer;
  for (const re of NOT_FIGURES) text = text.replace(re, " ");
  return text;
}

export function statesFigures(answer: string): boolean {
  return /\d/.test(withoutRestatements(answer));
}

/** Does an answer state a time or a calendar day (what a "when was the last …" answer states)? */
export function statesMoment(answer: string): boolean {
  const unquoted = answer.replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, " ");
  return (
    /\b\d{1,2}:\d{2}\b/.test(unquoted) ||
    new RegExp(`\\b\\d{1,2}(°|st|nd|rd|th)? (${MONTHS})\\b|\\b(${MONTHS}) \\d{1,2}\\b`, "i").test(unquoted)
  );
}
