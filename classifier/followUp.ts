import type { PreviousTurn } from "../graph/context.ts";
import type { Classification, Intent, Language, TimeWindow } from "../graph/labels.ts";
import { defaultWindow, isDataIntent } from "../graph/labels.ts";
import { analysisKind, countedSubject, readSignals, type Signals } from "./signals.ts";
import { FOLLOW_UP_START, GREETING, HELP } from "./vocabulary.ts";
import { comparedPeriod } from "./windows.ts";

/**
 * Follow-ups: "e ieri?", "and today?", "what about orders?", "e quale è il più affidabile?".
 * A fragment that changes only the period or only the subject of the previous data question keeps
 * everything else from it. A question that names both a subject and a period is a new question.
 */

const sameWindow = (a: TimeWindow | null, b: TimeWindow | null) =>
  a?.kind === b?.kind && (a?.kind !== "last_n_days" || (b?.kind === "last_n_days" && a.n === b.n));

/**
 * Did the previous turn choose its period rather than take the default? It did when it named one,
 * when it differs from the default, or when it was itself a follow-up (its period came from the
 * conversation: "runs today?" → "what about the errors?" → "why?" is still about today).
 */
function chosePeriod(previous: PreviousTurn): boolean {
  const c = previous.classification;
  if (c.followUp || readSignals(previous.question).window !== null) return true;
  return !sameWindow(c.window, defaultWindow(c.intent, c.queryType, c.analysis));
}

/** Is this question a fragment that continues the previous data question? */
export function isFollowUp(s: Signals, previous: PreviousTurn | null): previous is PreviousTurn {
  if (!previous || !isDataIntent(previous.classification.intent) || s.offTopic) return false;
  if (GREETING.test(s.text) || (HELP.pattern.test(s.text) && s.queryType === null)) return false;
  const prevType = previous.classification.queryType;
  const carriesSomething =
    s.window !== null ||
    s.queryType !== null ||
    s.forecast ||
    s.future ||
    s.trend ||
    s.compare ||
    (s.why && prevType === "ERRORS");
  if (!carriesSomething) return false;
  const complete = s.queryType !== null && (s.window !== null || s.future || s.forecast);
  if (complete) return false;
  if (FOLLOW_UP_START.test(s.text) || s.bare) return true;
  // A short subject alone ("email?", "quanti ordini?"); a period with other words ("chi ha vinto ieri?") is not one.
  return s.queryType !== null && s.tokens.length <= 4;
}

/** The previous classification, with what the fragment changes (period, subject, kind of question). */
export function resolveFollowUp(
  s: Signals,
  previous: PreviousTurn,
  language: Language,
  confidencePenalty: number,
): Classification {
  const prev = previous.classification;
  const subject = s.queryType ?? prev.queryType;
  const found = analysisKind(s, subject);
  let intent: Intent = prev.intent;
  if (s.forecast || s.future) intent = "PREDICTION";
  else if (found) intent = "ANALYSIS";
  // A past period after a forecast asks for the facts; a new subject after an error analysis asks for data.
  else if (prev.intent === "PREDICTION" && s.window) intent = "BUSINESS_DATA";
  else if (prev.analysis === "top_errors" && s.queryType && s.queryType !== "ERRORS")
    intent = "BUSINESS_DATA";

  const queryType = intent === "BUSINESS_DATA" ? (subject ?? "OVERVIEW") : countedSubject(subject);
  const analysis = intent === "ANALYSIS" ? (found ?? prev.analysis ?? "compare") : null;
  const inherited = chosePeriod(previous) && prev.intent !== "PREDICTION" ? prev.window : null;
  let window: TimeWindow;
  if (intent === "PREDICTION") {
    window =
      (s.window?.kind === "last_n_days" ? s.window : null) ??
      (prev.intent === "PREDICTION" ? prev.window : null) ??
      defaultWindow(intent, queryType, null);
  } else if (found === "compare") {
    window = comparedPeriod(s.text) ?? inherited ?? defaultWindow(intent, queryType, analysis);
  } else {
    window = s.window ?? inherited ?? defaultWindow(intent, queryType, analysis);
  }
  const confidence = (s.window || s.queryType ? 0.9 : 0.82) - confidencePenalty;
  return {
    intent,
    queryType,
    window,
    language,
    confidence: Math.round(confidence * 100) / 100,
    analysis,
    followUp: true,
    reason: "follow-up",
  };
}
