import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { readStatedPreference } from "../classifier/preference.ts";
import { classifyByRules } from "../classifier/rules.ts";
import { asksForLastQuestion } from "../classifier/recall.ts";
import {
  withClassification,
  withRecallOfLastQuestion,
  withStatedPreference,
  withUsage,
  type RequestContext,
} from "../graph/context.ts";
import type { Classification } from "../graph/labels.ts";
import { requestDeadline } from "../llm/deadline.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { requireContext } from "./requireContext.ts";

/**
 * Labels the question (intent, language and, for data questions, a draft query plan) with the
 * injected classifier (rules, or an LLM chain with rules behind it), which sees the names of the
 * live workflows and senders; records who labelled it and what it cost. UNSAFE attempts are logged.
 */
export function makeClassify(deps: MilhenaDeps) {
  return async function classify(
    state: MilhenaStateType,
    config?: LangGraphRunnableConfig,
  ): Promise<MilhenaStateUpdate> {
    const context = requireContext(state);
    const aboutMilhena = aboutMilhenaItself(context);
    if (aboutMilhena) return { context: aboutMilhena };
    const catalog = await deps.entities.load(context.freshness ?? undefined);
    const outcome = await deps.classifier.classify(context.question, context.previousTurn, {
      deadlineAt: requestDeadline(context.startedAtMs, deps.llmDeadlineMs),
      catalog,
      ...(config?.signal ? { signal: config.signal } : {}),
    });
    const { source, usage } = outcome;
    // The language memory decides (see cacheCheck), when it does.
    const classification = context.rememberedLanguage
      ? { ...outcome.classification, language: context.rememberedLanguage }
      : outcome.classification;
    if (classification.intent === "UNSAFE") {
      deps.logger.warn(
        {
          event: "security.unsafe_request",
          requestId: context.requestId,
          userId: context.userId,
          threadId: context.threadId,
          rule: classification.reason,
          questionLength: context.question.length,
        },
        "unsafe request refused",
      );
    }
    return { context: withUsage(withClassification(context, classification, source), usage) };
  };
}

/**
 * A message about Milhena itself rather than the data — "what did I ask last time?", "rispondimi sempre
 * in inglese" — is labelled by the rules alone (no LLM call, no catalogue) as GENERAL, for respond to
 * answer from memory or to acknowledge; null for anything else, and for anything the rules find unsafe.
 */
function aboutMilhenaItself(context: RequestContext): RequestContext | null {
  const recall = asksForLastQuestion(context.question);
  const stated = recall ? null : readStatedPreference(context.question);
  if (!recall && !stated) return null;
  const rules = classifyByRules(context.question, context.previousTurn);
  if (rules.intent === "UNSAFE") return null;
  const classification: Classification = {
    ...rules,
    intent: "GENERAL",
    queryType: null,
    window: null,
    plan: null,
    analysis: null,
    followUp: false,
    reason: recall ? "what the user asked before" : "a preference about how to answer",
    language: stated
      ? (stated.answerLanguage ?? rules.language)
      : (context.rememberedLanguage ?? rules.language),
  };
  const marked = stated ? withStatedPreference(context, stated) : withRecallOfLastQuestion(context);
  return withClassification(marked, classification, "rules");
}
