import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { LatestValuesReader } from "../../db/batchedCheckpointer.ts";
import type { MilhenaGraph } from "../../graph/builder.ts";
import { MilhenaState } from "../../graph/state.ts";
import type { ThreadRuns } from "../threadRuns.ts";
import type { ThreadRecord } from "../threadStore.ts";
import { threadToWire, type WireThread, type WireThreadStatus } from "./wire.ts";

/** How threads look on the wire: their stored fields, their live status and their state's values. */
export interface ThreadViews {
  status(thread: ThreadRecord): WireThreadStatus;
  /** One thread with its values (or without, when they are not wanted). */
  describe(thread: ThreadRecord, withValues?: boolean): Promise<WireThread>;
  /** Many threads: one read for all their values on PostgreSQL. */
  describeAll(threads: readonly ThreadRecord[], withValues: boolean): Promise<WireThread[]>;
}

export function createThreadViews(deps: {
  readonly graph: MilhenaGraph;
  readonly checkpointer: BaseCheckpointSaver;
  readonly runs: Pick<ThreadRuns, "isBusy">;
}): ThreadViews {
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

  async function stateValues(threadId: string): Promise<unknown> {
    const snapshot = await deps.graph.getState({ configurable: { thread_id: threadId } });
    return snapshot.values;
  }

  async function latestValues(threadIds: readonly string[]): Promise<Map<string, unknown>> {
    const reader = deps.checkpointer as BaseCheckpointSaver & Partial<LatestValuesReader>;
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

  const status = (thread: ThreadRecord): WireThreadStatus =>
    deps.runs.isBusy(thread.threadId) ? "busy" : thread.status;

  return {
    status,
    async describe(thread, withValues = true) {
      const values = withValues ? await stateValues(thread.threadId) : {};
      return threadToWire(thread, { status: status(thread), values });
    },
    async describeAll(threads, withValues) {
      const values = withValues
        ? await latestValues(threads.map((t) => t.threadId))
        : new Map<string, unknown>();
      return threads.map((t) => threadToWire(t, { status: status(t), values: values.get(t.threadId) ?? {} }));
    },
  };
}
