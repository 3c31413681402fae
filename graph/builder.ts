import type { BaseStore } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import { afterCacheCheck, makeCacheCheck } from "../nodes/cacheCheck.ts";
import { makeClassify } from "../nodes/classify.ts";
import { route } from "../nodes/route.ts";
import { makeRespond } from "../nodes/respond.ts";
import { makeBusinessTool } from "../nodes/businessTool.ts";
import { makeTranslate } from "../nodes/translate.ts";
import { makePersistMemory } from "../nodes/persistMemory.ts";
import type { MilhenaDeps } from "./deps.ts";
import { MilhenaState } from "./state.ts";

/**
 * The request graph:
 * START → cacheCheck ─hit→ persistMemory → END
 *                    └miss→ classify → route ─GREETING/HELP/GENERAL/UNSAFE→ respond ──────┐
 *                                            └data→ businessTool → translate ─────────────┴→ persistMemory → END
 * businessTool resolves the plan against the live data and answers it, or leaves a clarification,
 * an honest refusal or a future period for translate to word.
 */
export function buildMilhenaGraph(deps: MilhenaDeps) {
  return new StateGraph(MilhenaState)
    .addNode("cacheCheck", makeCacheCheck(deps))
    .addNode("classify", makeClassify(deps))
    .addNode("respond", makeRespond(deps))
    .addNode("businessTool", makeBusinessTool(deps))
    .addNode("translate", makeTranslate(deps))
    .addNode("persistMemory", makePersistMemory(deps))
    .addEdge(START, "cacheCheck")
    .addConditionalEdges("cacheCheck", afterCacheCheck, ["classify", "persistMemory"])
    .addConditionalEdges("classify", route, ["businessTool", "respond"])
    .addEdge("businessTool", "translate")
    .addEdge("translate", "persistMemory")
    .addEdge("respond", "persistMemory")
    .addEdge("persistMemory", END);
}

/** Compiles the graph with any checkpointer (PostgresSaver in production, MemorySaver in unit tests). */
/** Compiled with a checkpointer (conversations) and LangGraph's long-term store (user memory), nodes reach it as `config.store`. */
export function compileMilhenaGraph(
  deps: MilhenaDeps,
  checkpointer?: BaseCheckpointSaver,
  store?: BaseStore,
) {
  return buildMilhenaGraph(deps).compile({ checkpointer, ...(store ? { store } : {}), name: "milhena" });
}

export type MilhenaGraph = ReturnType<typeof compileMilhenaGraph>;
