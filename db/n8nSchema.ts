import type pg from "pg";

/**
 * The n8n 1.x tables Milhena reads (column names as n8n's PostgreSQL migrations create them).
 * Milhena never writes them; this DDL exists for the demo seeder and tests, which play n8n's part.
 */
export function n8nTableStatements(schema: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${schema}.workflow_entity (
       id varchar(36) PRIMARY KEY,
       name varchar(128) NOT NULL,
       active boolean NOT NULL,
       nodes json NOT NULL,
       connections json NOT NULL,
       settings json,
       "staticData" json,
       "pinData" json,
       "versionId" char(36),
       "triggerCount" integer NOT NULL DEFAULT 0,
       meta json,
       "isArchived" boolean NOT NULL DEFAULT false,
       "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
       "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
     )`,
    `CREATE TABLE IF NOT EXISTS ${schema}.execution_entity (
       id serial PRIMARY KEY,
       finished boolean NOT NULL,
       mode varchar NOT NULL,
       "retryOf" varchar,
       "retrySuccessId" varchar,
       "startedAt" timestamp(3) with time zone,
       "stoppedAt" timestamp(3) with time zone,
       "waitTill" timestamp(3) with time zone,
       status varchar NOT NULL,
       "workflowId" varchar(36) NOT NULL REFERENCES ${schema}.workflow_entity(id) ON DELETE CASCADE,
       "deletedAt" timestamp(3) with time zone,
       "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
     )`,
    `CREATE INDEX IF NOT EXISTS "IDX_execution_entity_workflowId_id" ON ${schema}.execution_entity ("workflowId", id)`,
    `CREATE INDEX IF NOT EXISTS idx_execution_entity_stopped_at_status_deleted_at
       ON ${schema}.execution_entity ("stoppedAt", status, "deletedAt")`,
    `CREATE INDEX IF NOT EXISTS idx_execution_entity_wait_till_status_deleted_at
       ON ${schema}.execution_entity ("waitTill", status, "deletedAt")`,
    `CREATE INDEX IF NOT EXISTS "IDX_execution_entity_deletedAt" ON ${schema}.execution_entity ("deletedAt")`,
    `CREATE TABLE IF NOT EXISTS ${schema}.execution_data (
       "executionId" integer PRIMARY KEY REFERENCES ${schema}.execution_entity(id) ON DELETE CASCADE,
       "workflowData" json NOT NULL,
       data text NOT NULL
     )`,
  ];
}

/** Creates the n8n tables if missing (seeder and tests only). */
export async function ensureN8nTables(pool: pg.Pool, schema: string): Promise<void> {
  for (const statement of n8nTableStatements(schema)) await pool.query(statement);
}
