import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { z } from "zod";
import type { PreviousTurn } from "../graph/context.ts";
import {
  defaultWindow,
  INTENTS,
  isDataIntent,
  LANGUAGES,
  QUERY_TYPES,
  type Classification,
  type TimeWindow,
} from "../graph/labels.ts";
import { structuredCall } from "../llm/invoke.ts";
import type { LlmRouter, LlmTask } from "../llm/router.ts";
import { classifySystemPrompt, classifyUserPrompt } from "../prompts/classify.ts";
import { classifyByRules } from "./rules.ts";
import type { Classifier, ClassifierOutcome, ClassifyOptions } from "./types.ts";

export type ClassifierPolicy = "hybrid" | "llm" | "rules";

const WINDOW_KINDS = [
  "today",
  "yesterday",
  "last_n_days",
  "this_week",
  "last_week",
  "this_month",
  "last_month",
] as const;

/**
 * What the LLM must answer: flat, with enums and "NONE" instead of nulls (the subset every provider's
 * structured output supports). Rules that JSON schema cannot say are checked here, so a reply that
 * breaks them is malformed and the next stage answers.
 */
export const LlmClassificationSchema = z
  .object({
    intent: z.enum(INTENTS),
    queryType: z.enum([...QUERY_TYPES, "NONE"]),
    window: z.enum([...WINDOW_KINDS, "NONE"]),
    days: z.number().int().min(0).max(366),
    analysis: z.enum(["compare", "trend", "top_errors", "NONE"]),
    language: z.enum(LANGUAGES),
    confidence: z.number().min(0).max(1),
  })
  .superRefine((v, ctx) => {
    if (isDataIntent(v.intent) && v.queryType === "NONE")
      ctx.addIssue({ code: "custom", message: "a data intent needs a queryType" });
    if (v.intent === "ANALYSIS" && v.analysis === "NONE")
      ctx.addIssue({ code: "custom", message: "ANALYSIS needs an analysis kind" });
    if (v.window === "last_n_days" && v.days < 1)
      ctx.addIssue({ code: "custom", message: "last_n_days needs days" });
  });
export type LlmClassification = z.infer<typeof LlmClassificationSchema>;

/** Turns the LLM's flat labels into a Classification, with the same defaults the rules use. */
export function fromLlmLabels(v: LlmClassification, rules: Classification): Classification {
  const base = {
    language: v.language,
    confidence: Math.round(v.confidence * 100) / 100,
    followUp: rules.followUp,
    reason: "llm",
  };
  if (!isDataIntent(v.intent) || v.queryType === "NONE") {
    return { ...base, intent: v.intent, queryType: null, window: null, analysis: null, plan: null };
  }
  const analysis = v.intent === "ANALYSIS" && v.analysis !== "NONE" ? v.analysis : null;
  const named: TimeWindow | null =
    v.window === "NONE"
      ? null
      : v.window === "last_n_days"
        ? { kind: "last_n_days", n: v.days }
        : { kind: v.window };
  // A forecast learns from a span of history; only "the last N days" names one.
  const window =
    named && (v.intent !== "PREDICTION" || named.kind === "last_n_days")
      ? named
      : defaultWindow(v.intent, v.queryType, analysis);
  return { ...base, intent: v.intent, queryType: v.queryType, window, analysis, plan: rules.plan };
}

function classifyTask(question: string, previousTurn: PreviousTurn | null): LlmTask<LlmClassification> {
  const messages = [
    new SystemMessage(classifySystemPrompt()),
    new HumanMessage(classifyUserPrompt(question, previousTurn)),
  ];
  return {
    name: "classify",
    tier: "fast",
    call: structuredCall(LlmClassificationSchema, messages, "classify"),
  };
}

export interface HybridClassifierOptions {
  readonly policy: ClassifierPolicy;
  readonly router: LlmRouter;
  /** Rules at or above this confidence answer at once under the hybrid policy (default 0.85). */
  readonly confidentAt?: number;
  /** Used when a caller gives no deadline. */
  readonly defaultBudgetMs?: number;
}

/**
 * Rules first when they are sure (no cost, no latency); otherwise the LLM chain (Gemini, Groq) with a
 * validated structured reply; the rules' answer whenever the chain fails. Rules' UNSAFE verdicts are
 * final: an attack is never handed to an LLM.
 */
export class HybridClassifier implements Classifier {
  private readonly confidentAt: number;

  constructor(private readonly options: HybridClassifierOptions) {
    this.confidentAt = options.confidentAt ?? 0.85;
  }

  async classify(
    question: string,
    previousTurn: PreviousTurn | null,
    options: ClassifyOptions = {},
  ): Promise<ClassifierOutcome> {
    const rules = classifyByRules(question, previousTurn, options.catalog);
    const { policy, router } = this.options;
    if (policy === "rules" || !router.enabled || rules.intent === "UNSAFE") {
      return { classification: rules, source: "rules" };
    }
    if (policy === "hybrid" && rules.confidence >= this.confidentAt) {
      return { classification: rules, source: "rules" };
    }
    const deadlineAt = options.deadlineAt ?? Date.now() + (this.options.defaultBudgetMs ?? 20_000);
    const outcome = await router.run(classifyTask(question, previousTurn), deadlineAt, options.signal);
    if (outcome.value === null || outcome.provider === null) {
      return { classification: rules, source: "rules", usage: outcome.usage };
    }
    return {
      classification: fromLlmLabels(outcome.value, rules),
      source: outcome.provider,
      usage: outcome.usage,
    };
  }
}
