import { withAnswer, withToolResult } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { unavailableReply } from "../i18n/replies.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

/**
 * Answers a data question with the fixed SQL catalogue (read-only, time-limited). If the data cannot
 * be read, the user gets a plain "try again" and the details go to the log.
 */
export function makeBusinessTool(deps: MilhenaDeps) {
  return async function businessTool(state: MilhenaStateType): Promise<MilhenaStateUpdate> {
    const context = requireContext(state);
    const classification = requireClassification(context);
    try {
      await deps.sync.syncIfStale();
      const result = await deps.businessData.answer(classification, new Date(context.receivedAt));
      return { context: withToolResult(context, result) };
    } catch (error) {
      deps.logger.error("business data unavailable", {
        requestId: context.requestId,
        error: error instanceof Error ? error.message : String(error),
      });
      return { context: withAnswer(context, unavailableReply(classification.language)) };
    }
  };
}
