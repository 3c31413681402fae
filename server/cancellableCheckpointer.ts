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

/** What a staged run wrote, in order, to be written for real once the run is known not cancelled. */
type StagedWrite =
  | { readonly kind: "put"; readonly args: Parameters<BaseCheckpointSaver["put"]> }
  | { readonly kind: "writes"; readonly args: Parameters<BaseCheckpointSaver["putWrites"]> };

interface Stage {
  /** Merged into the metadata of every checkpoint the run writes (history can be filtered by it). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly writes: StagedWrite[];
  readonly checkpoints: Map<string, CheckpointTuple>;
}

/**
 * The thread's checkpointer, except that a cancelled run writes nothing more: LangGraph still saves a
 * checkpoint when an aborted run's loop winds down (with "exit" durability, the half-done state of the
 * cancelled turn), possibly after the run was reported cancelled. Dropping those writes keeps the
 * thread's last checkpoint what it was before the cancelled run. Everything else goes to `inner`.
 *
 * A run may also be staged (`stage`): it checkpoints every step, as LangGraph Studio's time travel
 * needs, but those checkpoints are kept in memory until `commit` writes them all (or nothing, when the
 * run was cancelled), so "saved" and "cancelled" stay exclusive with more than one checkpoint per run.
 */
export class CancellableCheckpointer extends BaseCheckpointSaver {
  private readonly stages = new Map<string, Stage>();

  constructor(
    private readonly inner: BaseCheckpointSaver,
    private readonly gate: RunGate,
  ) {
    super(inner.serde);
  }

  /** From now on the run's writes are kept until commit() or discard(). */
  stage(runId: string, metadata: Readonly<Record<string, unknown>> = {}): void {
    this.stages.set(runId, { metadata, writes: [], checkpoints: new Map() });
  }

  /**
   * Writes what the staged run wrote, in order; nothing when it was cancelled (false). Once it starts
   * writing, the run is sealed: a cancel() that comes later does not count for it.
   */
  async commit(runId: string): Promise<boolean> {
    const stage = this.stages.get(runId);
    this.stages.delete(runId);
    if (!stage || stage.writes.length === 0) return !this.gate.wasCancelled(runId);
    if (!this.gate.seal(runId)) return false;
    for (const write of stage.writes) {
      if (write.kind === "put") await this.inner.put(...write.args);
      else await this.inner.putWrites(...write.args);
    }
    return true;
  }

  /** Forgets what the staged run wrote. */
  discard(runId: string): void {
    this.stages.delete(runId);
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
    const runId = this.runIdOf(config);
    const checkpointId: unknown = config.configurable?.checkpoint_id;
    const staged =
      runId !== null && typeof checkpointId === "string"
        ? this.stages.get(runId)?.checkpoints.get(checkpointId)
        : undefined;
    return staged ? Promise.resolve(staged) : this.inner.getTuple(config);
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
    const stage = runId !== null ? this.stages.get(runId) : undefined;
    if (stage) {
      const withRun = { ...stage.metadata, ...metadata } as CheckpointMetadata;
      stage.writes.push({ kind: "put", args: [config, checkpoint, withRun, newVersions] });
      const saved: RunnableConfig = {
        configurable: {
          thread_id: config.configurable?.thread_id as unknown,
          checkpoint_ns: (config.configurable?.checkpoint_ns as unknown) ?? "",
          checkpoint_id: checkpoint.id,
        },
      };
      stage.checkpoints.set(checkpoint.id, {
        config: saved,
        checkpoint,
        metadata: withRun,
        ...(typeof config.configurable?.checkpoint_id === "string" ? { parentConfig: config } : {}),
      });
      return Promise.resolve(saved);
    }
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
    const runId = this.runIdOf(config);
    const stage = runId !== null ? this.stages.get(runId) : undefined;
    if (stage) {
      stage.writes.push({ kind: "writes", args: [config, writes, taskId, taskPath] });
      return Promise.resolve();
    }
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
