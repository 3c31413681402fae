import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { PreviousTurn } from "../graph/context.ts";
import { MalformedOutputError } from "../llm/errors.ts";
import { structuredCall } from "../llm/invoke.ts";
import type { PlanCache } from "../llm/planCache.ts";
import type { ModelCall } from "../llm/resilientProvider.ts";
import type { LlmRouter, LlmTask } from "../llm/router.ts";
import { planSystemPrompt, planUserPrompt } from "../prompts/plan.ts";
import { classificationOf, LlmPlanReplySchema, type LlmPlanReply } from "./llmPlan.ts";
import { classifyByRules } from "./rules.ts";
import type { Classifier, ClassifierOutcome, ClassifyOptions } from "./types.ts";

export type ClassifierPolicy = "hybrid" | "llm" | "rules";

/** The planning prompt of one question, as the cache keys it. */
function planMessages(question: string, previousTurn: PreviousTurn | null) {
  return [
    new SystemMessage(planSystemPrompt()),
    new HumanMessage(planUserPrompt(question, previousTurn)),
  ] as const;
}

/** Asks for the plan; a reply whose plan is not a valid draft (checked by the plan's own schema) is malformed. */
function planTask(messages: ReturnType<typeof planMessages>): LlmTask<LlmPlanReply> {
  const ask = structuredCall(LlmPlanReplySchema, messages, "plan");
  const call: ModelCall<LlmPlanReply> = async (model, context) => {
    const reply = await ask(model, context);
    classificationOf(reply.value, false); // throws MalformedOutputError on an invalid plan
    return reply;
  };
  return { name: "plan", tier: "fast", call };
}

/** A cached plan that today's plan schema no longer accepts is a miss. */
function cachedClassification(reply: LlmPlanReply, followUp: boolean) {
  try {
    return classificationOf(reply, followUp);
  } catch (error) {
    if (error instanceof MalformedOutputError) return null;
    throw error;
  }
}

export interface HybridClassifierOptions {
  readonly policy: ClassifierPolicy;
  readonly router: LlmRouter;
  /** Rules at or above this confidence answer at once under the hybrid policy (default 0.85). */
  readonly confidentAt?: number;
  /** Used when a caller gives no deadline. */
  readonly defaultBudgetMs?: number;
  /** LLM plans by prompt: a question asked again is planned without a call. */
  readonly cache?: PlanCache;
}

/**
 * Rules first when they are sure (no cost, no latency); otherwise the LLM chain (Gemini, Groq) writes
 * the query plan as a validated structured reply (cached by prompt); the rules' plan whenever the
 * chain fails. Rules' UNSAFE verdicts are final: an attack is never handed to an LLM.
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
    const messages = planMessages(question, previousTurn);
    const key = messages.map((m) => m.text).join("\n");
    const cached = await this.options.cache?.lookup(key);
    const fromCache = cached ? cachedClassification(cached.reply, rules.followUp) : null;
    if (cached && fromCache) return { classification: fromCache, source: cached.provider };
    const deadlineAt = options.deadlineAt ?? Date.now() + (this.options.defaultBudgetMs ?? 20_000);
    const outcome = await router.run(planTask(messages), deadlineAt, options.signal);
    if (outcome.value === null || outcome.provider === null) {
      return { classification: rules, source: "rules", usage: outcome.usage };
    }
    await this.options.cache?.update(key, { provider: outcome.provider, reply: outcome.value });
    return {
      classification: classificationOf(outcome.value, rules.followUp),
      source: outcome.provider,
      usage: outcome.usage,
    };
  }
}
