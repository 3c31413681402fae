import type { AuditLog } from "../audit.ts";
import type { Caller } from "../caller.ts";
import { ApiError } from "../errors.ts";
import { ThreadIdSchema } from "../threadId.ts";
import type { ThreadRecord, ThreadStore } from "../threadStore.ts";

/**
 * Who may use a thread, for both APIs: only its owner. Another user's thread answers 404 exactly as a
 * missing one does (an id cannot be probed for being taken), and trying to take one is audited.
 */

export interface ThreadAccessDeps {
  readonly threads: Pick<ThreadStore, "get" | "create">;
  readonly audit: Pick<AuditLog, "record">;
}

/** The thread a run goes to, and whether it was made for it (a cancelled first run takes it away). */
export interface RunThread {
  readonly threadId: string;
  readonly created: boolean;
}

/** The caller's thread `threadId` (made for them when missing), or a new one when none is named. */
export async function threadForRun(
  deps: ThreadAccessDeps,
  caller: Caller,
  threadId: string | undefined,
  notFoundMessage = "Thread not found",
): Promise<RunThread> {
  if (threadId === undefined)
    return { threadId: (await deps.threads.create(caller.userId)).threadId, created: true };
  if (await deps.threads.get(caller.userId, threadId)) return { threadId, created: false };
  try {
    return { threadId: (await deps.threads.create(caller.userId, { threadId })).threadId, created: true };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      void deps.audit.record({
        event: "access.other_users_thread",
        userId: caller.userId,
        keyId: caller.keyId,
      });
      throw new ApiError(404, "not_found", notFoundMessage);
    }
    throw error;
  }
}

/** The caller's thread with this id (any text: a malformed id is as missing as another user's). */
export async function ownedThread(
  threads: Pick<ThreadStore, "get">,
  userId: string,
  rawThreadId: unknown,
): Promise<ThreadRecord> {
  const parsed = ThreadIdSchema.safeParse(rawThreadId);
  const thread = parsed.success ? await threads.get(userId, parsed.data) : null;
  if (!thread) throw new ApiError(404, "not_found", "Thread not found");
  return thread;
}
