import type { Migration } from "./types.ts";

/**
 * Agent Server compatibility: a thread keeps the status its last run left (idle, interrupted or error),
 * and thread searches sorted by creation use an index.
 */
export const agentServerMigration: Migration = {
  version: 7,
  name: "agent server: thread status, threads by creation",
  statements: ({ app }) => [
    `ALTER TABLE ${app}.threads ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'idle'`,
    `CREATE INDEX IF NOT EXISTS threads_user_created_idx ON ${app}.threads (user_id, created_at DESC)`,
  ],
};
