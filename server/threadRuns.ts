import { randomUUID } from "node:crypto";
import { ApiError } from "./errors.ts";

export type MultitaskStrategy = "reject" | "enqueue" | "interrupt" | "rollback";

export interface ThreadRuns {
  /** "reject" → ApiError 409 when a run is active on the thread; "enqueue" → waits its turn; "interrupt"/"rollback" → treated as reject. The signal aborts on cancel(). */
  run<T>(
    threadId: string,
    strategy: MultitaskStrategy,
    task: (signal: AbortSignal, runId: string) => Promise<T>,
    runId?: string,
  ): Promise<T>;
  cancel(threadId: string, runId: string): boolean;
  isBusy(threadId: string): boolean;
  /** Resolves when every active and queued run has finished (graceful shutdown). */
  drain(): Promise<void>;
}

interface Slot {
  readonly runId: string;
  readonly controller: AbortController;
}

/** One run per thread at a time, in process: a promise chain per thread. */
export function createThreadRuns(): ThreadRuns {
  const tails = new Map<string, Promise<void>>();
  const slots = new Map<string, Slot[]>();
  const all = new Set<Promise<unknown>>();

  return {
    run(threadId, strategy, task, runId = randomUUID()) {
      const waiting = slots.get(threadId) ?? [];
      if (strategy !== "enqueue" && waiting.length > 0) {
        return Promise.reject(new ApiError(409, "conflict", "A run is already active on this thread"));
      }
      const slot: Slot = { runId, controller: new AbortController() };
      waiting.push(slot);
      slots.set(threadId, waiting);
      const previous = tails.get(threadId) ?? Promise.resolve();
      const result = previous.then(() => {
        if (slot.controller.signal.aborted) throw new ApiError(409, "conflict", "The run was cancelled");
        return task(slot.controller.signal, runId);
      });
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(threadId, tail);
      void tail.then(() => {
        const list = slots.get(threadId) ?? [];
        const i = list.indexOf(slot);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) slots.delete(threadId);
        if (tails.get(threadId) === tail) tails.delete(threadId);
        all.delete(tail);
      });
      all.add(tail);
      return result;
    },
    cancel(threadId, runId) {
      const slot = slots.get(threadId)?.find((s) => s.runId === runId);
      if (!slot || slot.controller.signal.aborted) return false;
      slot.controller.abort();
      return true;
    },
    isBusy: (threadId) => (slots.get(threadId)?.length ?? 0) > 0,
    async drain() {
      while (all.size > 0) await Promise.all([...all]);
    },
  };
}
