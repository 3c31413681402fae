import { randomUUID } from "node:crypto";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type pg from "pg";
import { ApiError } from "./errors.ts";

export interface ThreadRecord {
  readonly threadId: string;
  readonly userId: string;
  readonly title: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ThreadStore {
  /** Exists and is the caller's: ifExists "raise" (default) → ApiError 409, "do_nothing" → returns it. Belongs to another user → ApiError 409 (never reveal the owner). */
  create(
    userId: string,
    input?: { threadId?: string; metadata?: Record<string, unknown>; ifExists?: "raise" | "do_nothing" },
  ): Promise<ThreadRecord>;
  /** null when missing OR owned by someone else (callers answer 404). */
  get(userId: string, threadId: string): Promise<ThreadRecord | null>;
  /** Newest updated first; metadata filter = JSON containment. */
  list(
    userId: string,
    options: { limit: number; offset: number; metadata?: Record<string, unknown> },
  ): Promise<ThreadRecord[]>;
  /** After a run: bumps updated_at; sets the title (first question, shortened) when it has none. */
  touch(userId: string, threadId: string, title?: string): Promise<void>;
  /** Deletes the thread row and its checkpoints (checkpointer.deleteThread). false when not the caller's. */
  delete(userId: string, threadId: string): Promise<boolean>;
  deleteAllFor(userId: string): Promise<number>;
}

interface Row {
  thread_id: string;
  user_id: string;
  title: string | null;
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (r: Row): ThreadRecord => ({
  threadId: r.thread_id,
  userId: r.user_id,
  title: r.title,
  metadata: r.metadata,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createThreadStore(
  pool: pg.Pool,
  appSchema: string,
  checkpointer: BaseCheckpointSaver,
): ThreadStore {
  const table = `${appSchema}.threads`;
  const get = async (userId: string, threadId: string) => {
    const { rows } = await pool.query<Row>(`SELECT * FROM ${table} WHERE thread_id = $1 AND user_id = $2`, [
      threadId,
      userId,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  };
  return {
    async create(userId, input = {}) {
      const threadId = input.threadId ?? randomUUID();
      const now = new Date();
      const { rows } = await pool.query<Row>(
        `INSERT INTO ${table} (thread_id, user_id, title, metadata, created_at, updated_at)
         VALUES ($1, $2, NULL, $3, $4, $4) ON CONFLICT (thread_id) DO NOTHING RETURNING *`,
        [threadId, userId, JSON.stringify(input.metadata ?? {}), now],
      );
      if (rows[0]) return toRecord(rows[0]);
      const existing = await get(userId, threadId);
      if (existing && input.ifExists === "do_nothing") return existing;
      throw new ApiError(409, "conflict", "Thread already exists");
    },
    get,
    async list(userId, options) {
      const { rows } = await pool.query<Row>(
        `SELECT * FROM ${table} WHERE user_id = $1 AND ($2::jsonb IS NULL OR metadata @> $2::jsonb)
         ORDER BY updated_at DESC, thread_id LIMIT $3 OFFSET $4`,
        [userId, options.metadata ? JSON.stringify(options.metadata) : null, options.limit, options.offset],
      );
      return rows.map(toRecord);
    },
    async touch(userId, threadId, title) {
      await pool.query(
        `UPDATE ${table} SET updated_at = $3, title = coalesce(title, $4) WHERE thread_id = $1 AND user_id = $2`,
        [threadId, userId, new Date(), title ?? null],
      );
    },
    async delete(userId, threadId) {
      const { rowCount } = await pool.query(`DELETE FROM ${table} WHERE thread_id = $1 AND user_id = $2`, [
        threadId,
        userId,
      ]);
      if (!rowCount) return false;
      await checkpointer.deleteThread(threadId);
      return true;
    },
    async deleteAllFor(userId) {
      const { rows } = await pool.query<{ thread_id: string }>(
        `DELETE FROM ${table} WHERE user_id = $1 RETURNING thread_id`,
        [userId],
      );
      for (const r of rows) await checkpointer.deleteThread(r.thread_id);
      return rows.length;
    },
  };
}
