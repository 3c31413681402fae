import { randomUUID } from "node:crypto";
import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph";
import { withLogContext } from "../../config/logger.ts";
import { compileMilhenaGraph, type MilhenaGraph } from "../../graph/builder.ts";
import type { MilhenaRuntime } from "../../graph/runtime.ts";
import type { MilhenaStateType } from "../../graph/state.ts";
import type { RunInput, SupportedStreamMode } from "../agentServer/requests.ts";
import type { Caller } from "../caller.ts";
import { CancellableCheckpointer } from "../cancellableCheckpointer.ts";
import type { SseEvent } from "../sse.ts";
import type { MultitaskStrategy, ThreadRuns } from "../threadRuns.ts";
import type { StoredThreadStatus, ThreadStore } from "../threadStore.ts";
import { recordFinishedRun, type FinishedRunDeps } from "./finishedRun.ts";
import { publicRunError, type PublicRunError } from "./runError.ts";
import { createRunRegistry, type RunRecord, type RunRegistry } from "./runRegistry.ts";
import { runEvents } from "./runEvents.ts";

/** One run of the graph on a thread, as either API asks for it. */
export interface RunRequest {
  readonly caller: Caller;
  readonly threadId: string;
  /** Chosen by the caller of the service (so a response can name it before the run starts). */
  readonly runId?: string;
  readonly requestId?: string;
  /** When the request came in (performance.now()); the answer's duration is counted from it. */
  readonly startedMs?: number;
  readonly assistantId: string;
  /** The new user message; null runs on from the checkpoint without one. */
  readonly input: RunInput | null;
  readonly modes: readonly SupportedStreamMode[];
  readonly strategy: MultitaskStrategy;
  /** Run from this earlier checkpoint of the thread (a fork) instead of its latest. */
  readonly checkpointId?: string | null;
  /**
   * Checkpoint every step (the Agent Server API, for Studio's history and time travel) instead of
   * once at the end (the chat API's fast path). Either way a cancelled run saves nothing.
   */
  readonly everyStep?: boolean;
  /** The run's metadata (shown on the run, and on every checkpoint it writes). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly recursionLimit?: number;
  /** Aborting it cancels the run (the client went away). */
  readonly signal?: AbortSignal;
  /** The thread was made for this run: a cancelled run takes it away again (no empty thread is left). */
  readonly createdThread?: boolean;
}

export interface RunHooks {
  /** The run was accepted: it starts now or waits its turn (it will not be rejected). */
  onAccepted?(record: RunRecord): void;
  /** The run left the queue and started (a rejection can no longer happen). */
  onStart?(record: RunRecord): void;
  /** Each stream event of the modes asked for, in order (the run waits for it: backpressure). */
  onEvent?(event: SseEvent): Promise<void>;
}

export type RunOutcome =
  | { readonly status: "success"; readonly runId: string; readonly values: MilhenaStateType | null }
  | { readonly status: "interrupted"; readonly runId: string }
  | {
      readonly status: "error";
      readonly runId: string;
      readonly error: unknown;
      readonly publicError: PublicRunError;
    };

export interface RunService {
  readonly registry: RunRegistry;
  /** The graph runs execute on (its checkpointer drops what cancelled runs write). */
  readonly graph: MilhenaGraph;
  /**
   * Runs the graph once on the thread, one run per thread at a time: a rejection before the run starts
   * (409 under "reject") is thrown; what happens once it started is the outcome. A finished run is
   * recorded (memory, cache, metrics, UNSAFE audit) and its thread updated.
   */
  execute(request: RunRequest, hooks?: RunHooks): Promise<RunOutcome>;
  /** Cancels the caller's run on the thread (active or queued); false when there is none to cancel. */
  cancel(userId: string, threadId: string, runId: string): boolean;
}

export interface RunServiceDeps extends FinishedRunDeps {
  readonly runtime: Pick<MilhenaRuntime, "deps" | "recordTurn" | "runConfig"> & {
    readonly checkpointer: BaseCheckpointSaver;
    /** The long-term store the graph's nodes reach (user memory); none in tests that need none. */
    readonly store?: BaseStore;
  };
  readonly threads: Pick<ThreadStore, "touch" | "delete">;
  readonly runs: ThreadRuns;
  readonly logger: {
    warn(fields: Record<string, unknown>, message: string): void;
    error(fields: Record<string, unknown>, message: string): void;
  };
}

export interface RunServiceOptions {
  /** Wraps the run checkpointer (tests hold or fail its writes). */
  readonly wrapCheckpointer?: (checkpointer: CancellableCheckpointer) => BaseCheckpointSaver;
}

/** Keys the run itself sets on its configuration and checkpoints; a client's metadata cannot set them. */
const RESERVED_KEYS = new Set([
  "thread_id",
  "user_id",
  "run_id",
  "checkpoint_id",
  "checkpoint_ns",
  "request_id",
]);

function clientMetadata(metadata: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(metadata ?? {}).filter(([key]) => !key.startsWith("__") && !RESERVED_KEYS.has(key)),
  );
}

/** The one way both APIs run the graph. */
export function createRunService(deps: RunServiceDeps, options: RunServiceOptions = {}): RunService {
  const { runtime, threads, runs, logger } = deps;
  const checkpointer = new CancellableCheckpointer(runtime.checkpointer, runs);
  const graph = compileMilhenaGraph(
    runtime.deps,
    options.wrapCheckpointer?.(checkpointer) ?? checkpointer,
    runtime.store,
  );
  const registry = createRunRegistry();

  async function afterCancel(request: RunRequest, runId: string): Promise<RunOutcome> {
    registry.update(runId, "interrupted");
    if (request.createdThread) {
      registry.forgetThread(request.threadId);
      await threads.delete(request.caller.userId, request.threadId).catch((error: unknown) => {
        logger.warn(
          { err: String(error), threadId: request.threadId },
          "could not delete a cancelled new thread",
        );
      });
    }
    return { status: "interrupted", runId };
  }

  async function settleThread(request: RunRequest, status: StoredThreadStatus, runId: string): Promise<void> {
    const question = request.input?.messages[0]?.content;
    await threads
      .touch(request.caller.userId, request.threadId, {
        ...(question ? { title: question } : {}),
        status,
        // As the official server does once a run used the thread: it names the graph it runs.
        metadata: { graph_id: "milhena", assistant_id: request.assistantId },
      })
      .catch((error: unknown) => {
        logger.warn(
          { err: error, threadId: request.threadId, runId },
          "could not update the thread after its run",
        );
      });
  }

  async function execute(request: RunRequest, hooks: RunHooks = {}): Promise<RunOutcome> {
    const runId = request.runId ?? randomUUID();
    const startedMs = request.startedMs ?? performance.now();
    const metadata = clientMetadata(request.metadata);
    const record = registry.add({
      runId,
      threadId: request.threadId,
      userId: request.caller.userId,
      assistantId: request.assistantId,
      metadata,
      multitaskStrategy: request.strategy,
    });
    const cancelOnAbort = () => runs.cancel(request.threadId, runId);
    request.signal?.addEventListener("abort", cancelOnAbort, { once: true });
    let started = false;
    // ThreadRuns refuses at once a run that may not wait for a busy thread; any other run is accepted.
    const accepted = request.strategy === "enqueue" || !runs.isBusy(request.threadId);
    try {
      const running = runs.run(
        request.threadId,
        request.strategy,
        async (signal) => {
          started = true;
          registry.update(runId, "running");
          hooks.onStart?.(record);
          if (request.signal?.aborted) cancelOnAbort();
          const base = runtime.runConfig(request.threadId, request.caller.userId, signal, request.requestId);
          const runMetadata = {
            ...metadata,
            ...base.metadata,
            run_id: runId,
            thread_id: request.threadId,
            assistant_id: request.assistantId,
            graph_id: "milhena",
          };
          if (request.everyStep) checkpointer.stage(runId, runMetadata);
          try {
            const events = runEvents(graph, {
              threadId: request.threadId,
              userId: request.caller.userId,
              runId,
              input: request.input,
              modes: request.modes,
              signal,
              config: {
                runName: base.runName,
                metadata: runMetadata,
                callbacks: base.callbacks,
                configurable: {
                  ...(base.configurable.request_id ? { request_id: base.configurable.request_id } : {}),
                  ...(request.checkpointId ? { checkpoint_id: request.checkpointId } : {}),
                },
              },
              durability: request.everyStep ? "sync" : "exit",
              ...(request.recursionLimit !== undefined ? { recursionLimit: request.recursionLimit } : {}),
            });
            let step = await events.next();
            while (!step.done) {
              await hooks.onEvent?.(step.value);
              step = await events.next();
            }
            if (request.everyStep && !(await checkpointer.commit(runId))) return null;
            return step.value;
          } catch (error) {
            // A failed run keeps the steps it completed (as the official server's history shows them).
            if (request.everyStep) await checkpointer.commit(runId);
            throw error;
          } finally {
            checkpointer.discard(runId);
          }
        },
        runId,
      );
      if (accepted) hooks.onAccepted?.(record);
      const values = await running;
      // Cancelled after the last step but before the turn was saved: nothing was saved.
      if (runs.wasCancelled(runId)) return await afterCancel(request, runId);
      recordFinishedRun(deps, {
        userId: request.caller.userId,
        keyId: request.caller.keyId,
        threadId: request.threadId,
        ...(request.requestId ? { requestId: request.requestId } : {}),
        response: values?.response ?? null,
        record: values?.turnRecord ?? null,
        seconds: (performance.now() - startedMs) / 1000,
      });
      registry.update(runId, "success");
      await settleThread(request, "idle", runId);
      return { status: "success", runId, values };
    } catch (error) {
      // Cancelled here, or stopped by a deletion of the thread or of the user's data.
      if (runs.wasCancelled(runId)) return await afterCancel(request, runId);
      if (!started) {
        registry.update(runId, "error", publicRunError(error, request.requestId ?? ""));
        registry.forgetRun(runId);
        throw error;
      }
      logger.error(
        { err: error, requestId: request.requestId, threadId: request.threadId, runId },
        "run failed",
      );
      const publicError = publicRunError(error, request.requestId ?? "");
      registry.update(runId, "error", publicError);
      await settleThread(request, "error", runId);
      return { status: "error", runId, error, publicError };
    } finally {
      request.signal?.removeEventListener("abort", cancelOnAbort);
    }
  }

  return {
    registry,
    graph,
    // Every line logged while the run goes on (graph nodes and LLM calls included) names its request.
    execute: (request, hooks) =>
      withLogContext(
        {
          ...(request.requestId ? { requestId: request.requestId } : {}),
          threadId: request.threadId,
          userId: request.caller.userId,
        },
        () => execute(request, hooks),
      ),
    cancel(userId, threadId, runId) {
      if (!registry.get(userId, threadId, runId)) return false;
      return runs.cancel(threadId, runId);
    },
  };
}
