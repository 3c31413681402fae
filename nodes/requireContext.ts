import type { RequestContext } from "../graph/context.ts";
import type { Classification } from "../graph/labels.ts";
import type { MilhenaStateType } from "../graph/state.ts";

export function requireContext(state: MilhenaStateType): RequestContext {
  if (!state.context) throw new Error("RequestContext missing: the graph must start at cacheCheck");
  return state.context;
}

export function requireClassification(context: RequestContext): Classification {
  if (!context.classification) throw new Error("Classification missing: classify must run first");
  return context.classification;
}
