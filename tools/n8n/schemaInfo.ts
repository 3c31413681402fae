import type pg from "pg";
import { n8nTable, type N8nLocation, type N8nTableName } from "./tables.ts";

/**
 * What Milhena needs to know of the n8n release that wrote the database, read from the catalog (never
 * from a version string, which n8n does not store): 2.x adds `execution_entity."storedAt"` (execution
 * data in the database, the file system or object storage) and publishes workflows through
 * `"activeVersionId"`, the `workflow_history` row that runs; 1.x has neither.
 */
export interface N8nSchemaInfo {
  readonly line: "1.x" | "2.x";
  /** `execution_entity."storedAt"` exists (n8n 2.x). */
  readonly storedAt: boolean;
  /** `workflow_entity."activeVersionId"` exists (n8n 1.1xx and 2.x). */
  readonly activeVersionId: boolean;
  /** `workflow_entity."isArchived"` exists (n8n 1.9x and later). */
  readonly isArchived: boolean;
  /** `workflow_history` and `tag_entity`/`workflows_tags` exist. */
  readonly history: boolean;
  readonly tags: boolean;
}

/** Reads the shape of n8n's tables: one catalog query. */
export async function readN8nSchemaInfo(pool: pg.Pool, at: N8nLocation): Promise<N8nSchemaInfo> {
  const table = (name: N8nTableName) => `${at.n8nPrefix ?? ""}${name}`;
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = ANY($2::text[])`,
    [
      at.n8n,
      [
        table("execution_entity"),
        table("workflow_entity"),
        table("workflow_history"),
        table("workflows_tags"),
      ],
    ],
  );
  const has = (t: N8nTableName, column: string) =>
    rows.some((r) => r.table_name === table(t) && r.column_name === column);
  const storedAt = has("execution_entity", "storedAt");
  // 2.x publishes through activeVersionId; a 1.x database may carry the column without using it that way.
  return {
    line: storedAt ? "2.x" : "1.x",
    storedAt,
    activeVersionId: has("workflow_entity", "activeVersionId"),
    isArchived: has("workflow_entity", "isArchived"),
    history: has("workflow_history", "versionId"),
    tags: has("workflows_tags", "tagId"),
  };
}

/** Thrown when the configured schema holds no n8n tables. */
export class N8nTablesMissingError extends Error {}

/** Fails with a clear message when n8n's tables are not where the configuration says. */
export async function assertN8nTables(pool: pg.Pool, at: N8nLocation): Promise<void> {
  const { rows } = await pool.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    n8nTable(at, "workflow_entity"),
  ]);
  if (!rows[0]?.present)
    throw new N8nTablesMissingError(
      `No n8n tables found as ${n8nTable(at, "workflow_entity")}: set N8N_SCHEMA (n8n's DB_POSTGRESDB_SCHEMA, "public" by default) ` +
        `and N8N_TABLE_PREFIX (n8n's DB_TABLE_PREFIX) to where n8n keeps them, or run \`npm start\` once for demo data.`,
    );
}
