import type { PreviousTurn } from "../graph/context.ts";
import type { Classification, Intent, Language } from "../graph/labels.ts";
import { isDataIntent } from "../graph/labels.ts";
import type { DraftPlan } from "../graph/plan.ts";
import { labelsOf } from "../graph/planLabels.ts";
import { EMPTY_CATALOG, type EntityCatalog } from "../tools/entities/catalog.ts";
import { detectLanguage } from "./language.ts";
import { readPlan, type PlanReading } from "./planner.ts";
import { readSignals } from "./signals.ts";
import type { Classifier, ClassifierOutcome, ClassifyOptions } from "./types.ts";
import { unsafeRule } from "./unsafe.ts";
import { GREETING, HELP, HELP_HOW_IT_WORKS, TASK_REQUEST } from "./vocabulary.ts";

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
    plan: null,
    ...rest,
  };
}

/** A data question's classification: its plan and the labels derived from it. */
export function fromPlan(
  plan: DraftPlan,
  language: Language,
  confidence: number,
  followUp: boolean,
  reason: string,
): Classification {
  const labels = labelsOf(plan);
  return result(labels.intent, language, confidence, {
    queryType: labels.queryType,
    window: labels.window,
    analysis: labels.analysis,
    followUp,
    reason,
    plan,
  });
}

/** The plan of the previous data question, which a follow-up edits. */
export function previousPlan(previousTurn: PreviousTurn | null): DraftPlan | null {
  const c = previousTurn?.classification;
  return c && isDataIntent(c.intent) ? (c.plan ?? null) : null;
}

/**
 * Offline bilingual classification by rules: fast, deterministic, the last stage of any LLM chain.
 * Data questions get a query plan (classifier/planner.ts); the catalog of workflow and sender names
 * lets the rules recognise names in the question.
 */
export function classifyByRules(
  question: string,
  previousTurn: PreviousTurn | null,
  catalog: EntityCatalog = EMPTY_CATALOG,
): Classification {
  const s = readSignals(question);
  const unsafe = unsafeRule(question, [s.plain, s.text]);
  if (unsafe) return result("UNSAFE", detectLanguage(s.tokens).language, 0.99, { reason: unsafe });
  if (s.tokens.length === 0) return result("GENERAL", "en", 0.3, { reason: "empty" });

  const previous = previousPlan(previousTurn);
  const reading: PlanReading | null = GREETING.test(s.text)
    ? null
    : readPlan({ question, signals: s, previous, catalog });
  // Names are no language signal: "and the Solleciti fatture one?" is English.
  const own = detectLanguage(s.tokens.filter((_, i) => !reading?.nameTokens.has(i)));
  const language =
    own.signal > 0
      ? own.language
      : reading?.followUp && previousTurn
        ? previousTurn.classification.language
        : own.language;

  if (GREETING.test(s.text)) return result("GREETING", language, 0.97, { reason: "greeting" });
  const explicitMeasure =
    reading !== null &&
    (s.queryType !== null ||
      reading.plan.kind === "unsupported" ||
      reading.followUp ||
      reading.nameTokens.size > 0);
  if (!explicitMeasure && (HELP.pattern.test(s.text) || HELP_HOW_IT_WORKS.test(s.text)))
    return result("HELP", language, 0.93, { reason: "help" });
  if (TASK_REQUEST.test(s.text) && !s.dataAsk)
    return result("GENERAL", language, 0.8, { reason: "a task, not a question about the data" });
  if (reading && !(s.offTopic && !explicitMeasure && s.queryType === null)) {
    return fromPlan(
      reading.plan,
      language,
      reading.confidence,
      reading.followUp,
      reading.followUp ? "follow-up" : "plan",
    );
  }
  if (s.offTopic) return result("GENERAL", language, 0.88, { reason: "off topic" });
  // Real words without a business topic are probably off topic; gibberish is anyone's guess.
  return result("GENERAL", language, own.signal > 0 ? 0.6 : 0.35, { reason: "no business topic" });
}

export class RuleClassifier implements Classifier {
  classify(
    question: string,
    previousTurn: PreviousTurn | null,
    options: ClassifyOptions = {},
  ): Promise<ClassifierOutcome> {
    return Promise.resolve({
      classification: classifyByRules(question, previousTurn, options.catalog),
      source: "rules",
    });
  }
}
