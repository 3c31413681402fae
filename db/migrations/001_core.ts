import type { Migration } from "./types.ts";

/** Per-user memory and the answer cache. */
export const coreMigration: Migration = {
  version: 1,
  name: "core: user memory, profile, answer cache",
  statements: ({ app }) => [
    `CREATE TABLE IF NOT EXISTS ${app}.user_interaction (
       id bigserial PRIMARY KEY,
       user_id text NOT NULL,
       thread_id text NOT NULL,
       question text NOT NULL,
       answer text NOT NULL,
       intent text NOT NULL,
       query_type text,
       language text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX IF NOT EXISTS user_interaction_user_idx ON ${app}.user_interaction (user_id, id DESC)`,
    `CREATE TABLE IF NOT EXISTS ${app}.user_profile (
       user_id text PRIMARY KEY,
       preferred_language text NOT NULL,
       topics jsonb NOT NULL DEFAULT '{}'::jsonb,
       interactions integer NOT NULL DEFAULT 0,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE IF NOT EXISTS ${app}.answer_cache (
       cache_key text PRIMARY KEY,
       answer text NOT NULL,
       classification jsonb NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS answer_cache_expires_idx ON ${app}.answer_cache (expires_at)`,
  ],
};
