import type { Migration } from "./types.ts";

/**
 * Hardening: API keys can expire; repeated audit events are stored as one row with a count and the
 * time of the last occurrence; thread searches filtered by metadata use an index.
 */
export const hardeningMigration: Migration = {
  version: 6,
  name: "hardening: key expiry, aggregated audit events, thread metadata index",
  statements: ({ app }) => [
    `ALTER TABLE ${app}.api_keys ADD COLUMN IF NOT EXISTS expires_at timestamptz`,
    `ALTER TABLE ${app}.audit_events ADD COLUMN IF NOT EXISTS occurrences integer NOT NULL DEFAULT 1`,
    `ALTER TABLE ${app}.audit_events ADD COLUMN IF NOT EXISTS last_at timestamptz`,
    `CREATE INDEX IF NOT EXISTS threads_metadata_idx ON ${app}.threads USING gin (metadata jsonb_path_ops)`,
  ],
};
