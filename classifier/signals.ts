import type { QueryType } from "../graph/labels.ts";
import { COMMON_WORDS } from "./commonWords.ts";
import { SIGNAL_WORDS } from "./language.ts";
import { createSpellFixer, normalizeText } from "./normalize.ts";
import { NUMBER_WORD_LIST } from "./numbers.ts";
import { HORIZON, WINDOW_WORDS } from "./time.ts";
import { UNSAFE_WORDS } from "./unsafe.ts";
import {
  COMPARE,
  DATA_ASK,
  FILLER,
  KEYWORD_WORDS,
  OFF_TOPIC,
  PREDICTION_FUTURE,
  PREDICTION_STRONG,
  QUERY_TYPE_PATTERNS,
  TOP_ERRORS,
  TREND,
} from "./vocabulary.ts";

/** What the rules read from one question before planning it, computed once. */
export interface Signals {
  /** Normalized text with likely typos corrected. */
  readonly text: string;
  /** Normalized text as typed (for the unsafe rules and names, which must not depend on corrections). */
  readonly plain: string;
  readonly tokens: readonly string[];
  /** How many tokens the typo fixer corrected. */
  readonly fixes: number;
  /** The family of business topic the words name, if any (a quick "is this about the business?"). */
  readonly queryType: QueryType | null;
  readonly offTopic: boolean;
  readonly dataAsk: boolean;
  /** Nothing is left once period, future, analysis and filler words are taken out ("e ieri?", "perché?"). */
  readonly bare: boolean;
}

/**
 * Typos are corrected towards the words that decide a classification (keywords, periods, numbers,
 * unsafe words), never towards everyday words, which are only protected from "correction".
 */
const fixer = createSpellFixer(
  [...KEYWORD_WORDS, ...NUMBER_WORD_LIST, ...WINDOW_WORDS, ...UNSAFE_WORDS].filter((w) => !FILLER.has(w)),
  [...COMMON_WORDS, ...FILLER, ...SIGNAL_WORDS, ...DATA_ASK.words],
);

const global = (re: RegExp) => new RegExp(re.source, "g");
/** Phrases removed before checking whether anything but filler is left. */
const NON_TOPIC = [
  global(HORIZON),
  global(PREDICTION_STRONG.pattern),
  global(PREDICTION_FUTURE.pattern),
  global(TREND.pattern),
  global(COMPARE.pattern),
  global(TOP_ERRORS.pattern),
];

function findQueryType(text: string): QueryType | null {
  for (const [type, pattern] of QUERY_TYPE_PATTERNS) if (pattern.test(text)) return type;
  return null;
}

function isBare(text: string): boolean {
  let rest = text;
  for (const re of NON_TOPIC) rest = rest.replace(re, " ");
  return rest.split(" ").every((t) => t === "" || FILLER.has(t) || WINDOW_WORDS.has(t) || /^\d+$/.test(t));
}

export function readSignals(question: string): Signals {
  const plain = normalizeText(question);
  const raw = plain === "" ? [] : plain.split(" ");
  const tokens = raw.map((t) => fixer.fix(t));
  const fixes = tokens.reduce((n, t, i) => (t === raw[i] ? n : n + 1), 0);
  const text = tokens.join(" ");
  return {
    text,
    plain,
    tokens,
    fixes,
    queryType: findQueryType(text),
    offTopic: OFF_TOPIC.pattern.test(text),
    dataAsk: DATA_ASK.pattern.test(text),
    bare: isBare(text),
  };
}
