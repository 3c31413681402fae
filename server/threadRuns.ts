import { randomUUID } from "node:crypto";
import type { RunGate } from "./cancellableCheckpointer.ts";
import { ApiError } from "./errors.ts";

export type MultitaskStrategy = "reject" | "enqueue" | "interrupt" | "rollback";

export interface ThreadRuns extends RunGate {
  /** "reject" → 409 when a run is active on the thread; "enqueue" → waits its turn; "interrupt"/"rollback" → treated as reject. The signal aborts on cancel(). */
  run<T>(
    threadId: string,
    strategy: MultitaskStrategy,
    task: (signal: AbortSignal, runId: string) => Promise<T>,
    runId?: string,
  ): Promise<T>;
  /** Aborts the run (active or queued); false when it is not running or waiting on that thread. */
  cancel(threadId: string, runId: string): boolean;
  /** Whether cancel() stopped this run (remembered for the last 10,000 cancelled runs). */
  wasCancelled(runId: string): boolean;
  /**
   * The run's turn is being saved: false when it was already cancelled; otherwise cancel() no longer
   * stops it (it is done but for the write), so "saved" and "cancelled" never both hold.
   */
  seal(runId: string): boolean;
  /** Cancels every run on the thread, active or queued, and resolves once they have all finished. */
  stop(threadId: string): Promise<void>;
  isBusy(threadId: string): boolean;
  /** Resolves when every active and queued run has finished (graceful shutdown). */
  drain(): Promise<void>;
}

interface ActiveRun {
  readonly runId: string;
  readonly controller: AbortController;
}

const CANCELLED_MEMORY = 10_000;

/** One run per thread at a time, in this process: runs on a thread never interleave. */
export function createThreadRuns(): ThreadRuns {
  /** The tail of each thread's queue: the promise the next run waits for. */
  const tails = new Map<string, Promise<void>>();
  const active = new Map<string, ActiveRun>();
  const queued = new Map<string, Map<string, AbortController>>();
  const all = new Set<Promise<unknown>>();
  const cancelled = new Set<string>();
  /** Active runs whose turn is being saved (cancel() is too late for them). */
  const sealed = new Set<string>();
  const remember = (runId: string) => {
    cancelled.add(runId);
    if (cancelled.size > CANCELLED_MEMORY) {
      const oldest = cancelled.values().next();
      if (!oldest.done) cancelled.delete(oldest.value);
    }
  };

  function cancel(threadId: string, runId: string): boolean {
    const current = active.get(threadId);
    const target = current?.runId === runId ? current.controller : queued.get(threadId)?.get(runId);
    if (!target || sealed.has(runId)) return false;
    remember(runId);
    target.abort(new Error("cancelled"));
    return true;
  }

  return {
    run(threadId, strategy, task, runId = randomUUID()) {
      if (strategy !== "enqueue" && tails.has(threadId)) {
        return Promise.reject(
          new ApiError(409, "conflict", "This conversation is still answering; wait for it or cancel it."),
        );
      }
      const controller = new AbortController();
      const previous = tails.get(threadId) ?? Promise.resolve();
      const waiting = queued.get(threadId) ?? new Map<string, AbortController>();
      waiting.set(runId, controller);
      queued.set(threadId, waiting);
      const result = previous.then(async () => {
        waiting.delete(runId);
        active.set(threadId, { runId, controller });
        try {
          if (controller.signal.aborted) throw new ApiError(409, "conflict", "The run was cancelled.");
          return await task(controller.signal, runId);
        } finally {
          active.delete(threadId);
          sealed.delete(runId);
        }
      });
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(threadId, settled);
      all.add(settled);
      void settled.then(() => {
        all.delete(settled);
        if (tails.get(threadId) === settled) {
          tails.delete(threadId);
          queued.delete(threadId);
        }
      });
      return result;
    },
    cancel,
    wasCancelled: (runId) => cancelled.has(runId),
    seal(runId) {
      if (cancelled.has(runId)) return false;
      sealed.add(runId);
      return true;
    },
    async stop(threadId) {
      for (const runId of queued.get(threadId)?.keys() ?? []) cancel(threadId, runId);
      const current = active.get(threadId);
      if (current) cancel(threadId, current.runId);
      await tails.get(threadId);
    },
    isBusy: (threadId) => tails.has(threadId),
    async drain() {
      while (all.size > 0) await Promise.all([...all]);
    },
  };
}
