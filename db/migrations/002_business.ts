import type { Migration } from "./types.ts";

/** Milhena's business tables, filled by the ETL from n8n's execution data. */
export const businessMigration: Migration = {
  version: 2,
  name: "business: execution facts, daily metrics, ETL state",
  statements: ({ app }) => [
    `CREATE TABLE IF NOT EXISTS ${app}.business_execution_data (
       execution_id bigint PRIMARY KEY,
       workflow_id varchar(36) NOT NULL,
       workflow_name text NOT NULL,
       category text NOT NULL,
       status text NOT NULL,
       started_at timestamptz,
       stopped_at timestamptz,
       deleted boolean NOT NULL DEFAULT false,
       email_sender text,
       email_subject text,
       ai_reply text,
       order_id text,
       order_amount numeric(12,2),
       order_currency text,
       error_message text,
       error_node text,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX IF NOT EXISTS bed_started_idx ON ${app}.business_execution_data (started_at)`,
    `CREATE INDEX IF NOT EXISTS bed_category_started_idx ON ${app}.business_execution_data (category, started_at)`,
    `CREATE INDEX IF NOT EXISTS bed_failed_started_idx ON ${app}.business_execution_data (started_at)
       WHERE status IN ('error', 'crashed')`,
    `CREATE TABLE IF NOT EXISTS ${app}.business_metrics (
       day date NOT NULL,
       workflow_id varchar(36) NOT NULL,
       workflow_name text NOT NULL,
       runs integer NOT NULL,
       successes integer NOT NULL,
       failures integer NOT NULL,
       emails integer NOT NULL,
       replies integer NOT NULL,
       orders integer NOT NULL,
       order_amount numeric(14,2) NOT NULL,
       failed_orders integer NOT NULL,
       timed_runs integer NOT NULL,
       seconds_total double precision NOT NULL,
       PRIMARY KEY (day, workflow_id)
     )`,
    `CREATE TABLE IF NOT EXISTS ${app}.etl_state (
       name text PRIMARY KEY,
       last_execution_id bigint NOT NULL,
       source_watermark text NOT NULL DEFAULT '',
       time_zone text NOT NULL DEFAULT '',
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
  ],
};
