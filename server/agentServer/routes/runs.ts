import { randomUUID } from "node:crypto";
import express from "express";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { MilhenaGraph } from "../../../graph/builder.ts";
import type { AuditLog } from "../../audit.ts";
import { callerOf, requestIdOf, type Caller } from "../../caller.ts";
import { ApiError } from "../../errors.ts";
import { publicRunError } from "../../runs/runError.ts";
import type { RunRecord } from "../../runs/runRegistry.ts";
import type { RunOutcome, RunRequest, RunService } from "../../runs/runService.ts";
import { ownedThread, threadForRun } from "../../runs/threadAccess.ts";
import { createSseWriter } from "../../sse.ts";
import type { ThreadStore } from "../../threadStore.ts";
import { ThreadIdSchema } from "../../threadId.ts";
import { requireCheckpoint } from "../checkpoints.ts";
import { assistantOr404, handle, jsonBody, param, parse } from "../http.ts";
import { CancelQuery, RunCreateBody, RunListQuery, runIdSchema } from "../requests.ts";
import { toWire } from "../wire.ts";

export interface RunRoutesDeps {
  readonly graph: MilhenaGraph;
  readonly checkpointer: BaseCheckpointSaver;
  readonly threads: ThreadStore;
  readonly service: RunService;
  readonly audit: Pick<AuditLog, "record">;
  readonly logger: { warn(fields: Record<string, unknown>, message: string): void };
}

type RunBody = ReturnType<typeof RunCreateBody.parse>;

interface PreparedRun {
  readonly request: RunRequest & { readonly runId: string };
  readonly body: RunBody;
  readonly location: string;
}

/** The SDK's `Run`. */
function runToWire(run: RunRecord) {
  return {
    run_id: run.runId,
    thread_id: run.threadId,
    assistant_id: run.assistantId,
    created_at: run.createdAt.toISOString(),
    updated_at: run.updatedAt.toISOString(),
    status: run.status,
    metadata: toWire(run.metadata) ?? {},
    multitask_strategy: run.multitaskStrategy,
    kwargs: {},
  };
}

/** Runs on a thread (waited for, streamed, or in the background), stateless runs, and their records. */
export function runRoutes(deps: RunRoutesDeps): express.Router {
  const { graph, checkpointer, threads, service } = deps;
  const router = express.Router();

  /**
   * A run may name the checkpoint it starts from: the head (as the SDK's useStream sends it) runs as
   * usual; an earlier checkpoint of the thread forks from it; one the thread does not have is 404.
   */
  async function startingCheckpoint(threadId: string, body: RunBody): Promise<string | null> {
    const requested = body.checkpoint_id ?? body.checkpoint?.checkpoint_id ?? null;
    if (body.checkpoint?.checkpoint_ns) throw new ApiError(404, "not_found", "Checkpoint not found");
    if (requested === null) return null;
    await requireCheckpoint(checkpointer, threadId, requested);
    const head = await checkpointer.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: "" } });
    return head?.config.configurable?.checkpoint_id === requested ? null : requested;
  }

  async function prepare(
    req: express.Request,
    res: express.Response,
    threadOf: (caller: Caller, body: RunBody) => Promise<{ threadId: string; created: boolean }>,
  ): Promise<PreparedRun> {
    const startedMs = performance.now();
    const caller = callerOf(res);
    const body = parse(RunCreateBody, jsonBody(req), "run");
    const assistantId = assistantOr404(body.assistant_id);
    const { threadId, created } = await threadOf(caller, body);
    const checkpointId = await startingCheckpoint(threadId, body);
    const runId = randomUUID();
    const location = `/threads/${threadId}/runs/${runId}`;
    res.setHeader("Content-Location", location);
    return {
      body,
      location,
      request: {
        caller,
        threadId,
        runId,
        requestId: requestIdOf(res),
        startedMs,
        assistantId,
        input: body.input ?? null,
        modes: body.stream_mode,
        strategy: body.multitask_strategy ?? "reject",
        checkpointId,
        everyStep: true,
        metadata: body.metadata ?? {},
        ...(body.config?.recursion_limit !== undefined
          ? { recursionLimit: body.config.recursion_limit }
          : {}),
        ...(created ? { createdThread: true } : {}),
      },
    };
  }

  /** The thread of the route: the caller's own, or made for them with `if_not_exists: "create"`. */
  const routeThread =
    (req: express.Request) =>
    async (caller: Caller, body: RunBody): Promise<{ threadId: string; created: boolean }> => {
      const parsed = ThreadIdSchema.safeParse(param(req, "threadId"));
      if (!parsed.success) throw new ApiError(404, "not_found", "Thread not found");
      if (await threads.get(caller.userId, parsed.data)) return { threadId: parsed.data, created: false };
      if (body.if_not_exists !== "create") throw new ApiError(404, "not_found", "Thread not found");
      return threadForRun(deps, caller, parsed.data);
    };

  /** A stateless run: on a thread of its own, deleted when the run ends. */
  const temporaryThread = async (caller: Caller) => threadForRun(deps, caller, undefined);

  async function dropTemporary(run: PreparedRun): Promise<void> {
    await threads.delete(run.request.caller.userId, run.request.threadId).catch((error: unknown) => {
      deps.logger.warn(
        { err: String(error), threadId: run.request.threadId },
        "could not delete a stateless run's thread",
      );
    });
  }

  /** What `runs/wait` and `join` answer: the final values, or the error as the SDK expects it. */
  function waitResult(outcome: RunOutcome) {
    if (outcome.status === "success") return toWire(outcome.values ?? {});
    if (outcome.status === "interrupted")
      return { __error__: { error: "CancelledError", message: "The run was cancelled" } };
    return { __error__: outcome.publicError };
  }

  async function wait(run: PreparedRun, res: express.Response): Promise<void> {
    const outcome = await service.execute(run.request);
    res.json(waitResult(outcome));
  }

  async function stream(run: PreparedRun, res: express.Response): Promise<void> {
    const writer = createSseWriter(res);
    const client = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished && run.body.on_disconnect === "cancel") client.abort();
    });
    const start = () => {
      if (writer.started) return;
      writer.start({ "Content-Location": run.location });
      void writer.send({
        event: "metadata",
        data: { run_id: run.request.runId, thread_id: run.request.threadId, attempt: 1 },
      });
    };
    // A queued run cannot be rejected any more: its stream (and run id) starts now.
    if (run.request.strategy === "enqueue") start();
    let outcome: RunOutcome;
    try {
      outcome = await service.execute(
        { ...run.request, signal: client.signal },
        { onStart: start, onEvent: async (event) => void (await writer.send(event)) },
      );
    } catch (error) {
      // Refused before it started (409): the error handler answers, unless the stream already began.
      if (!writer.started) throw error;
      outcome = {
        status: "error",
        runId: run.request.runId,
        error,
        publicError: publicRunError(error, run.request.requestId ?? ""),
      };
    }
    // As the official server: the stream ends after the last event (no closing event of its own).
    if (outcome.status === "error") await writer.send({ event: "error", data: outcome.publicError });
    writer.end();
  }

  /** Starts the run in the background; answers with the run once it is accepted (or 409 at once). */
  async function background(run: PreparedRun, res: express.Response): Promise<void> {
    let accept: (record: RunRecord) => void = () => undefined;
    const accepted = new Promise<RunRecord>((resolve) => (accept = resolve));
    const outcome = service.execute(run.request, { onAccepted: accept });
    const first = await Promise.race([accepted, outcome.then(() => null)]);
    void outcome.catch(() => undefined);
    const record =
      first ?? service.registry.get(run.request.caller.userId, run.request.threadId, run.request.runId);
    if (!record) throw new ApiError(500, "internal", "The run could not be started.");
    res.json(runToWire(record));
  }

  router.post(
    "/threads/:threadId/runs/wait",
    handle(async (req, res) => wait(await prepare(req, res, routeThread(req)), res)),
  );
  router.post(
    "/threads/:threadId/runs/stream",
    handle(async (req, res) => stream(await prepare(req, res, routeThread(req)), res)),
  );
  router.post(
    "/threads/:threadId/runs",
    handle(async (req, res) => background(await prepare(req, res, routeThread(req)), res)),
  );

  router.post(
    "/runs/wait",
    handle(async (req, res) => {
      const run = await prepare(req, res, temporaryThread);
      res.setHeader("Content-Location", `/runs/${run.request.runId}`);
      try {
        await wait(run, res);
      } finally {
        await dropTemporary(run);
      }
    }),
  );
  router.post(
    "/runs/stream",
    handle(async (req, res) => {
      const run = await prepare(req, res, temporaryThread);
      const stateless = { ...run, location: `/runs/${run.request.runId}` };
      res.setHeader("Content-Location", stateless.location);
      try {
        await stream(stateless, res);
      } finally {
        await dropTemporary(run);
      }
    }),
  );

  router.get(
    "/threads/:threadId/runs",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const thread = await ownedThread(threads, userId, param(req, "threadId"));
      const query = parse(RunListQuery, req.query, "query");
      res.json(
        service.registry
          .list(userId, thread.threadId, {
            limit: query.limit,
            offset: query.offset,
            ...(query.status ? { status: query.status } : {}),
          })
          .map(runToWire),
      );
    }),
  );

  async function ownedRun(req: express.Request, res: express.Response): Promise<RunRecord> {
    const { userId } = callerOf(res);
    const thread = await ownedThread(threads, userId, param(req, "threadId"));
    const runId = runIdSchema.safeParse(param(req, "runId"));
    const run = runId.success ? service.registry.get(userId, thread.threadId, runId.data) : null;
    if (!run) throw new ApiError(404, "not_found", "Run not found");
    return run;
  }

  router.get(
    "/threads/:threadId/runs/:runId",
    handle(async (req, res) => {
      res.json(runToWire(await ownedRun(req, res)));
    }),
  );

  router.get(
    "/threads/:threadId/runs/:runId/join",
    handle(async (req, res) => {
      const run = await ownedRun(req, res);
      await service.registry.finished(run.runId);
      const ended = service.registry.get(run.userId, run.threadId, run.runId) ?? run;
      if (ended.status === "error" && ended.error) {
        res.json({ __error__: ended.error });
        return;
      }
      const snapshot = await graph.getState({ configurable: { thread_id: run.threadId } });
      res.json(toWire(snapshot.values) ?? {});
    }),
  );

  router.post(
    "/threads/:threadId/runs/:runId/cancel",
    handle(async (req, res) => {
      const run = await ownedRun(req, res);
      const { wait: waitForIt } = parse(CancelQuery, req.query, "query");
      if (!service.cancel(run.userId, run.threadId, run.runId)) {
        throw new ApiError(404, "not_found", "Run not found or already finished");
      }
      if (waitForIt) await service.registry.finished(run.runId);
      res.status(waitForIt ? 204 : 202).end();
    }),
  );

  return router;
}
