/** Month names of both languages, in full, to their number (1–12). */
export const FULL_MONTH_NUMBERS: Readonly<Record<string, number>> = {
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
};

/**
 * Abbreviations of both languages that are no other common word. "mag", "ago" and "set" are left
 * to their users: they are Italian abbreviations but also words ("3 days ago", "set").
 */
export const MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  gen: 1,
  giu: 6,
  lug: 7,
  ott: 10,
  dic: 12,
};
