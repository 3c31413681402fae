import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { withAnswer, withUsage, type RequestContext } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { renderPlanAnswer } from "../i18n/planAnswers.ts";
import { clarifyReply, futureReply, unsupportedReply } from "../i18n/planReplies.ts";
import { findJargon } from "../i18n/jargon.ts";
import { unavailableReply } from "../i18n/replies.ts";
import { reviewLlmText } from "../llm/acceptText.ts";
import { factsFrom } from "../llm/factGuard.ts";
import { analysisNarrativeTask, rephraseTask } from "../llm/tasks.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

/**
 * Turns the plan and its facts into short business prose in the question's language: a
 * clarification, an honest refusal or the bilingual template answer (which restates how the
 * question was read); for ANALYSIS (and every data answer with LLM_REPHRASE) an LLM wording of it,
 * kept only when every number, date and name in it matches the facts.
 */
export function makeTranslate(deps: MilhenaDeps) {
  return async function translate(
    state: MilhenaStateType,
    config?: LangGraphRunnableConfig,
  ): Promise<MilhenaStateUpdate> {
    const context = requireContext(state);
    const classification = requireClassification(context);
    const { intent, language } = classification;
    if (context.answer !== null) return { context };
    const plan = context.plan;
    if (context.future) {
      return { context: withAnswer(context, futureReply(classification.plan?.measure ?? "runs", language)) };
    }
    if (plan?.kind === "clarify") return { context: withAnswer(context, clarifyReply(plan, language)) };
    if (plan?.kind === "unsupported")
      return { context: withAnswer(context, unsupportedReply(plan, language)) };
    const result = context.toolResult;
    if (!result) return { context: withAnswer(context, unavailableReply(language)) };
    const template = renderPlanAnswer(result, language);
    if (findJargon(template).length > 0) {
      deps.logger.error(
        {
          requestId: context.requestId,
          jargon: findJargon(template),
        },
        "answer held back: technical text",
      );
      return { context: withAnswer(context, unavailableReply(language)) };
    }
    const wantsLlm =
      deps.llm.enabled && (intent === "ANALYSIS" || deps.llm.rephrase) && result.kind !== "no_data";
    if (!wantsLlm) return { context: withAnswer(context, template) };

    const task =
      intent === "ANALYSIS"
        ? analysisNarrativeTask(context.question, result, template, language)
        : rephraseTask(context.question, template, language);
    const outcome = await deps.llm.write(task, context, config?.signal);
    let next: RequestContext = withUsage(context, outcome.usage);
    if (outcome.value !== null && outcome.provider !== null) {
      const problems = reviewLlmText(outcome.value, factsFrom(result, [template], language));
      if (problems.length === 0) return { context: withAnswer(next, outcome.value, outcome.provider) };
      next = withUsage(next, { guardRejections: 1 });
      deps.logger.warn(
        {
          event: "llm.guard_rejected",
          requestId: context.requestId,
          task: task.name,
          provider: outcome.provider,
          problems: problems.length,
        },
        "llm text discarded",
      );
    }
    return { context: withAnswer(next, template) };
  };
}
