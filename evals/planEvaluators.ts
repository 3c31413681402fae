import type { Category } from "../graph/plan.ts";
import type { MilhenaResponse } from "../graph/response.ts";
import {
  formatDay,
  formatInstant,
  formatInteger,
  formatMoney,
  formatPercent,
  formatSeconds,
  quoteName,
} from "../i18n/format.ts";
import { detectLanguage, jargonIn } from "./evaluators.ts";
import { statesFigures, statesMoment } from "./figures.ts";
import type { PlanCase } from "./planCase.ts";
import { matchPlan } from "./planMatch.ts";
import type { Truth, TruthValue } from "./planTruth.ts";

/**
 * Evaluators of the plans datasets: pure functions from (case, response, truth) to verdicts. The
 * answer is *correct* when it states the truth of the labelled plan (or, for "clarify" and
 * "cannot" cases, asks or declines without figures); it is a *wrong answer* when it states figures
 * and is not correct — figures for another question, the worst thing an assistant can say.
 */
export interface PlanScores {
  readonly intent: boolean;
  readonly language: boolean;
  readonly measure: boolean | null;
  readonly filters: boolean | null;
  readonly period: boolean | null;
  readonly breakdown: boolean | null;
  readonly compare: boolean | null;
  readonly correct: boolean;
  /** False for a wrong answer: figures stated while the truth check fails. */
  readonly noWrongAnswer: boolean;
  readonly jargonFree: boolean;
}
export type PlanMetricName = keyof PlanScores;
export const PLAN_METRICS: readonly PlanMetricName[] = [
  "intent",
  "language",
  "measure",
  "filters",
  "period",
  "breakdown",
  "compare",
  "correct",
  "noWrongAnswer",
  "jargonFree",
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ZERO = /\b(no|none|nothing|nobody|zero|nessun[oa]?|niente|nulla)\b/i;
const NONE = /\b(no|none|nothing|nobody|not|never|nessun[oa]?|niente|non|mai|every|tutti|tutte)\b/i;

/** The answer contains `text` as a whole figure (612 does not match inside 1.612). */
const contains = (answer: string, text: string) =>
  new RegExp(`(?<![\\d.,])${escape(text)}(?![\\d]|[.,]\\d)`).test(answer);

/** How the answer writes a truth value in `lang`, or every way it may. */
function renderings(v: TruthValue, lang: "it" | "en", timeZone: string): string[] | null {
  switch (v.unit) {
    case "count":
      return v.value === null ? null : [formatInteger(v.value, lang)];
    case "ratio":
      return v.value === null ? null : [formatPercent(v.value, lang)];
    case "seconds":
      return v.value === null ? null : [formatSeconds(v.value, lang)];
    case "money":
      return v.amounts.map((a) => formatMoney(a.value, a.currency || "EUR", lang));
    case "instant":
      return v.value === null ? null : [formatInstant(v.value, timeZone, lang)];
  }
}

/** Does the answer state this value? Zero and "nothing" may be said in words. */
export function statesValue(answer: string, v: TruthValue, lang: "it" | "en", timeZone: string): boolean {
  const texts = renderings(v, lang, timeZone);
  // Zero in words: "nessun ordine", "no run" (figures beside them are context: "(su 4)"), or a bare
  // negation ("non sono arrivate email") in an answer that states no figure at all — "12 orders
  // could not be processed" says 12, not zero.
  const saysNone = ZERO.test(answer) || (NONE.test(answer) && !statesFigures(answer));
  if (texts === null || (v.unit === "money" && texts.length === 0)) return saysNone;
  if (v.unit === "count" && v.value === 0 && saysNone) return true;
  return texts.every((t) => (v.unit === "instant" ? answer.includes(t) : contains(answer, t)));
}

const names = (answer: string, name: string, lang: "it" | "en") => answer.includes(quoteName(name, lang));

/** The hour h as a span of its own ("9:00–10:00", "dalle 9:00 alle 10:00"), not inside "8:00–9:00" or "19:00". */
export function statesHourSpan(answer: string, h: number): boolean {
  return new RegExp(`(?<![\\d:])${h}:00\\s*(–|-|alle|to|and|e le)\\s*${h + 1}:00\\b`).test(answer);
}

/** Does the answer state the truth of the labelled plan? */
export function statesTruth(c: PlanCase, answer: string, truth: Truth, timeZone: string): boolean {
  const lang = c.language;
  switch (truth.kind) {
    case "none":
      return !statesFigures(answer) || c.plan?.forecastDays !== undefined || c.plan?.trend === true;
    case "value":
      return statesValue(answer, truth.value, lang, timeZone);
    case "comparison":
      return (
        statesValue(answer, truth.current, lang, timeZone) &&
        statesValue(answer, truth.previous, lang, timeZone)
      );
    case "inventory":
      return (
        statesValue(answer, { unit: "count", value: truth.active }, lang, timeZone) &&
        statesValue(answer, { unit: "count", value: truth.total }, lang, timeZone)
      );
    case "notRun":
      return truth.names.length === 0 ? NONE.test(answer) : truth.names.every((n) => names(answer, n, lang));
    case "ranking": {
      const b = c.plan!.breakdown!;
      if (b.by === "error_cause" || b.order === "key" || truth.entries.length === 0) {
        if (truth.total === null) return true;
        return statesValue(answer, { unit: "count", value: truth.total }, lang, timeZone);
      }
      const WEEKDAYS =
        lang === "it"
          ? ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
          : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
      const label = (name: string): string | null => {
        if (b.by === "workflow" || b.by === "sender") return quoteName(name, lang);
        if (b.by === "day") return formatDay(name, lang);
        if (b.by === "weekday") return WEEKDAYS[Number(name) - 1] ?? null;
        if (b.by === "hour") return `${Number(name)}:00`;
        return null;
      };
      const first = truth.entries[0]!;
      const leaders = truth.entries.filter((e) => e.value === first.value);
      const firstValue: TruthValue =
        truth.unit === "money"
          ? { unit: "money", amounts: [{ currency: "EUR", value: first.value }] }
          : truth.unit === "instant"
            ? { unit: "instant", value: null }
            : { unit: truth.unit, value: first.value };
      const hasLeader = leaders.some((e) => {
        if (b.by === "hour") return statesHourSpan(answer, Number(e.name));
        const l = label(e.name);
        return l === null ? true : answer.includes(l);
      });
      if (!hasLeader || !statesValue(answer, firstValue, lang, timeZone)) return false;
      const wanted = Math.min(b.limit ?? 3, 3, truth.entries.length);
      if (wanted <= 1 || b.by === "hour" || b.by === "weekday") return true;
      const boundary = truth.entries[wanted - 1]!.value;
      const eligible = truth.entries.filter((e) =>
        b.order === "asc" ? e.value <= boundary : e.value >= boundary,
      );
      return eligible.filter((e) => answer.includes(label(e.name)!)).length >= wanted;
    }
  }
}

const isMomentTruth = (truth: Truth) => truth.kind === "value" && truth.value.unit === "instant";

export interface Observed {
  readonly response: MilhenaResponse | null;
}

export function scorePlanCase(
  c: PlanCase,
  response: MilhenaResponse | null,
  truth: Truth,
  timeZone: string,
  workflowsOfCategory: (c: Category) => readonly string[],
): PlanScores {
  const answer = response?.answer ?? "";
  const plan = response?.plan;
  const verdicts = c.expect === "answer" && c.plan ? matchPlan(c.plan, plan, workflowsOfCategory) : null;
  let correct: boolean;
  if (!response) correct = false;
  else if (c.expect === "answer")
    correct = response.intent !== "GENERAL" && statesTruth(c, answer, truth, timeZone);
  else if (c.expect === "clarify")
    correct =
      plan?.kind === "clarify" &&
      !statesFigures(answer) &&
      (!c.candidates?.length || c.candidates.some((n) => names(answer, n, c.language)));
  else correct = response.intent !== "GENERAL" && !statesFigures(answer) && plan?.kind !== "clarify";
  return {
    intent: response?.intent === c.intent,
    language: response?.language === c.language && detectLanguage(answer) === c.language,
    measure: verdicts ? verdicts.measure : null,
    filters: verdicts ? verdicts.filters : null,
    period: verdicts ? verdicts.period : null,
    breakdown: verdicts ? verdicts.breakdown : null,
    compare: verdicts ? verdicts.compare : null,
    correct,
    // A "when" answer states a moment: a wrong one is a wrong answer too.
    noWrongAnswer: correct || (!statesFigures(answer) && !(isMomentTruth(truth) && statesMoment(answer))),
    jargonFree: jargonIn(answer).length === 0,
  };
}
