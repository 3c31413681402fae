import { withAnswer } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { renderAnswer } from "../i18n/answers.ts";
import { findJargon } from "../i18n/jargon.ts";
import { unavailableReply } from "../i18n/replies.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

/** Turns the tool's facts into short business prose in the question's language. */
export function makeTranslate(deps: MilhenaDeps) {
  return async function translate(state: MilhenaStateType): Promise<MilhenaStateUpdate> {
    const context = requireContext(state);
    const { language } = requireClassification(context);
    if (!context.toolResult) return Promise.resolve({ context });
    let answer = renderAnswer(context.toolResult, language);
    const jargon = findJargon(answer);
    if (jargon.length > 0) {
      deps.logger.error("answer held back: technical text", { requestId: context.requestId, jargon });
      answer = unavailableReply(language);
    }
    return Promise.resolve({ context: withAnswer(context, answer) });
  };
}
