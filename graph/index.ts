/**
 * Entry point for `langgraph.json` (LangGraph Studio / `langgraph dev`): the compiled Milhena graph on
 * the configured database (embedded PGlite with demo data when DATABASE_URL is absent). Note that
 * `langgraph dev` swaps the graph's checkpointer for its own in-memory one.
 */
import { loadEnv } from "../config/env.ts";
import { ensureDemoData } from "../db/demoData.ts";
import { createMilhenaRuntime } from "./runtime.ts";

const env = loadEnv();
const runtime = await createMilhenaRuntime(env);
if (runtime.database.kind === "pglite") await ensureDemoData(runtime.database.pool, env);

export const graph = runtime.graph;
export { buildMilhenaGraph, compileMilhenaGraph } from "./builder.ts";
