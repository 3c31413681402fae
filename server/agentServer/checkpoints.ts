import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { ApiError } from "../errors.ts";

/** A checkpoint of the thread's root graph, or 404 (a checkpoint id of another thread is not found either). */
export async function requireCheckpoint(
  checkpointer: BaseCheckpointSaver,
  threadId: string,
  checkpointId: string,
): Promise<void> {
  const tuple = await checkpointer.getTuple({
    configurable: { thread_id: threadId, checkpoint_ns: "", checkpoint_id: checkpointId },
  });
  if (!tuple) throw new ApiError(404, "not_found", "Checkpoint not found");
}
