import { isDataIntent } from "../graph/labels.ts";
import type { MilhenaStateType } from "../graph/state.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

export type RouteTarget = "businessTool" | "respond";

/** Conditional edge by intent: data questions go to the business tool, the rest to a responder. */
export function route(state: MilhenaStateType): RouteTarget {
  const classification = requireClassification(requireContext(state));
  return isDataIntent(classification.intent) ? "businessTool" : "respond";
}
