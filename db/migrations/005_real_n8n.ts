import type { Migration } from "./types.ts";

/**
 * What reading a database written by real n8n needs: the executions the ETL saw unfinished (new,
 * running, waiting), re-read by id until they finish; the owner's category overrides; where each
 * workflow's category came from; which executions' data could not be read (n8n 2.x keeps it outside
 * the database); and the ETL's delete tracking (the last soft delete seen, n8n's
 * lowest execution id, the last full check for hard deletes).
 */
export const realN8nMigration: Migration = {
  version: 5,
  name: "real n8n: pending executions, category overrides, delete tracking",
  statements: ({ app }) => [
    `CREATE TABLE IF NOT EXISTS ${app}.etl_pending (
       execution_id bigint PRIMARY KEY,
       status text NOT NULL,
       seen_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE IF NOT EXISTS ${app}.business_category_overrides (
       workflow_id varchar(36) PRIMARY KEY,
       workflow_name text NOT NULL,
       category text NOT NULL,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `ALTER TABLE ${app}.business_workflows ADD COLUMN IF NOT EXISTS basis text NOT NULL DEFAULT 'none'`,
    // n8n 2.x can keep an execution's data outside the database (file system, S3, Azure).
    `ALTER TABLE ${app}.business_execution_data ADD COLUMN IF NOT EXISTS data_unread boolean NOT NULL DEFAULT false`,
    `CREATE INDEX IF NOT EXISTS bed_unread_started_idx ON ${app}.business_execution_data (started_at)
       WHERE data_unread AND NOT deleted`,
    `ALTER TABLE ${app}.etl_state
       ADD COLUMN IF NOT EXISTS last_deleted_at timestamptz,
       ADD COLUMN IF NOT EXISTS min_execution_id bigint NOT NULL DEFAULT 0,
       ADD COLUMN IF NOT EXISTS reconciled_at timestamptz`,
  ],
};
