import { withAnswer, withPlan, withToolResult } from "../graph/context.ts";
import type { RequestContext } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { Classification } from "../graph/labels.ts";
import type { DraftPlan, ResponsePlan } from "../graph/plan.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { unavailableReply } from "../i18n/replies.ts";
import { resolvePlan } from "../tools/planResolver.ts";
import { PlanNotExpressibleError } from "../tools/semantic/compiler.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

/** The draft a follow-up will edit: the names as the data has them, the measure as resolved. */
function settledDraft(draft: DraftPlan, plan: ResponsePlan): DraftPlan {
  if (plan.kind !== "query" && plan.kind !== "forecast") return draft;
  return {
    ...draft,
    measure: plan.measure,
    filters: {
      ...draft.filters,
      workflows: plan.filters.workflows.map((w) => ({ text: w.name, explicit: true })),
      senders: plan.filters.senders.map((text) => ({ text, explicit: true })),
      status: plan.filters.status,
    },
  };
}

/**
 * Brings the business tables up to date and resolves the draft against the live data and the clock:
 * workflow and sender names (or a question asking which one was meant), periods as calendar days.
 */
async function resolveDraft(
  deps: MilhenaDeps,
  context: RequestContext,
  classification: Classification,
  draft: DraftPlan,
): Promise<RequestContext> {
  // The catalogue is as current as the request's freshness, unless the ETL has just run.
  const refreshed = await deps.sync.syncIfStale(context.freshness ?? undefined);
  const catalog = await deps.entities.load(refreshed ? undefined : (context.freshness ?? undefined));
  const outcome = resolvePlan(draft, { catalog, now: new Date(context.receivedAt), timeZone: deps.timeZone });
  if (outcome.kind === "future") return withPlan(context, null, classification, true);
  return withPlan(context, outcome.plan, { ...classification, plan: settledDraft(draft, outcome.plan) });
}

/**
 * Answers the classified question's plan from the business data. The draft is resolved against the
 * live data first; a plan that can be answered then runs through the semantic layer (compiled,
 * parameterized SQL in a read-only, time-limited transaction). Clarifications, honest refusals and
 * periods still to come carry no result and are worded by translate. A plan the layer cannot express
 * becomes an honest refusal, never a coarser query; if the data cannot be read, the user gets a plain
 * "try again" and the details go to the log.
 */
export function makeBusinessTool(deps: MilhenaDeps) {
  return async function businessTool(state: MilhenaStateType): Promise<MilhenaStateUpdate> {
    const start = requireContext(state);
    const classification = requireClassification(start);
    const unavailable = (at: RequestContext, error: unknown): MilhenaStateUpdate => {
      deps.logger.error(
        {
          requestId: at.requestId,
          error: error instanceof Error ? error.message : String(error),
        },
        "business data unavailable",
      );
      return { context: withAnswer(at, unavailableReply(classification.language)) };
    };
    const draft = classification.plan;
    if (!draft) {
      return { context: withPlan(start, { kind: "unsupported", measure: "overview", topic: "other" }) };
    }
    let context: RequestContext;
    try {
      context = await resolveDraft(deps, start, classification, draft);
    } catch (error) {
      return unavailable(start, error);
    }
    const plan = context.plan;
    if (!plan || (plan.kind !== "query" && plan.kind !== "forecast")) return { context };
    try {
      const result = await deps.businessData.execute(plan);
      return { context: withToolResult(context, result) };
    } catch (error) {
      if (error instanceof PlanNotExpressibleError) {
        deps.logger.info(
          {
            event: "plan.not_expressible",
            requestId: context.requestId,
            reason: error.reason,
          },
          "plan refused by the semantic layer",
        );
        return {
          context: withPlan(context, { kind: "unsupported", measure: plan.measure, topic: "combination" }),
        };
      }
      return unavailable(context, error);
    }
  };
}
