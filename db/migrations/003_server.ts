import type { Migration } from "./types.ts";

/** The server's tables: thread ownership, API keys (hashes only), the audit log; cache entries by user. */
export const serverMigration: Migration = {
  version: 3,
  name: "server: threads, API keys, audit events",
  statements: ({ app }) => [
    `CREATE TABLE IF NOT EXISTS ${app}.threads (
       thread_id text PRIMARY KEY,
       user_id text NOT NULL,
       title text,
       metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX IF NOT EXISTS threads_user_updated_idx ON ${app}.threads (user_id, updated_at DESC)`,
    `CREATE TABLE IF NOT EXISTS ${app}.api_keys (
       key_id text PRIMARY KEY,
       key_hash text NOT NULL UNIQUE,
       user_id text NOT NULL,
       role text NOT NULL CHECK (role IN ('user', 'admin')),
       created_at timestamptz NOT NULL DEFAULT now(),
       last_used_at timestamptz,
       revoked_at timestamptz
     )`,
    `CREATE TABLE IF NOT EXISTS ${app}.audit_events (
       id bigserial PRIMARY KEY,
       at timestamptz NOT NULL DEFAULT now(),
       event text NOT NULL,
       user_id text,
       key_id text,
       request_id text,
       route text,
       ip text,
       detail jsonb NOT NULL DEFAULT '{}'::jsonb
     )`,
    `CREATE INDEX IF NOT EXISTS audit_events_at_idx ON ${app}.audit_events (at)`,
    `ALTER TABLE ${app}.answer_cache ADD COLUMN IF NOT EXISTS user_id text`,
    `CREATE INDEX IF NOT EXISTS answer_cache_user_idx ON ${app}.answer_cache (user_id)`,
  ],
};
