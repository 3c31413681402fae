import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { withAnswer, withUsage } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { asksForLastQuestion } from "../classifier/recall.ts";
import { fixedReply, lastQuestionReply, preferenceReply, returningGreeting } from "../i18n/replies.ts";
import { memoryOf } from "../memory/userMemory.ts";
import { reviewLlmText } from "../llm/acceptText.ts";
import { factsFrom } from "../llm/factGuard.ts";
import { generalAnswerTask } from "../llm/tasks.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

/**
 * Responder for GREETING, HELP, GENERAL and UNSAFE. Fixed bilingual replies; a GENERAL question gets a
 * brief LLM answer when a provider is up and the answer passes review (no invented figures, no jargon),
 * otherwise the polite scope reply.
 */
export function makeRespond(deps: MilhenaDeps) {
  return async function respond(
    state: MilhenaStateType,
    config?: LangGraphRunnableConfig,
  ): Promise<MilhenaStateUpdate> {
    const context = requireContext(state);
    const { intent, language } = requireClassification(context);
    if (intent !== "GREETING" && intent !== "HELP" && intent !== "GENERAL" && intent !== "UNSAFE") {
      throw new Error(`respond cannot answer ${intent}`);
    }
    if (context.recallsLastQuestion) {
      // The turn being answered is not in memory yet; earlier "what did I ask?" turns are skipped.
      const recent = (await memoryOf(config)?.recent(context.userId, 10)) ?? [];
      const last = recent.find((i) => !asksForLastQuestion(i.question));
      return { context: withAnswer(context, lastQuestionReply(last?.question ?? null, language)) };
    }
    if (context.statedPreference) {
      return {
        context: withAnswer(context, preferenceReply(context.statedPreference.answerLanguage, language)),
      };
    }
    if (intent === "GREETING") {
      // A returning user is greeted with what they usually ask about (topics only: memory holds no figure for answers).
      const profile = await memoryOf(config)?.profile(context.userId);
      const greeting =
        profile && profile.interactions >= 3 ? returningGreeting(profile.topics, language) : null;
      return { context: withAnswer(context, greeting ?? fixedReply(intent, language)) };
    }
    if (intent !== "GENERAL" || !deps.llm.enabled) {
      return { context: withAnswer(context, fixedReply(intent, language)) };
    }
    const outcome = await deps.llm.write(
      generalAnswerTask(context.question, language),
      context,
      config?.signal,
    );
    let next = withUsage(context, outcome.usage);
    if (outcome.value !== null && outcome.provider !== null) {
      // A general answer has no facts behind it: no figure, date or name (not even the question's).
      const problems = reviewLlmText(outcome.value, factsFrom(null, [], language));
      if (problems.length === 0) return { context: withAnswer(next, outcome.value, outcome.provider) };
      next = withUsage(next, { guardRejections: 1 });
      deps.logger.warn(
        {
          event: "llm.guard_rejected",
          requestId: context.requestId,
          task: "general",
          provider: outcome.provider,
          problems: problems.length,
        },
        "llm text discarded",
      );
    }
    return { context: withAnswer(next, fixedReply(intent, language)) };
  };
}
