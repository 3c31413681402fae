import express from "express";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { MilhenaGraph } from "../../../graph/builder.ts";
import { callerOf } from "../../caller.ts";
import { ApiError } from "../../errors.ts";
import type { RunRegistry } from "../../runs/runRegistry.ts";
import { ownedThread } from "../../runs/threadAccess.ts";
import type { ThreadRuns } from "../../threadRuns.ts";
import type { ThreadRecord, ThreadStore } from "../../threadStore.ts";
import { GRAPH_ID } from "../assistant.ts";
import { requireCheckpoint } from "../checkpoints.ts";
import { handle, jsonBody, param, parse } from "../http.ts";
import { jsonContains } from "../jsonContains.ts";
import {
  HistoryBody,
  StateAtCheckpointBody,
  StateUpdateBody,
  ThreadCreateBody,
  ThreadPatchBody,
  ThreadSearchBody,
} from "../requests.ts";
import type { ThreadViews } from "../threadViews.ts";
import { checkpointOf, selectFields, threadStateToWire } from "../wire.ts";

export interface ThreadRoutesDeps {
  readonly graph: MilhenaGraph;
  readonly checkpointer: BaseCheckpointSaver;
  readonly threads: ThreadStore;
  readonly runs: ThreadRuns;
  readonly registry: Pick<RunRegistry, "forgetThread">;
  readonly views: ThreadViews;
}

/** The most threads a search filtered by values or a live status reads before paging. */
const FILTER_SCAN = 1000;

/** Threads: create, search, read, change metadata, delete; their state, state updates and history. */
export function threadRoutes(deps: ThreadRoutesDeps): express.Router {
  const { graph, checkpointer, threads, runs, views } = deps;
  const router = express.Router();

  async function stateAt(thread: ThreadRecord, checkpointId: string | null) {
    if (checkpointId !== null) await requireCheckpoint(checkpointer, thread.threadId, checkpointId);
    const snapshot = await graph.getState({
      configurable: { thread_id: thread.threadId, ...(checkpointId ? { checkpoint_id: checkpointId } : {}) },
    });
    return threadStateToWire(snapshot, thread.threadId);
  }

  router.post(
    "/threads",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const body = parse(ThreadCreateBody, jsonBody(req), "thread");
      const metadata = { ...(body.metadata ?? {}) };
      // The SDK sends `graph_id: undefined` when none is given; every thread here runs Milhena's graph.
      if (metadata.graph_id !== undefined && metadata.graph_id !== GRAPH_ID) {
        throw new ApiError(404, "not_found", `Graph ${JSON.stringify(metadata.graph_id)} not found`);
      }
      const thread = await threads.create(userId, {
        ...(body.thread_id ? { threadId: body.thread_id } : {}),
        metadata,
        ifExists: body.if_exists ?? "raise",
      });
      res.json(await views.describe(thread));
    }),
  );

  router.post(
    "/threads/search",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const body = parse(ThreadSearchBody, jsonBody(req), "thread search");
      const filter: Record<string, unknown> = { ...(body.metadata ?? {}) };
      const select = body.select ?? undefined;
      const withValues = !select || select.includes("values") || !!body.values;
      // "busy" is known from the live runs, the other statuses from the threads' rows, and values from
      // their checkpoints: a search by values or by "busy" reads the matching threads first and pages after.
      const liveFilter = !!body.values || body.status === "busy";
      const sortBy = body.sort_by === "state_updated_at" ? "updated_at" : (body.sort_by ?? "created_at");
      const records = await threads.list(userId, {
        limit: liveFilter ? FILTER_SCAN : body.limit,
        offset: liveFilter ? 0 : body.offset,
        ...(Object.keys(filter).length > 0 ? { metadata: filter } : {}),
        ...(body.ids ? { ids: body.ids } : {}),
        ...(body.status && body.status !== "busy" ? { status: body.status } : {}),
        sortBy,
        sortOrder: body.sort_order ?? "desc",
      });
      const described = await views.describeAll(records, withValues);
      const matching = liveFilter
        ? described
            .filter(
              (t) =>
                (!body.status || t.status === body.status) &&
                (!body.values || jsonContains(t.values, body.values)),
            )
            .slice(body.offset, body.offset + body.limit)
        : described;
      if (matching.length === body.limit) {
        res.setHeader("X-Pagination-Next", String(body.offset + body.limit));
        res.setHeader("X-Pagination-Total", String(body.offset + body.limit + 1));
      } else {
        res.setHeader("X-Pagination-Total", String(body.offset + matching.length));
      }
      res.json(matching.map((t) => selectFields(t, select)));
    }),
  );

  router.get(
    "/threads/:threadId",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      res.json(await views.describe(thread));
    }),
  );

  router.patch(
    "/threads/:threadId",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      const { metadata } = parse(ThreadPatchBody, jsonBody(req), "thread update");
      const updated = await threads.touch(userId, thread.threadId, { metadata });
      if (!updated) throw new ApiError(404, "not_found", "Thread not found");
      res.json(await views.describe(updated));
    }),
  );

  router.delete(
    "/threads/:threadId",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      // Its running and queued runs stop first, so none saves a turn into a deleted thread.
      await runs.stop(thread.threadId);
      await threads.delete(userId, thread.threadId);
      deps.registry.forgetThread(thread.threadId);
      res.status(204).end();
    }),
  );

  router.get(
    "/threads/:threadId/state",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      res.json(await stateAt(thread, null));
    }),
  );

  router.get(
    "/threads/:threadId/state/:checkpointId",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      res.json(await stateAt(thread, param(req, "checkpointId")));
    }),
  );

  router.post(
    "/threads/:threadId/state/checkpoint",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      const { checkpoint } = parse(StateAtCheckpointBody, jsonBody(req), "checkpoint");
      if (checkpoint.checkpoint_ns) throw new ApiError(404, "not_found", "Checkpoint not found");
      res.json(await stateAt(thread, checkpoint.checkpoint_id ?? null));
    }),
  );

  router.post(
    "/threads/:threadId/state",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      const body = parse(StateUpdateBody, jsonBody(req), "state update");
      if (runs.isBusy(thread.threadId)) {
        throw new ApiError(
          409,
          "conflict",
          "Thread is busy: a run is in progress. Wait for it or cancel it.",
        );
      }
      const from = body.checkpoint_id ?? body.checkpoint?.checkpoint_id ?? null;
      if (from !== null) await requireCheckpoint(checkpointer, thread.threadId, from);
      const asNode = body.as_node ?? undefined;
      if (asNode !== undefined && !(asNode in graph.nodes)) {
        throw new ApiError(
          400,
          "bad_request",
          `Invalid state update: as_node: no node ${JSON.stringify(asNode)}`,
        );
      }
      const config = await graph.updateState(
        { configurable: { thread_id: thread.threadId, ...(from ? { checkpoint_id: from } : {}) } },
        body.values,
        asNode,
      );
      await threads.touch(userId, thread.threadId);
      res.json({ checkpoint: checkpointOf(config) });
    }),
  );

  router.post(
    "/threads/:threadId/history",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      const body = parse(HistoryBody, jsonBody(req), "history request");
      const from = body.checkpoint?.checkpoint_id;
      const before =
        typeof body.before === "string"
          ? { configurable: { checkpoint_id: body.before } }
          : (body.before ?? undefined);
      const states = [];
      for await (const snapshot of graph.getStateHistory(
        {
          configurable: {
            thread_id: thread.threadId,
            checkpoint_ns: "",
            ...(from ? { checkpoint_id: from } : {}),
          },
        },
        {
          limit: body.limit,
          ...(before ? { before } : {}),
          ...(body.metadata ? { filter: body.metadata } : {}),
        },
      )) {
        states.push(selectFields(threadStateToWire(snapshot, thread.threadId), body.select ?? undefined));
      }
      res.json(states);
    }),
  );

  return router;
}
