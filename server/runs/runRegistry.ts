import type { MultitaskStrategy } from "../threadRuns.ts";

/** A run's status, as the Agent Server API names them. */
export type RunStatus = "pending" | "running" | "success" | "error" | "timeout" | "interrupted";

/** What is known of one run (the SDK's `Run`). */
export interface RunRecord {
  readonly runId: string;
  readonly threadId: string;
  readonly userId: string;
  readonly assistantId: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly status: RunStatus;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly multitaskStrategy: MultitaskStrategy;
  /** The error a failed run reports: its type and a message safe to show. */
  readonly error: { readonly error: string; readonly message: string } | null;
}

export interface RunRegistry {
  add(record: Omit<RunRecord, "createdAt" | "updatedAt" | "status" | "error">): RunRecord;
  update(runId: string, status: RunStatus, error?: RunRecord["error"]): void;
  /** The run on that thread of that user; null otherwise (others' runs do not exist for them). */
  get(userId: string, threadId: string, runId: string): RunRecord | null;
  /** The thread's runs, newest first. */
  list(
    userId: string,
    threadId: string,
    options: { limit: number; offset: number; status?: RunStatus },
  ): RunRecord[];
  /** Resolves when the run has ended (at once for an ended or unknown run). */
  finished(runId: string): Promise<void>;
  /** Forgets a run that never started (it was rejected). */
  forgetRun(runId: string): void;
  /** Forgets a thread's runs (the thread was deleted). */
  forgetThread(threadId: string): void;
}

const ENDED: ReadonlySet<RunStatus> = new Set(["success", "error", "timeout", "interrupted"]);

/**
 * The runs of this process, newest kept: at most `perThread` per thread and `total` in all (the oldest
 * ended ones go first). They live as long as the process does; conversation state itself is in the
 * checkpointer, so a restart forgets run records and nothing else.
 */
export function createRunRegistry(
  limits: { perThread: number; total: number } = { perThread: 100, total: 10_000 },
): RunRegistry {
  const runs = new Map<string, RunRecord>();
  const byThread = new Map<string, string[]>();
  const waiters = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  const evict = (runId: string) => {
    const record = runs.get(runId);
    if (!record || !ENDED.has(record.status)) return false;
    runs.delete(runId);
    const ids = byThread.get(record.threadId);
    const at = ids?.indexOf(runId) ?? -1;
    if (ids && at >= 0) ids.splice(at, 1);
    if (ids?.length === 0) byThread.delete(record.threadId);
    return true;
  };

  return {
    add(fields) {
      const now = new Date();
      const record: RunRecord = { ...fields, createdAt: now, updatedAt: now, status: "pending", error: null };
      runs.set(record.runId, record);
      const ids = byThread.get(record.threadId) ?? [];
      ids.push(record.runId);
      byThread.set(record.threadId, ids);
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      waiters.set(record.runId, { promise, resolve });
      for (const id of ids.slice(0, Math.max(0, ids.length - limits.perThread))) evict(id);
      if (runs.size > limits.total) {
        for (const id of runs.keys()) {
          if (runs.size <= limits.total) break;
          evict(id);
        }
      }
      return record;
    },
    update(runId, status, error = null) {
      const record = runs.get(runId);
      if (!record) return;
      runs.set(runId, { ...record, status, error, updatedAt: new Date() });
      if (ENDED.has(status)) {
        waiters.get(runId)?.resolve();
        waiters.delete(runId);
      }
    },
    get(userId, threadId, runId) {
      const record = runs.get(runId);
      return record && record.userId === userId && record.threadId === threadId ? record : null;
    },
    list(userId, threadId, { limit, offset, status }) {
      const ids = byThread.get(threadId) ?? [];
      return ids
        .map((id) => runs.get(id))
        .filter((r): r is RunRecord => !!r && r.userId === userId && (!status || r.status === status))
        .reverse()
        .slice(offset, offset + limit);
    },
    finished: (runId) => waiters.get(runId)?.promise ?? Promise.resolve(),
    forgetRun(runId) {
      waiters.get(runId)?.resolve();
      waiters.delete(runId);
      const record = runs.get(runId);
      if (record) runs.set(runId, { ...record, status: "error" });
      evict(runId);
    },
    forgetThread(threadId) {
      for (const id of byThread.get(threadId) ?? []) {
        runs.delete(id);
        waiters.get(id)?.resolve();
        waiters.delete(id);
      }
      byThread.delete(threadId);
    },
  };
}
