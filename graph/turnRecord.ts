import type { AnswerCache, CachedAnswer } from "../cache/answerCache.ts";
import type { Logger } from "../config/logger.ts";
import type { Interaction, UserMemory } from "../memory/userMemory.ts";

/**
 * What a finished turn leaves outside its thread: the interaction for the user's memory and, for a
 * fresh data answer, the cache entry. The graph's last node produces it; the run that owns the turn
 * records it once the turn is saved, and never for a turn that was cancelled or failed, so a
 * cancelled answer leaves nothing in memory or in the cache. Recording happens after the response
 * (it is not on the answer's path).
 */
export interface TurnRecord {
  readonly interaction: Interaction;
  readonly cacheEntry: {
    readonly key: string;
    readonly value: CachedAnswer;
    readonly userId: string;
  } | null;
}

export interface TurnRecorder {
  /** Starts writing the record (memory and cache, side by side); failures are logged, never thrown. */
  record(record: TurnRecord | null | undefined): void;
  /** Resolves when every record started so far is written (erasure, shutdown, tests). */
  settled(): Promise<void>;
}

export function createTurnRecorder(deps: {
  readonly memory: UserMemory;
  readonly cache: AnswerCache;
  readonly logger: Logger;
}): TurnRecorder {
  const pending = new Set<Promise<void>>();
  return {
    record(record) {
      if (!record) return;
      const { interaction, cacheEntry } = record;
      const write = Promise.all([
        deps.memory.record(interaction),
        cacheEntry ? deps.cache.put(cacheEntry.key, cacheEntry.value, cacheEntry.userId) : undefined,
      ])
        .then(() => undefined)
        .catch((error: unknown) => {
          deps.logger.warn(
            {
              event: "turn.record_failed",
              error: error instanceof Error ? error.message : String(error),
              threadId: interaction.threadId,
            },
            "could not record a finished turn in memory or the cache",
          );
        })
        .finally(() => pending.delete(write));
      pending.add(write);
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
