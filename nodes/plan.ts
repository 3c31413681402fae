import { withAnswer, withPlan } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { Classification } from "../graph/labels.ts";
import type { DraftPlan, ResponsePlan } from "../graph/plan.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { unavailableReply } from "../i18n/replies.ts";
import { resolvePlan } from "../tools/planResolver.ts";
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
 * Resolves the classified question's draft plan against the live data and the clock: brings the
 * business tables up to date, resolves workflow and sender names (or asks which one was meant) and
 * turns periods into calendar days. A plan that can be answered goes on to the business tool;
 * clarifications, honest refusals and future periods go straight to translate.
 */
export function makePlan(deps: MilhenaDeps) {
  return async function plan(state: MilhenaStateType): Promise<MilhenaStateUpdate> {
    const context = requireContext(state);
    const classification = requireClassification(context);
    const draft = classification.plan;
    if (!draft) {
      const plan: ResponsePlan = { kind: "unsupported", measure: "overview", topic: "other" };
      return { context: withPlan(context, plan) };
    }
    try {
      // The catalog is as current as the request's freshness, unless the ETL has just run.
      const refreshed = await deps.sync.syncIfStale(context.freshness?.data);
      const catalog = await deps.entities.load(refreshed ? undefined : (context.freshness ?? undefined));
      const outcome = resolvePlan(draft, {
        catalog,
        now: new Date(context.receivedAt),
        timeZone: deps.timeZone,
      });
      if (outcome.kind === "future") return { context: withPlan(context, null, classification, true) };
      const settled: Classification = { ...classification, plan: settledDraft(draft, outcome.plan) };
      return { context: withPlan(context, outcome.plan, settled) };
    } catch (error) {
      deps.logger.error("business data unavailable", {
        requestId: context.requestId,
        error: error instanceof Error ? error.message : String(error),
      });
      return { context: withAnswer(context, unavailableReply(classification.language)) };
    }
  };
}

/** Edge after plan: a plan to answer goes to the business tool; anything else is worded by translate. */
export function afterPlan(state: MilhenaStateType): "businessTool" | "translate" {
  const plan = state.context?.plan;
  return state.context?.answer === null && (plan?.kind === "query" || plan?.kind === "forecast")
    ? "businessTool"
    : "translate";
}
