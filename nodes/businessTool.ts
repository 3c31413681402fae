import { withAnswer, withPlan, withToolResult } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { unavailableReply } from "../i18n/replies.ts";
import { PlanNotExpressibleError } from "../tools/semantic/compiler.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

/**
 * Answers a resolved plan with facts from the semantic layer (compiled, parameterized SQL in a
 * read-only, time-limited transaction). A plan the layer cannot express becomes an honest refusal,
 * never a coarser query; if the data cannot be read, the user gets a plain "try again" and the
 * details go to the log.
 */
export function makeBusinessTool(deps: MilhenaDeps) {
  return async function businessTool(state: MilhenaStateType): Promise<MilhenaStateUpdate> {
    const context = requireContext(state);
    const { language } = requireClassification(context);
    const plan = context.plan;
    if (!plan || (plan.kind !== "query" && plan.kind !== "forecast")) return { context };
    try {
      const result = await deps.businessData.execute(plan);
      return { context: withToolResult(context, result) };
    } catch (error) {
      if (error instanceof PlanNotExpressibleError) {
        deps.logger.info("plan refused by the semantic layer", {
          event: "plan.not_expressible",
          requestId: context.requestId,
          reason: error.reason,
        });
        return {
          context: withPlan(context, { kind: "unsupported", measure: plan.measure, topic: "combination" }),
        };
      }
      deps.logger.error("business data unavailable", {
        requestId: context.requestId,
        error: error instanceof Error ? error.message : String(error),
      });
      return { context: withAnswer(context, unavailableReply(language)) };
    }
  };
}
