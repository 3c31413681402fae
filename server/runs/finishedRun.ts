import type { MilhenaResponse } from "../../graph/response.ts";
import type { MilhenaRuntime } from "../../graph/runtime.ts";
import type { TurnRecord } from "../../graph/turnRecord.ts";
import type { AuditLog } from "../audit.ts";
import type { Metrics } from "../metrics.ts";

/** What both APIs know of a run that finished and whose turn was saved (not cancelled). */
export interface FinishedRun {
  readonly userId: string;
  readonly keyId: string;
  readonly threadId: string;
  readonly requestId?: string;
  /** The run's response (null when the graph left none, as a state with no answer). */
  readonly response: MilhenaResponse | null;
  /** What the turn leaves for memory and the cache. */
  readonly record: TurnRecord | null;
  /** From the request's start to the end of the run. */
  readonly seconds: number;
}

export interface FinishedRunDeps {
  readonly runtime: Pick<MilhenaRuntime, "recordTurn">;
  readonly metrics: Pick<Metrics, "observeAnswer">;
  readonly audit: Pick<AuditLog, "record">;
}

/**
 * The one bookkeeping of a finished run, for the chat API and the Agent Server API alike: the turn is
 * recorded in memory and the cache (after the response), the answer counted in the metrics, and an
 * UNSAFE question audited.
 */
export function recordFinishedRun(deps: FinishedRunDeps, run: FinishedRun): void {
  deps.runtime.recordTurn(run.record);
  if (!run.response) return;
  deps.metrics.observeAnswer(run.response, run.seconds);
  if (run.response.intent === "UNSAFE") {
    void deps.audit.record({
      event: "unsafe_request",
      userId: run.userId,
      keyId: run.keyId,
      ...(run.requestId ? { requestId: run.requestId } : {}),
      detail: { threadId: run.threadId },
    });
  }
}
