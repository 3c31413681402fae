import type { PreviousTurn } from "../graph/context.ts";
import type { AnalysisKind, Classification, Intent, QueryType, TimeWindow } from "../graph/labels.ts";
import { defaultWindow, isDataIntent } from "../graph/labels.ts";
import type { Classifier } from "./types.ts";
import { detectLanguage, hasLanguageSignal, SIGNAL_WORDS } from "./language.ts";
import { createSpellFixer, normalizeText } from "./normalize.ts";
import { unsafeRule } from "./unsafe.ts";
import {
  ANALYSIS_KINDS,
  DATA_ASK,
  FOLLOW_UP_START,
  GREETING,
  HELP,
  PREDICTION,
  QUERY_TYPE_PATTERNS,
  vocabularyWords,
} from "./vocabulary.ts";
import { findWindow, NUMBER_WORD_LIST } from "./windows.ts";

const fixSpelling = createSpellFixer(vocabularyWords([...SIGNAL_WORDS, ...NUMBER_WORD_LIST]));

const HORIZON =
  /\b(next|prossim[oaie]|coming|upcoming|entro)\s+(\w+\s+)?(week|weeks|settimana|settimane|month|months|mese|mesi|days|giorni)\b/g;
const COMPARED_WITH =
  /\b(rispetto|compared|compare to|compare with|than|vs|versus|in confronto|confronto con|paragonat[oaie])\b/;
/** In a comparison, the current period named beside the one compared against. */
const CURRENT_PERIOD: ReadonlyArray<readonly [RegExp, TimeWindow]> = [
  [/\b(oggi|today)\b/, { kind: "today" }],
  [/\b(questa settimana|this week)\b/, { kind: "this_week" }],
  [/\b(questo mese|this month)\b/, { kind: "this_month" }],
];
const SUCCESSOR: Partial<Record<TimeWindow["kind"], TimeWindow>> = {
  yesterday: { kind: "today" },
  last_week: { kind: "this_week" },
  last_month: { kind: "this_month" },
};

/** Normalized text with likely typos corrected, and its tokens. */
export function prepare(question: string): { text: string; tokens: string[] } {
  const tokens = normalizeText(question).split(" ").filter(Boolean).map(fixSpelling);
  return { text: tokens.join(" "), tokens };
}

function findQueryType(text: string): QueryType | null {
  for (const [type, pattern] of QUERY_TYPE_PATTERNS) if (pattern.test(text)) return type;
  return null;
}

function findAnalysis(text: string, queryType: QueryType | null): AnalysisKind | null {
  for (const [kind, pattern] of ANALYSIS_KINDS) {
    if (!pattern.test(text)) continue;
    // "why" only means an error analysis when the question is about failures.
    if (kind === "top_errors" && queryType !== "ERRORS") continue;
    return kind;
  }
  return null;
}

function result(
  intent: Intent,
  language: Classification["language"],
  confidence: number,
  rest: Partial<Classification> = {},
): Classification {
  return {
    intent,
    queryType: null,
    window: null,
    language,
    confidence: Math.round(confidence * 100) / 100,
    analysis: null,
    followUp: false,
    reason: "",
    ...rest,
  };
}

function isFollowUp(text: string, tokens: readonly string[], previous: PreviousTurn | null): boolean {
  if (!previous || !isDataIntent(previous.classification.intent)) return false;
  if (FOLLOW_UP_START.test(text) && tokens.length <= 9) return true;
  // A bare window or topic: "ieri?", "last week?", "ordini?".
  return (
    tokens.length <= 3 && (findWindow(text) !== null || findQueryType(text) !== null) && !DATA_ASK.test(text)
  );
}

function followUp(text: string, tokens: readonly string[], previous: PreviousTurn): Classification {
  const prev = previous.classification;
  const language = hasLanguageSignal(tokens) ? detectLanguage(tokens).language : prev.language;
  const window = findWindow(text);
  const queryType = findQueryType(text.replace(FOLLOW_UP_START, " "));
  const analysis = findAnalysis(text, queryType ?? prev.queryType);
  let intent = prev.intent;
  if (PREDICTION.test(text)) intent = "PREDICTION";
  else if (analysis) intent = "ANALYSIS";
  // A new topic keeps the kind of question, except an error analysis, which only exists for failures.
  else if (queryType && queryType !== "ERRORS" && prev.analysis === "top_errors") intent = "BUSINESS_DATA";
  const nextType = queryType ?? prev.queryType;
  const nextAnalysis = intent === "ANALYSIS" ? (analysis ?? prev.analysis ?? "compare") : null;
  const nextWindow =
    intent === "PREDICTION"
      ? ((prev.intent === "PREDICTION" ? prev.window : null) ?? defaultWindow(intent, nextType, null))
      : (window ??
        (intent === prev.intent ? prev.window : null) ??
        defaultWindow(intent, nextType, nextAnalysis));
  return result(intent, language, window || queryType ? 0.88 : 0.75, {
    queryType: nextType,
    window: nextWindow,
    analysis: nextAnalysis,
    followUp: true,
    reason: "follow-up",
  });
}

/** Offline bilingual classification by rules: fast, deterministic, the last stage of any LLM chain. */
export function classifyByRules(question: string, previousTurn: PreviousTurn | null): Classification {
  const { text, tokens } = prepare(question);
  const { language, signal } = detectLanguage(tokens);

  const unsafe = unsafeRule(question, text);
  if (unsafe) return result("UNSAFE", language, 0.99, { reason: unsafe });
  if (tokens.length === 0) return result("GENERAL", language, 0.3, { reason: "empty" });

  if (isFollowUp(text, tokens, previousTurn)) return followUp(text, tokens, previousTurn!);

  const window = findWindow(text);
  const queryType = findQueryType(text);
  if (GREETING.test(text)) return result("GREETING", language, 0.97, { reason: "greeting" });
  if (HELP.test(text) && !queryType) return result("HELP", language, 0.93, { reason: "help" });

  if (
    PREDICTION.test(text) &&
    (queryType || DATA_ASK.test(text) || /\b(attivita|activity|lavoro|workload|volume)\b/.test(text))
  ) {
    const qt =
      queryType === "WORKFLOWS" || queryType === "OVERVIEW"
        ? "TODAY_ACTIVITY"
        : (queryType ?? "TODAY_ACTIVITY");
    // "next week" is the horizon, not the history: only an explicit "last N days" sets the history.
    const historyWindow = findWindow(text.replace(HORIZON, " "));
    const history =
      historyWindow?.kind === "last_n_days" && historyWindow.n >= 7
        ? historyWindow
        : defaultWindow("PREDICTION", qt, null);
    return result("PREDICTION", language, queryType ? 0.92 : 0.8, {
      queryType: qt,
      window: history,
      reason: "prediction",
    });
  }

  const analysis = findAnalysis(text, queryType);
  if (analysis && (queryType || analysis !== "compare" || window)) {
    const qt = queryType ?? "TODAY_ACTIVITY";
    // "rispetto a ieri" / "than last week" names the period compared against: the question is about the one after.
    const named = analysis === "compare" ? CURRENT_PERIOD.find(([re]) => re.test(text))?.[1] : undefined;
    const current =
      named ??
      (analysis === "compare" && window && COMPARED_WITH.test(text)
        ? (SUCCESSOR[window.kind] ?? window)
        : window);
    return result("ANALYSIS", language, queryType ? 0.92 : 0.8, {
      queryType: qt,
      window: current ?? defaultWindow("ANALYSIS", qt, analysis),
      analysis,
      reason: `analysis:${analysis}`,
    });
  }

  if (queryType) {
    const confidence = queryType === "TODAY_ACTIVITY" && !DATA_ASK.test(text) && !window ? 0.8 : 0.95;
    return result("BUSINESS_DATA", language, confidence, {
      queryType,
      window: window ?? defaultWindow("BUSINESS_DATA", queryType, null),
      reason: "data",
    });
  }

  // A window alone with a question word ("com'è andata ieri?", "what about today?") asks for activity.
  if (window && (DATA_ASK.test(text) || tokens.length <= 4)) {
    return result("BUSINESS_DATA", language, 0.7, { queryType: "OVERVIEW", window, reason: "window-only" });
  }
  return result("GENERAL", language, signal > 0 ? 0.6 : 0.35, { reason: "no business topic" });
}

export class RuleClassifier implements Classifier {
  classify(question: string, previousTurn: PreviousTurn | null): Promise<Classification> {
    return Promise.resolve(classifyByRules(question, previousTurn));
  }
}
