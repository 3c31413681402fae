import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from "@langchain/langgraph-checkpoint";

/** The configurable key naming the run (chat or Agent Server) a graph invocation belongs to. */
export const RUN_ID_KEY = "run_id";

/** Which runs were cancelled, and the moment a run's turn is saved (after which it cannot be). */
export interface RunGate {
  wasCancelled(runId: string): boolean;
  /**
   * Called as the run's checkpoint is about to be written: false when the run was cancelled (nothing
   * is written); otherwise the run is sealed, and a later cancel() no longer counts for it, so a turn
   * is either saved and reported done or not saved and reported cancelled, never both.
   */
  seal(runId: string): boolean;
}

/**
 * The thread's checkpointer, except that a cancelled run writes nothing more: LangGraph still saves a
 * checkpoint when an aborted run's loop winds down (with "exit" durability, the half-done state of the
 * cancelled turn), possibly after the run was reported cancelled. Dropping those writes keeps the
 * thread's last checkpoint what it was before the cancelled run. Everything else goes to `inner`.
 */
export class CancellableCheckpointer extends BaseCheckpointSaver {
  constructor(
    private readonly inner: BaseCheckpointSaver,
    private readonly gate: RunGate,
  ) {
    super(inner.serde);
  }

  private runIdOf(config: RunnableConfig): string | null {
    const runId: unknown = config.configurable?.[RUN_ID_KEY];
    return typeof runId === "string" ? runId : null;
  }

  private cancelled(config: RunnableConfig): boolean {
    const runId = this.runIdOf(config);
    return runId !== null && this.gate.wasCancelled(runId);
  }

  getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return this.inner.getTuple(config);
  }

  list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    return this.inner.list(config, options);
  }

  put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const runId = this.runIdOf(config);
    if (runId !== null && !this.gate.seal(runId)) return Promise.resolve(config);
    return this.inner.put(config, checkpoint, metadata, newVersions);
  }

  putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath?: string,
  ): Promise<void> {
    if (this.cancelled(config)) return Promise.resolve();
    return this.inner.putWrites(config, writes, taskId, taskPath);
  }

  deleteThread(threadId: string): Promise<void> {
    return this.inner.deleteThread(threadId);
  }

  override getDeltaChannelHistory(options: Parameters<BaseCheckpointSaver["getDeltaChannelHistory"]>[0]) {
    return this.inner.getDeltaChannelHistory(options);
  }

  override getNextVersion(current: number | undefined): number {
    return this.inner.getNextVersion(current);
  }
}
