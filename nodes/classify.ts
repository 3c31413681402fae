import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { withClassification, withUsage } from "../graph/context.ts";
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
    const catalog = await deps.entities.load(context.freshness ?? undefined);
    const outcome = await deps.classifier.classify(context.question, context.previousTurn, {
      deadlineAt: requestDeadline(context.startedAtMs, deps.llmDeadlineMs),
      catalog,
      ...(config?.signal ? { signal: config.signal } : {}),
    });
    const { source, usage } = outcome;
    // The question has no language of its own: the one the user's memory remembers decides.
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
