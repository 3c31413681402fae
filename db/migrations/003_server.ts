import type { Migration } from "./types.ts";

/** The server's tables: threads (owned by users), API keys (hashes only), audit events. */
export const serverMigration: Migration = {
  version: 3,
  name: "server: threads, api keys, audit events",
  statements: ({ app }) => [
    `CREATE TABLE IF NOT EXISTS ${app}.threads (
       thread_id text PRIMARY KEY,
       user_id text NOT NULL,
       title text,
       metadata jsonb NOT NULL DEFAULT '{}',
       created_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS threads_user_updated_idx ON ${app}.threads (user_id, updated_at DESC)`,
    `CREATE TABLE IF NOT EXISTS ${app}.api_keys (
       key_id text PRIMARY KEY,
       key_hash text NOT NULL UNIQUE,
       user_id text NOT NULL,
       role text NOT NULL CHECK (role IN ('user', 'admin')),
       created_at timestamptz NOT NULL DEFAULT now(),
       revoked_at timestamptz
     )`,
    `CREATE TABLE IF NOT EXISTS ${app}.audit_events (
       id bigserial PRIMARY KEY,
       at timestamptz NOT NULL DEFAULT now(),
       user_id text,
       action text NOT NULL,
       detail jsonb NOT NULL DEFAULT '{}'
     )`,
  ],
};
