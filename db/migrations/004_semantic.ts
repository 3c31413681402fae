import type { Migration } from "./types.ts";

/**
 * The semantic layer's tables: hourly aggregates per workflow and currency (runs, durations, emails,
 * orders and their amounts, leads), daily aggregates per sender and per error cause, and each
 * workflow's business category. They replace the daily `business_metrics`. Facts gain the error
 * cause and the lead contact; `etl_state.etl_version` makes a new ETL reprocess everything once;
 * cached answers keep the plan they were written from.
 */
export const semanticMigration: Migration = {
  version: 4,
  name: "semantic layer: hourly, sender and error aggregates, workflow categories",
  statements: ({ app }) => [
    `ALTER TABLE ${app}.business_execution_data
       ADD COLUMN IF NOT EXISTS error_cause text,
       ADD COLUMN IF NOT EXISTS lead_contact text`,
    `CREATE INDEX IF NOT EXISTS bed_workflow_started_idx ON ${app}.business_execution_data (workflow_id, started_at)`,
    `CREATE INDEX IF NOT EXISTS bed_sender_started_idx ON ${app}.business_execution_data (email_sender, started_at)
       WHERE category = 'email'`,
    `CREATE TABLE IF NOT EXISTS ${app}.business_hourly (
       day date NOT NULL,
       hour smallint NOT NULL,
       workflow_id varchar(36) NOT NULL,
       currency text NOT NULL DEFAULT '',
       workflow_name text NOT NULL,
       runs integer NOT NULL,
       successes integer NOT NULL,
       failures integer NOT NULL,
       timed_runs integer NOT NULL,
       seconds_total double precision NOT NULL,
       seconds_max double precision,
       emails integer NOT NULL,
       replies integer NOT NULL,
       orders integer NOT NULL,
       orders_processed integer NOT NULL,
       orders_failed integer NOT NULL,
       orders_valued integer NOT NULL,
       amount_sum numeric(16,2) NOT NULL,
       amount_min numeric(14,2),
       amount_max numeric(14,2),
       leads integer NOT NULL,
       PRIMARY KEY (day, hour, workflow_id, currency)
     )`,
    `CREATE TABLE IF NOT EXISTS ${app}.business_senders_daily (
       day date NOT NULL,
       workflow_id varchar(36) NOT NULL,
       sender text NOT NULL,
       emails integer NOT NULL,
       replies integer NOT NULL,
       PRIMARY KEY (day, workflow_id, sender)
     )`,
    `CREATE INDEX IF NOT EXISTS bsd_sender_day_idx ON ${app}.business_senders_daily (sender, day)`,
    `CREATE TABLE IF NOT EXISTS ${app}.business_errors_daily (
       day date NOT NULL,
       workflow_id varchar(36) NOT NULL,
       workflow_name text NOT NULL,
       cause text NOT NULL,
       failures integer NOT NULL,
       PRIMARY KEY (day, workflow_id, cause)
     )`,
    `CREATE TABLE IF NOT EXISTS ${app}.business_workflows (
       workflow_id varchar(36) PRIMARY KEY,
       name text NOT NULL,
       category text NOT NULL,
       services text[] NOT NULL DEFAULT '{}',
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `ALTER TABLE ${app}.etl_state ADD COLUMN IF NOT EXISTS etl_version integer NOT NULL DEFAULT 0`,
    `ALTER TABLE ${app}.answer_cache ADD COLUMN IF NOT EXISTS plan jsonb`,
    `DROP TABLE IF EXISTS ${app}.business_metrics`,
  ],
};
