import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { ApiError } from "./errors.ts";
import { prepared } from "../db/prepared.ts";

/** What a thread's last run left it as (a running thread is "busy", which only the live runs know). */
export type StoredThreadStatus = "idle" | "interrupted" | "error";

export interface ThreadRecord {
  readonly threadId: string;
  readonly userId: string;
  readonly title: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly status: StoredThreadStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ThreadListOptions {
  readonly limit: number;
  readonly offset: number;
  readonly metadata?: Record<string, unknown>;
  readonly ids?: readonly string[];
  /** Only threads whose last run left this status. */
  readonly status?: StoredThreadStatus;
  /** Default: updated_at, newest first. */
  readonly sortBy?: "thread_id" | "status" | "created_at" | "updated_at";
  readonly sortOrder?: "asc" | "desc";
}

/** What a finished run or a client changes on a thread. */
export interface ThreadChanges {
  /** Set when the thread has no title yet (its first question, shortened). */
  readonly title?: string;
  readonly status?: StoredThreadStatus;
  /** Merged into the thread's metadata (keys given replace the same keys). */
  readonly metadata?: Record<string, unknown>;
}

export interface ThreadStore {
  /**
   * Exists and is the caller's: ifExists "raise" (default) → 409, "do_nothing" → returns it. Another
   * user's → 404, as every other route answers for a thread that is not the caller's, so an id cannot
   * be probed for being taken. An id with saved conversation state but no owner (left by a run that
   * outlived its thread, or by the CLI) → 404 too: nobody takes over someone's conversation.
   */
  create(
    userId: string,
    input?: { threadId?: string; metadata?: Record<string, unknown>; ifExists?: "raise" | "do_nothing" },
  ): Promise<ThreadRecord>;
  /** null when missing or owned by someone else (callers answer 404). */
  get(userId: string, threadId: string): Promise<ThreadRecord | null>;
  /** Filtered, then sorted, then paged; metadata filter = JSON containment; `ids` keeps only those threads. */
  list(userId: string, options: ThreadListOptions): Promise<ThreadRecord[]>;
  /** Bumps updated_at and applies the changes; the thread after them (null when not the caller's). */
  touch(userId: string, threadId: string, changes?: ThreadChanges): Promise<ThreadRecord | null>;
  /** Deletes the thread's checkpoints, then its row (so a failure halfway can be retried). false when not the caller's. */
  delete(userId: string, threadId: string): Promise<boolean>;
  /** The ids of all the user's threads. */
  idsOf(userId: string): Promise<string[]>;
  deleteAllFor(userId: string): Promise<number>;
}

interface Row {
  thread_id: string;
  user_id: string;
  title: string | null;
  metadata: Record<string, unknown> | null;
  status: string;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (r: Row): ThreadRecord => ({
  threadId: r.thread_id,
  userId: r.user_id,
  title: r.title,
  metadata: r.metadata ?? {},
  status: r.status === "error" || r.status === "interrupted" ? r.status : "idle",
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const MAX_TITLE_CHARS = 80;

const SORT_COLUMNS = {
  thread_id: "thread_id",
  status: "status",
  created_at: "created_at",
  updated_at: "updated_at",
} as const;

/** What creating a thread with an id someone else holds answers: the same as any unknown thread. */
export const notYours = () => new ApiError(404, "not_found", "Thread not found");

/** A conversation's title from its first question: one line, at most 80 characters. */
export function titleFrom(question: string): string {
  const line = question.replace(/\s+/g, " ").trim();
  return line.length <= MAX_TITLE_CHARS ? line : `${line.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…`;
}

/** Thread ownership in `<app>.threads`; conversation state itself lives in the checkpointer. */
export function createThreadStore(
  pool: pg.Pool,
  appSchema: string,
  checkpointer: BaseCheckpointSaver,
): ThreadStore {
  const table = `${appSchema}.threads`;
  const columns = "thread_id, user_id, title, metadata, status, created_at, updated_at";

  const get: ThreadStore["get"] = async (userId, threadId) => {
    const { rows } = await pool.query<Row>(
      prepared(`SELECT ${columns} FROM ${table} WHERE thread_id = $1 AND user_id = $2`, [threadId, userId]),
    );
    return rows[0] ? toRecord(rows[0]) : null;
  };

  const idsOf: ThreadStore["idsOf"] = async (userId) => {
    const { rows } = await pool.query<{ thread_id: string }>(
      `SELECT thread_id FROM ${table} WHERE user_id = $1`,
      [userId],
    );
    return rows.map((r) => r.thread_id);
  };

  return {
    async create(userId, input = {}) {
      const threadId = input.threadId ?? randomUUID();
      if (input.threadId !== undefined && !(await get(userId, threadId))) {
        const saved = await checkpointer.getTuple({
          configurable: { thread_id: threadId, checkpoint_ns: "" },
        });
        if (saved) throw notYours();
      }
      const { rows } = await pool.query<Row>(
        `INSERT INTO ${table} (thread_id, user_id, metadata) VALUES ($1, $2, $3)
         ON CONFLICT (thread_id) DO NOTHING RETURNING ${columns}`,
        [threadId, userId, JSON.stringify(input.metadata ?? {})],
      );
      if (rows[0]) return toRecord(rows[0]);
      const existing = await get(userId, threadId);
      if (!existing) throw notYours();
      if (input.ifExists === "do_nothing") return existing;
      throw new ApiError(409, "conflict", "A thread with this id already exists.");
    },
    get,
    async list(userId, { limit, offset, metadata, ids, status, sortBy = "updated_at", sortOrder = "desc" }) {
      // Identifiers from two closed lists, never from the request's text.
      const column = SORT_COLUMNS[sortBy];
      const order = sortOrder === "asc" ? "ASC" : "DESC";
      const { rows } = await pool.query<Row>(
        prepared(
          `SELECT ${columns} FROM ${table}
            WHERE user_id = $1 AND ($2::jsonb IS NULL OR metadata @> $2::jsonb)
              AND ($5::text[] IS NULL OR thread_id = ANY($5::text[]))
              AND ($6::text IS NULL OR status = $6)
            ORDER BY ${column} ${order}, thread_id ${order} LIMIT $3 OFFSET $4`,
          [
            userId,
            metadata ? JSON.stringify(metadata) : null,
            limit,
            offset,
            ids ? [...ids] : null,
            status ?? null,
          ],
        ),
      );
      return rows.map(toRecord);
    },
    async touch(userId, threadId, changes = {}) {
      const { rows } = await pool.query<Row>(
        prepared(
          `UPDATE ${table} SET updated_at = now(), title = coalesce(title, $3), status = coalesce($4, status),
                  metadata = metadata || coalesce($5::jsonb, '{}'::jsonb)
            WHERE thread_id = $1 AND user_id = $2 RETURNING ${columns}`,
          [
            threadId,
            userId,
            changes.title ? titleFrom(changes.title) : null,
            changes.status ?? null,
            changes.metadata ? JSON.stringify(changes.metadata) : null,
          ],
        ),
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async delete(userId, threadId) {
      if (!(await get(userId, threadId))) return false;
      await checkpointer.deleteThread(threadId);
      const { rowCount } = await pool.query(`DELETE FROM ${table} WHERE thread_id = $1 AND user_id = $2`, [
        threadId,
        userId,
      ]);
      return (rowCount ?? 0) > 0;
    },
    idsOf,
    async deleteAllFor(userId) {
      const ids = await idsOf(userId);
      for (const id of ids) await checkpointer.deleteThread(id);
      const deleted = await pool.query(`DELETE FROM ${table} WHERE user_id = $1 AND thread_id = ANY($2)`, [
        userId,
        ids,
      ]);
      return deleted.rowCount ?? 0;
    },
  };
}
