import { withClassification } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { requireContext } from "./requireContext.ts";

/** Labels the question (intent, queryType, window, language); UNSAFE attempts are logged. */
export function makeClassify(deps: MilhenaDeps) {
  return async function classify(state: MilhenaStateType): Promise<MilhenaStateUpdate> {
    const context = requireContext(state);
    const classification = await deps.classifier.classify(context.question, context.previousTurn);
    if (classification.intent === "UNSAFE") {
      deps.logger.warn("unsafe request refused", {
        event: "security.unsafe_request",
        requestId: context.requestId,
        userId: context.userId,
        threadId: context.threadId,
        rule: classification.reason,
        questionLength: context.question.length,
      });
    }
    return { context: withClassification(context, classification) };
  };
}
