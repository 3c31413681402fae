/**
 * A lexicon is a list of keyword phrases matched on normalized text (lower case, no accents,
 * punctuation as spaces). A phrase ending in `*` is a stem ("affidabil*" matches "affidabile",
 * "affidabilità"). The words of every lexicon form the vocabulary the typo fixer corrects towards.
 */
export interface Lexicon {
  readonly pattern: RegExp;
  /** Whole words of the phrases (stems excluded: a stem is no spelling to correct towards), for the typo fixer. */
  readonly words: readonly string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function phraseSource(phrase: string): string {
  const stem = phrase.endsWith("*");
  const body = escape(stem ? phrase.slice(0, -1) : phrase).replace(/ /g, "\\s");
  return stem ? `${body}\\w*` : body;
}

/** A lexicon from phrases, given as an array or as one string separated by `|` (newlines ignored). */
export function lexicon(phrases: readonly string[] | string): Lexicon {
  const list = typeof phrases === "string" ? phrases.split("|") : phrases;
  const clean = list.map((p) => p.trim().replace(/\s+/g, " ")).filter(Boolean);
  const sorted = [...new Set(clean)].sort((a, b) => b.length - a.length);
  const words = new Set<string>();
  for (const p of sorted) {
    for (const w of p.split(" ")) if (!w.endsWith("*")) words.add(w);
  }
  return {
    pattern: new RegExp(`\\b(?:${sorted.map(phraseSource).join("|")})\\b`),
    words: [...words],
  };
}

/** Splits a block of space-separated words (for long word lists). */
export const wordList = (block: string): string[] => block.split(/\s+/).filter(Boolean);
