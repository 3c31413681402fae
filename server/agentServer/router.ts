import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import express from "express";
import type { z } from "zod";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { LatestValuesReader } from "../../db/batchedCheckpointer.ts";
import { refusedBodyType } from "../middleware.ts";
import { recordFinishedRun, type FinishedRunDeps } from "../runs/finishedRun.ts";
import { compileMilhenaGraph } from "../../graph/builder.ts";
import type { MilhenaRuntime } from "../../graph/runtime.ts";
import { MilhenaState, type MilhenaStateType } from "../../graph/state.ts";
import { callerOf } from "../caller.ts";
import { ApiError } from "../errors.ts";
import type { MultitaskStrategy, ThreadRuns } from "../threadRuns.ts";
import type { ThreadRecord, ThreadStore } from "../threadStore.ts";
import { ASSISTANT_ID, GRAPH_ID, milhenaAssistant, resolveAssistantId } from "./assistant.ts";
import { CancellableCheckpointer } from "../cancellableCheckpointer.ts";
import { MILHENA_SCHEMAS } from "./graphSchemas.ts";
import { jsonContains } from "./jsonContains.ts";
import {
  AssistantSearchBody,
  CancelQuery,
  GraphQuery,
  HistoryBody,
  parseWith,
  RunCreateBody,
  runIdSchema,
  ThreadCreateBody,
  ThreadSearchBody,
  type SupportedStreamMode,
} from "./requests.ts";
import { ThreadIdSchema } from "../threadId.ts";
import { runEvents } from "./runEvents.ts";
import { createSseWriter, type SseEvent } from "./sse.ts";
import { selectFields, threadStateToWire, threadToWire, toWire, type WireThread } from "./wire.ts";

/**
 * The LangGraph Agent Server API subset (what `@langchain/langgraph-sdk`'s Client and LangGraph Studio
 * use), served on Milhena's own PostgreSQL checkpointer. Mounted at `/` after auth and the JSON body
 * parser: every route runs for `callerOf(res)`, and threads are the caller's own (others' → 404).
 */

const require = createRequire(import.meta.url);
const VERSIONS = {
  milhena: (require("../../package.json") as { version: string }).version,
  langgraph: (require("@langchain/langgraph/package.json") as { version: string }).version,
};

const TITLE_CHARS = 80;

type Handler = (req: express.Request, res: express.Response) => void | Promise<void>;

/** Sends what a handler throws or rejects with to the error handler (keeps handlers void-typed for lint). */
const handle =
  (fn: Handler): express.RequestHandler =>
  (req, res, next) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);
  };

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw new ApiError(400, "bad_request", `Invalid ${what}: ${parsed.problems}`);
  return parsed.value;
}

/** A request that carries a body must say it is JSON. */
/** The body rule of the whole app (refusedBodyType), also when the router is mounted on its own. */
function requireJson(req: express.Request): void {
  const refused = refusedBodyType(req);
  if (refused) throw refused;
}

/** A route parameter as one string (express types allow arrays for wildcard params). */
function param(req: express.Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === "string" ? value : "";
}

const bodyOf = (req: express.Request): unknown => (req.body === undefined ? {} : (req.body as unknown));

function assistantOr404(idOrGraphId: string): string {
  const id = resolveAssistantId(idOrGraphId);
  if (id === null) throw new ApiError(404, "not_found", "Assistant not found");
  return id;
}

function shortTitle(question: string): string {
  const oneLine = question.replace(/\s+/g, " ").trim();
  return oneLine.length <= TITLE_CHARS ? oneLine : `${oneLine.slice(0, TITLE_CHARS - 1)}…`;
}

type RunOutcome =
  | { readonly status: "success"; readonly values: MilhenaStateType | null }
  | { readonly status: "interrupted" }
  | { readonly status: "error"; readonly error: unknown };

interface ActiveRun {
  readonly threadId: string;
  readonly done: Promise<void>;
}

interface PreparedRun {
  readonly runId: string;
  readonly threadId: string;
  readonly userId: string;
  readonly keyId: string;
  readonly requestId: string;
  /** When the request came in (performance.now()). */
  readonly startedMs: number;
  readonly body: RunBody;
  readonly strategy: MultitaskStrategy;
  readonly location: string;
}

type RunBody = z.output<typeof RunCreateBody>;

/** What this router needs; the app's AppDeps has it (tests pass fakes and an in-memory checkpointer). */
export interface AgentServerDeps extends FinishedRunDeps {
  readonly runtime: Pick<MilhenaRuntime, "graph" | "deps" | "recordTurn"> & {
    readonly checkpointer: BaseCheckpointSaver;
  };
  readonly threads: ThreadStore;
  readonly runs: ThreadRuns;
  readonly logger: {
    warn(fields: Record<string, unknown>, message: string): void;
    error(fields: Record<string, unknown>, message: string): void;
  };
}

export function createAgentServerRouter(deps: AgentServerDeps): express.Router {
  const router = express.Router();
  const { runtime, threads, runs, logger } = deps;
  const startedAt = new Date();
  const active = new Map<string, ActiveRun>();
  /**
   * Runs execute on their own compilation of the graph, whose checkpointer drops the writes of runs
   * ThreadRuns cancelled (here, or by a deletion of the thread or of the user's data).
   */
  const runGraph = compileMilhenaGraph(runtime.deps, new CancellableCheckpointer(runtime.checkpointer, runs));
  const drawables = new Map<string, unknown>();

  const requestIdOf = (res: express.Response): string =>
    typeof res.locals.requestId === "string" ? res.locals.requestId : "";

  async function ownedThread(userId: string, rawThreadId: unknown): Promise<ThreadRecord> {
    const parsed = ThreadIdSchema.safeParse(rawThreadId);
    if (!parsed.success) throw new ApiError(404, "not_found", "Thread not found");
    const thread = await threads.get(userId, parsed.data);
    if (!thread) throw new ApiError(404, "not_found", "Thread not found");
    return thread;
  }

  /** The state keys a thread's values show (LangGraph's internal channels stay out). */
  const stateKeys = Object.keys(MilhenaState.spec);
  /** What a key shows before anything wrote it (its channel's default), as a state read shows it. */
  const stateDefaults: Record<string, unknown> = Object.fromEntries(
    Object.entries(MilhenaState.spec).flatMap(([key, channel]) => {
      try {
        return [[key, channel.fromCheckpoint(undefined).get()]];
      } catch {
        return [];
      }
    }),
  );
  /** The state values of many threads: one statement on PostgreSQL, one read per thread otherwise. */
  async function latestValues(threadIds: readonly string[]): Promise<Map<string, unknown>> {
    const reader = runtime.checkpointer as BaseCheckpointSaver & Partial<LatestValuesReader>;
    if (typeof reader.latestValues !== "function") {
      const entries = await Promise.all(threadIds.map(async (id) => [id, await stateValues(id)] as const));
      return new Map(entries);
    }
    const channels = await reader.latestValues(threadIds);
    return new Map(
      [...channels].map(([id, all]) => [
        id,
        {
          ...stateDefaults,
          ...Object.fromEntries(Object.entries(all).filter(([key]) => stateKeys.includes(key))),
        },
      ]),
    );
  }

  async function stateValues(threadId: string): Promise<unknown> {
    const snapshot = await runtime.graph.getState({ configurable: { thread_id: threadId } });
    return snapshot.values;
  }

  async function describeThread(thread: ThreadRecord, withValues = true): Promise<WireThread> {
    const values = withValues ? await stateValues(thread.threadId) : {};
    return threadToWire(thread, { status: runs.isBusy(thread.threadId) ? "busy" : "idle", values }, GRAPH_ID);
  }

  /**
   * A run may name the checkpoint it starts from, as the SDK's useStream does with the thread's head:
   * the head (or no checkpoint on a thread without one) runs as usual; an earlier one would fork the
   * thread, which this server does not do yet.
   */
  async function requireHeadCheckpoint(threadId: string, body: RunBody): Promise<void> {
    const requested = body.checkpoint_id ?? body.checkpoint?.checkpoint_id ?? null;
    const namespace = body.checkpoint?.checkpoint_ns ?? "";
    if (requested === null && namespace === "") return;
    const head = await runtime.checkpointer.getTuple({
      configurable: { thread_id: threadId, checkpoint_ns: "" },
    });
    const headId: unknown = head?.config.configurable?.checkpoint_id;
    if (namespace === "" && (requested === null || requested === headId)) return;
    throw new ApiError(
      400,
      "bad_request",
      "Running from an earlier checkpoint (time travel, edit and rerun) is not supported by this server; run from the thread's latest checkpoint.",
    );
  }

  async function prepareRun(req: express.Request, res: express.Response): Promise<PreparedRun> {
    const startedMs = performance.now();
    const { userId, keyId } = callerOf(res);
    requireJson(req);
    const body = parse(RunCreateBody, bodyOf(req), "run");
    assistantOr404(body.assistant_id);
    const parsedId = ThreadIdSchema.safeParse(param(req, "threadId"));
    if (!parsedId.success) throw new ApiError(404, "not_found", "Thread not found");
    const threadId = parsedId.data;
    const thread = await threads.get(userId, threadId);
    if (!thread) {
      if (body.if_not_exists !== "create") throw new ApiError(404, "not_found", "Thread not found");
      // Another user's thread answers 404, as if it did not exist.
      await threads.create(userId, { threadId, ifExists: "do_nothing" });
    }
    await requireHeadCheckpoint(threadId, body);
    const runId = randomUUID();
    const location = `/threads/${threadId}/runs/${runId}`;
    res.setHeader("Content-Location", location);
    return {
      runId,
      threadId,
      userId,
      keyId,
      requestId: requestIdOf(res),
      startedMs,
      body,
      strategy: body.multitask_strategy ?? "reject",
      location,
    };
  }

  /**
   * Runs the graph once through the shared ThreadRuns (one run per thread at a time). Rejections before
   * the run starts (409 reject) are thrown; what happens once it started is the outcome.
   */
  async function executeRun(
    run: PreparedRun,
    modes: readonly SupportedStreamMode[],
    hooks: { onStart?: () => void; onEvent?: (event: SseEvent) => Promise<void> } = {},
  ): Promise<RunOutcome> {
    let finish: () => void = () => undefined;
    const entry: ActiveRun = {
      threadId: run.threadId,
      done: new Promise<void>((resolve) => (finish = resolve)),
    };
    active.set(run.runId, entry);
    let started = false;
    try {
      const values = await runs.run(
        run.threadId,
        run.strategy,
        async (signal) => {
          started = true;
          hooks.onStart?.();
          const events = runEvents(runGraph, {
            threadId: run.threadId,
            userId: run.userId,
            runId: run.runId,
            input: run.body.input,
            modes,
            signal,
            ...(run.body.config?.recursion_limit !== undefined
              ? { recursionLimit: run.body.config.recursion_limit }
              : {}),
          });
          let step = await events.next();
          while (!step.done) {
            await hooks.onEvent?.(step.value);
            step = await events.next();
          }
          return step.value;
        },
        run.runId,
      );
      // Cancelled after the last step but before the turn was saved: nothing was saved.
      if (runs.wasCancelled(run.runId)) return { status: "interrupted" };
      recordFinishedRun(deps, {
        userId: run.userId,
        keyId: run.keyId,
        threadId: run.threadId,
        requestId: run.requestId,
        response: values?.response ?? null,
        record: values?.turnRecord ?? null,
        seconds: (performance.now() - run.startedMs) / 1000,
      });
      const question = run.body.input.messages[0]?.content ?? "";
      await threads.touch(run.userId, run.threadId, shortTitle(question)).catch((error: unknown) => {
        logger.warn({ err: error, threadId: run.threadId, runId: run.runId }, "could not touch the thread");
      });
      return { status: "success", values };
    } catch (error) {
      // Cancelled here, or stopped by a deletion of the thread or of the user's data.
      if (runs.wasCancelled(run.runId)) return { status: "interrupted" };
      if (!started) throw error;
      return { status: "error", error };
    } finally {
      active.delete(run.runId);
      finish();
    }
  }

  /** What a failed run tells the client: an ApiError's own message, otherwise nothing internal. */
  function publicError(error: unknown, res: express.Response): { error: string; message: string } {
    if (error instanceof ApiError) return { error: error.code, message: error.message };
    return {
      error: "InternalError",
      message: `The run failed; the server log has the details (request id ${requestIdOf(res)})`,
    };
  }

  function logRunFailure(run: PreparedRun, res: express.Response, error: unknown): void {
    logger.error(
      { err: error, requestId: requestIdOf(res), threadId: run.threadId, runId: run.runId },
      "agent server run failed",
    );
  }

  // --- meta -------------------------------------------------------------------------------------

  router.get(
    "/info",
    handle((_req, res) => {
      callerOf(res);
      res.json({
        version: VERSIONS.milhena,
        langgraph_js_version: VERSIONS.langgraph,
        context: "js",
        flags: { assistants: true, crons: false, langsmith: false, langsmith_tracing_replicas: false },
        metadata: { service: "milhena", graphs: [GRAPH_ID] },
      });
    }),
  );

  // --- assistants -------------------------------------------------------------------------------

  router.post(
    "/assistants/search",
    handle((req, res) => {
      callerOf(res);
      requireJson(req);
      const body = parse(AssistantSearchBody, bodyOf(req), "assistant search");
      const assistant = milhenaAssistant(startedAt);
      const matches =
        (!body.graph_id || body.graph_id === GRAPH_ID) &&
        (!body.name || assistant.name.toLowerCase().includes(body.name.toLowerCase())) &&
        (!body.metadata || jsonContains(assistant.metadata, body.metadata));
      const all = matches ? [assistant] : [];
      res.setHeader("X-Pagination-Total", String(all.length));
      res.json(
        all
          .slice(body.offset, body.offset + body.limit)
          .map((a) => selectFields(a, body.select ?? undefined)),
      );
    }),
  );

  router.get(
    "/assistants/:assistantId",
    handle((req, res) => {
      callerOf(res);
      assistantOr404(param(req, "assistantId"));
      res.json(milhenaAssistant(startedAt));
    }),
  );

  router.get(
    "/assistants/:assistantId/graph",
    handle(async (req, res) => {
      callerOf(res);
      assistantOr404(param(req, "assistantId"));
      const { xray } = parse(GraphQuery, req.query, "query");
      const key = String(xray ?? false);
      let drawable = drawables.get(key);
      if (drawable === undefined) {
        drawable = (await runtime.graph.getGraphAsync(xray !== undefined ? { xray } : {})).toJSON();
        drawables.set(key, drawable);
      }
      res.json(drawable);
    }),
  );

  router.get(
    "/assistants/:assistantId/schemas",
    handle((req, res) => {
      callerOf(res);
      assistantOr404(param(req, "assistantId"));
      res.json(MILHENA_SCHEMAS);
    }),
  );

  // Studio asks for an assistant's subgraphs. Milhena's graph has none (its nodes are plain functions),
  // which the graph itself is asked, so the answer stays true if that ever changes.
  // Studio asks for an assistant's subgraphs: Milhena's graph has none (its nodes are plain functions),
  // and the graph itself is asked, so the answer stays true if that ever changes.
  const subgraphs = handle(async (req, res) => {
    callerOf(res);
    assistantOr404(param(req, "assistantId"));
    const namespace = param(req, "namespace") || undefined;
    const recurse = req.query.recurse === "true" || req.query.recurse === "1";
    const found: Record<string, unknown> = {};
    for await (const [ns] of runtime.graph.getSubgraphsAsync(namespace, recurse)) found[ns] = {};
    res.json(found);
  });
  router.get("/assistants/:assistantId/subgraphs", subgraphs);
  router.get("/assistants/:assistantId/subgraphs/:namespace", subgraphs);

  // --- threads ----------------------------------------------------------------------------------

  router.post(
    "/threads",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      requireJson(req);
      const body = parse(ThreadCreateBody, bodyOf(req), "thread");
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
      res.json(await describeThread(thread));
    }),
  );

  router.post(
    "/threads/search",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      requireJson(req);
      const body = parse(ThreadSearchBody, bodyOf(req), "thread search");
      const filter: Record<string, unknown> = { ...(body.metadata ?? {}) };
      if ("graph_id" in filter) {
        if (filter.graph_id !== GRAPH_ID) {
          res.json([]);
          return;
        }
        delete filter.graph_id;
      }
      const metadata = Object.keys(filter).length > 0 ? filter : undefined;
      // One statement for the page of threads, one for all their states (none when no values are asked).
      const records = await threads.list(userId, {
        limit: body.limit,
        offset: body.offset,
        ...(metadata ? { metadata } : {}),
        ...(body.ids ? { ids: body.ids } : {}),
      });
      const select = body.select ?? undefined;
      const withValues = !select || select.includes("values") || !!body.values;
      const values = withValues ? await latestValues(records.map((r) => r.threadId)) : new Map();
      const described = records.map((record) =>
        threadToWire(
          record,
          {
            status: runs.isBusy(record.threadId) ? "busy" : "idle",
            values: values.get(record.threadId) ?? {},
          },
          GRAPH_ID,
        ),
      );
      const matching = described.filter(
        (t) =>
          (!body.status || t.status === body.status) && (!body.values || jsonContains(t.values, body.values)),
      );
      res.json(matching.map((t) => selectFields(t, select)));
    }),
  );

  router.get(
    "/threads/:threadId",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(userId, param(req, "threadId"));
      res.json(await describeThread(thread));
    }),
  );

  router.get(
    "/threads/:threadId/state",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(userId, param(req, "threadId"));
      const snapshot = await runtime.graph.getState({ configurable: { thread_id: thread.threadId } });
      res.json(threadStateToWire(snapshot, thread.threadId));
    }),
  );

  router.post(
    "/threads/:threadId/history",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      requireJson(req);
      const thread = await ownedThread(userId, param(req, "threadId"));
      const body = parse(HistoryBody, bodyOf(req), "history request");
      const from = body.checkpoint?.checkpoint_id;
      const before =
        typeof body.before === "string"
          ? { configurable: { checkpoint_id: body.before } }
          : (body.before ?? undefined);
      const states = [];
      for await (const snapshot of runtime.graph.getStateHistory(
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

  // --- runs -------------------------------------------------------------------------------------

  router.post(
    "/threads/:threadId/runs/wait",
    handle(async (req, res) => {
      const run = await prepareRun(req, res);
      const outcome = await executeRun(run, []);
      if (outcome.status === "success") {
        res.json(toWire(outcome.values ?? {}));
      } else if (outcome.status === "interrupted") {
        res.json({ __error__: { error: "CancelledError", message: "The run was cancelled" } });
      } else {
        logRunFailure(run, res, outcome.error);
        res.json({ __error__: publicError(outcome.error, res) });
      }
    }),
  );

  router.post(
    "/threads/:threadId/runs/stream",
    handle(async (req, res) => {
      const run = await prepareRun(req, res);
      const writer = createSseWriter(res);
      let finished = false;
      res.on("close", () => {
        if (!finished && run.body.on_disconnect === "cancel") runs.cancel(run.threadId, run.runId);
      });
      const start = () => {
        if (writer.started) return;
        writer.start({ "Content-Location": run.location });
        void writer.send({
          event: "metadata",
          data: { run_id: run.runId, thread_id: run.threadId, attempt: 1 },
        });
      };
      // A queued run cannot be rejected any more: its stream (and run id) starts now.
      if (run.strategy === "enqueue") start();
      let outcome: RunOutcome;
      try {
        outcome = await executeRun(run, run.body.stream_mode, {
          onStart: start,
          onEvent: async (event) => {
            await writer.send(event);
          },
        });
      } catch (error) {
        if (!writer.started) throw error;
        outcome = { status: "error", error };
      } finally {
        finished = true;
      }
      if (outcome.status === "error") {
        logRunFailure(run, res, outcome.error);
        await writer.send({ event: "error", data: publicError(outcome.error, res) });
      }
      await writer.send({ event: "end", data: { run_id: run.runId, status: outcome.status } });
      writer.end();
    }),
  );

  router.post(
    "/threads/:threadId/runs/:runId/cancel",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(userId, param(req, "threadId"));
      const runId = runIdSchema.safeParse(param(req, "runId"));
      if (!runId.success) throw new ApiError(404, "not_found", "Run not found");
      const { wait } = parse(CancelQuery, req.query, "query");
      const run = active.get(runId.data);
      if (run && run.threadId !== thread.threadId) throw new ApiError(404, "not_found", "Run not found");
      if (!runs.cancel(thread.threadId, runId.data)) {
        throw new ApiError(404, "not_found", "Run not found or already finished");
      }
      if (wait && run) await run.done;
      res.status(wait ? 204 : 202).end();
    }),
  );

  return router;
}

export { ASSISTANT_ID, GRAPH_ID };
