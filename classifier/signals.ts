import type { AnalysisKind, QueryType, TimeWindow } from "../graph/labels.ts";
import { COMMON_WORDS } from "./commonWords.ts";
import { SIGNAL_WORDS } from "./language.ts";
import { createSpellFixer, normalizeText } from "./normalize.ts";
import { UNSAFE_WORDS } from "./unsafe.ts";
import {
  COMPARE,
  COMPARED_WITH,
  DATA_ASK,
  FILLER,
  KEYWORD_WORDS,
  MORE_THAN,
  OFF_TOPIC,
  PREDICTION_FUTURE,
  PREDICTION_STRONG,
  QUERY_TYPE_PATTERNS,
  TOP_ERRORS,
  TREND,
} from "./vocabulary.ts";
import { findWindow, HORIZON, NUMBER_WORD_LIST, WINDOW_WORDS } from "./windows.ts";

/** Everything the rules read from one question, computed once. */
export interface Signals {
  /** Normalized text with likely typos corrected. */
  readonly text: string;
  /** Normalized text as typed (for the unsafe rules, which must not depend on corrections). */
  readonly plain: string;
  readonly tokens: readonly string[];
  /** How many tokens the typo fixer corrected. */
  readonly fixes: number;
  readonly window: TimeWindow | null;
  readonly queryType: QueryType | null;
  readonly compare: boolean;
  /** Names the period compared against ("rispetto alla settimana scorsa", "than yesterday"). */
  readonly reference: boolean;
  readonly trend: boolean;
  /** Asks why things fail, or which failures are most common. */
  readonly why: boolean;
  /** Asks for a forecast in so many words ("previsioni", "forecast"). */
  readonly forecast: boolean;
  /** Speaks about the future ("next week", "domani", "will we"). */
  readonly future: boolean;
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
  const window = findWindow(text);
  return {
    text,
    plain,
    tokens,
    fixes,
    window,
    queryType: findQueryType(text),
    compare: COMPARE.pattern.test(text) || MORE_THAN.test(text),
    reference: window !== null && COMPARED_WITH.test(text),
    trend: TREND.pattern.test(text),
    why: TOP_ERRORS.pattern.test(text),
    forecast: PREDICTION_STRONG.pattern.test(text),
    future: PREDICTION_FUTURE.pattern.test(text) || HORIZON.test(text),
    offTopic: OFF_TOPIC.pattern.test(text),
    dataAsk: DATA_ASK.pattern.test(text),
    bare: isBare(text),
  };
}

/**
 * Which analysis a question asks for, given the query type it is about: "why" only means an error
 * analysis for failures; a named reference period makes it a comparison; a trend needs a subject
 * or nothing else ("is it growing?"); a comparison needs a subject or a period.
 */
export function analysisKind(s: Signals, queryType: QueryType | null): AnalysisKind | null {
  if (s.why && queryType === "ERRORS") return "top_errors";
  // "sono diminuite rispetto alla settimana scorsa?" compares two periods, whatever verb it uses.
  if (s.compare && s.reference) return "compare";
  if (s.trend && (queryType !== null || s.bare)) return "trend";
  if (s.compare && (queryType !== null || s.window !== null)) return "compare";
  return null;
}

/** Forecasts and analyses count runs, emails, orders or failures: overviews and workflow lists count runs. */
export function countedSubject(queryType: QueryType | null): QueryType {
  return queryType === null || queryType === "OVERVIEW" || queryType === "WORKFLOWS"
    ? "TODAY_ACTIVITY"
    : queryType;
}
