import express from "express";
import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph";
import type { MilhenaGraph } from "../../graph/builder.ts";
import type { AuditLog } from "../audit.ts";
import type { RunService } from "../runs/runService.ts";
import type { ThreadRuns } from "../threadRuns.ts";
import type { ThreadStore } from "../threadStore.ts";
import { ASSISTANT_ID, GRAPH_ID } from "./assistant.ts";
import { assistantRoutes } from "./routes/assistants.ts";
import { metaRoutes } from "./routes/meta.ts";
import { runRoutes } from "./routes/runs.ts";
import { storeRoutes } from "./routes/store.ts";
import { threadRoutes } from "./routes/threads.ts";
import { createThreadViews } from "./threadViews.ts";

/**
 * The LangGraph Agent Server API subset (what `@langchain/langgraph-sdk`'s Client and LangGraph Studio
 * use), served on Milhena's own PostgreSQL checkpointer, laid out per resource as the official server
 * is. Mounted at `/` after auth and the JSON body parser: every route runs for `callerOf(res)`, and
 * threads are the caller's own (others' → 404). Runs go through the run service the chat API uses.
 */

/** What this router needs; the app's AppDeps has it (tests pass fakes and an in-memory checkpointer). */
export interface AgentServerDeps {
  readonly runtime: {
    readonly graph: MilhenaGraph;
    readonly checkpointer: BaseCheckpointSaver;
    /** LangGraph's long-term store (user memory), served on the caller's own namespaces. */
    readonly store: BaseStore;
  };
  readonly threads: ThreadStore;
  readonly runs: ThreadRuns;
  readonly runService: RunService;
  readonly audit: Pick<AuditLog, "record">;
  readonly logger: { warn(fields: Record<string, unknown>, message: string): void };
}

export function createAgentServerRouter(deps: AgentServerDeps): express.Router {
  const { graph, checkpointer } = deps.runtime;
  const views = createThreadViews({ graph, checkpointer, runs: deps.runs });
  const router = express.Router();
  router.use(metaRoutes());
  router.use(assistantRoutes({ graph }));
  router.use(
    threadRoutes({
      graph,
      checkpointer,
      threads: deps.threads,
      runs: deps.runs,
      registry: deps.runService.registry,
      views,
    }),
  );
  router.use(
    runRoutes({
      graph,
      checkpointer,
      threads: deps.threads,
      service: deps.runService,
      audit: deps.audit,
      logger: deps.logger,
    }),
  );
  router.use(storeRoutes({ store: deps.runtime.store }));
  return router;
}

export { ASSISTANT_ID, GRAPH_ID };
