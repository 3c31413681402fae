import type { PreviousTurn } from "../graph/context.ts";
import type { Classification, Intent, Language } from "../graph/labels.ts";
import { defaultWindow } from "../graph/labels.ts";
import { isFollowUp, resolveFollowUp } from "./followUp.ts";
import { detectLanguage } from "./language.ts";
import { analysisKind, countedSubject, readSignals, type Signals } from "./signals.ts";
import type { Classifier, ClassifierOutcome } from "./types.ts";
import { unsafeRule } from "./unsafe.ts";
import { GREETING, HELP, HELP_HOW_IT_WORKS, TASK_REQUEST } from "./vocabulary.ts";
import { comparedPeriod } from "./windows.ts";

/** Each corrected typo makes the rules a little less sure of what they read. */
const penaltyFor = (s: Signals) => Math.min(0.12, 0.04 * s.fixes);

function result(
  intent: Intent,
  language: Language,
  confidence: number,
  rest: Partial<Classification> = {},
): Classification {
  return {
    intent,
    queryType: null,
    window: null,
    language,
    confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
    analysis: null,
    followUp: false,
    reason: "",
    ...rest,
  };
}

/** A forecast: asked for in so many words, or a question about the future of something we count. */
function isPrediction(s: Signals): boolean {
  if (s.forecast && !s.offTopic) return true;
  return s.future && (s.queryType !== null || s.bare);
}

/** A question read on its own (no follow-up). `signal` counts its language signal words. */
function classifyFresh(s: Signals, language: Language, signal: number): Classification {
  const penalty = penaltyFor(s);
  const { text, window, queryType } = s;
  if (GREETING.test(text)) return result("GREETING", language, 0.97, { reason: "greeting" });
  if (queryType === null && (HELP.pattern.test(text) || HELP_HOW_IT_WORKS.test(text)))
    return result("HELP", language, 0.93, { reason: "help" });

  if (TASK_REQUEST.test(text) && !s.dataAsk)
    return result("GENERAL", language, 0.8, { reason: "a task, not a question about the data" });

  if (isPrediction(s)) {
    const subject = countedSubject(queryType);
    // "next week" is the horizon; only an explicit "last N days" chooses the history.
    const history = window?.kind === "last_n_days" ? window : defaultWindow("PREDICTION", subject, null);
    return result("PREDICTION", language, (queryType ? 0.93 : 0.86) - penalty, {
      queryType: subject,
      window: history,
      reason: "prediction",
    });
  }

  const analysis = analysisKind(s, queryType);
  if (analysis) {
    const subject = countedSubject(queryType);
    const period = analysis === "compare" ? comparedPeriod(text) : window;
    return result("ANALYSIS", language, (queryType ? 0.93 : 0.86) - penalty, {
      queryType: subject,
      window: period ?? defaultWindow("ANALYSIS", subject, analysis),
      analysis,
      reason: `analysis:${analysis}`,
    });
  }

  if (queryType) {
    // Generic words alone ("workflows?") say little: a data question, but a guess at which.
    const vague = queryType === "TODAY_ACTIVITY" && !s.dataAsk && !window;
    return result("BUSINESS_DATA", language, (vague ? 0.78 : 0.95) - penalty, {
      queryType,
      window: window ?? defaultWindow("BUSINESS_DATA", queryType, null),
      reason: "data",
    });
  }

  // A period and nothing else ("com'è andata ieri?", "and today?", "numeri di oggi"): how it went then.
  if (window && s.bare && !s.offTopic) {
    return result("BUSINESS_DATA", language, 0.8 - penalty, {
      queryType: "OVERVIEW",
      window,
      reason: "period only",
    });
  }
  if (s.offTopic) return result("GENERAL", language, 0.88, { reason: "off topic" });
  // Real words without a business topic are probably off topic; gibberish is anyone's guess.
  return result("GENERAL", language, signal > 0 ? 0.6 : 0.35, { reason: "no business topic" });
}

/** Offline bilingual classification by rules: fast, deterministic, the last stage of any LLM chain. */
export function classifyByRules(question: string, previousTurn: PreviousTurn | null): Classification {
  const s = readSignals(question);
  const { language, signal } = detectLanguage(s.tokens);

  const unsafe = unsafeRule(question, [s.plain, s.text]);
  if (unsafe) return result("UNSAFE", language, 0.99, { reason: unsafe });
  if (s.tokens.length === 0) return result("GENERAL", language, 0.3, { reason: "empty" });

  if (isFollowUp(s, previousTurn)) {
    const followUpLanguage = signal > 0 ? language : previousTurn.classification.language;
    return resolveFollowUp(s, previousTurn, followUpLanguage, penaltyFor(s));
  }
  return classifyFresh(s, language, signal);
}

export class RuleClassifier implements Classifier {
  classify(question: string, previousTurn: PreviousTurn | null): Promise<ClassifierOutcome> {
    return Promise.resolve({ classification: classifyByRules(question, previousTurn), source: "rules" });
  }
}
