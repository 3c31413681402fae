import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { readStatedPreference } from "../classifier/preference.ts";
import { asksForLastQuestion } from "../classifier/recall.ts";
import {
  withClassification,
  withRecallOfLastQuestion,
  withStatedPreference,
  withUsage,
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
    const catalog = await deps.entities.load(context.freshness ?? undefined);
    const outcome = await deps.classifier.classify(context.question, context.previousTurn, {
      deadlineAt: requestDeadline(context.startedAtMs, deps.llmDeadlineMs),
      catalog,
      ...(config?.signal ? { signal: config.signal } : {}),
    });
    const { source, usage } = outcome;
    const aboutMilhena = (reason: string): Classification => ({
      ...outcome.classification,
      intent: "GENERAL",
      queryType: null,
      window: null,
      plan: null,
      analysis: null,
      followUp: false,
      reason,
    });
    if (asksForLastQuestion(context.question)) {
      const classification = {
        ...aboutMilhena("what the user asked before"),
        language: context.rememberedLanguage ?? outcome.classification.language,
      };
      return {
        context: withUsage(
          withClassification(withRecallOfLastQuestion(context), classification, source),
          usage,
        ),
      };
    }
    const stated = readStatedPreference(context.question);
    if (stated) {
      // "rispondimi sempre in inglese": a request about Milhena itself, answered by respond and
      // remembered with the turn.
      const classification: Classification = {
        ...aboutMilhena("a preference about how to answer"),
        language: stated.answerLanguage ?? outcome.classification.language,
      };
      return {
        context: withUsage(
          withClassification(withStatedPreference(context, stated), classification, source),
          usage,
        ),
      };
    }
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
