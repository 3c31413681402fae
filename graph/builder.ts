import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import { afterCacheCheck, makeCacheCheck } from "../nodes/cacheCheck.ts";
import { makeClassify } from "../nodes/classify.ts";
import { route } from "../nodes/route.ts";
import { makeRespond } from "../nodes/respond.ts";
import { makeBusinessTool } from "../nodes/businessTool.ts";
import { afterPlan, makePlan } from "../nodes/plan.ts";
import { makeTranslate } from "../nodes/translate.ts";
import { makePersistMemory } from "../nodes/persistMemory.ts";
import type { MilhenaDeps } from "./deps.ts";
import { MilhenaState } from "./state.ts";

/**
 * The request graph (DESIGN.md):
 * START → cacheCheck ─hit→ persistMemory → END
 *                    └miss→ classify → route ─GREETING/HELP/GENERAL/UNSAFE→ respond ───────────┐
 *                                            └data→ plan ─answerable→ businessTool → translate ─┴→ persistMemory → END
 *                                                        └clarify/refuse/future────→ translate
 */
export function buildMilhenaGraph(deps: MilhenaDeps) {
  return new StateGraph(MilhenaState)
    .addNode("cacheCheck", makeCacheCheck(deps))
    .addNode("classify", makeClassify(deps))
    .addNode("respond", makeRespond(deps))
    .addNode("plan", makePlan(deps))
    .addNode("businessTool", makeBusinessTool(deps))
    .addNode("translate", makeTranslate(deps))
    .addNode("persistMemory", makePersistMemory(deps))
    .addEdge(START, "cacheCheck")
    .addConditionalEdges("cacheCheck", afterCacheCheck, ["classify", "persistMemory"])
    .addConditionalEdges("classify", route, ["plan", "respond"])
    .addConditionalEdges("plan", afterPlan, ["businessTool", "translate"])
    .addEdge("businessTool", "translate")
    .addEdge("translate", "persistMemory")
    .addEdge("respond", "persistMemory")
    .addEdge("persistMemory", END);
}

/** Compiles the graph with any checkpointer (PostgresSaver in production, MemorySaver in unit tests). */
export function compileMilhenaGraph(deps: MilhenaDeps, checkpointer?: BaseCheckpointSaver) {
  return buildMilhenaGraph(deps).compile({ checkpointer, name: "milhena" });
}

export type MilhenaGraph = ReturnType<typeof compileMilhenaGraph>;
