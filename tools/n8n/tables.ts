/**
 * Where n8n's tables are: its schema (`DB_POSTGRESDB_SCHEMA`, `public` by default) and the table prefix
 * n8n puts before every table name (`DB_TABLE_PREFIX`, empty by default). Both are validated identifiers
 * from the configuration, never user input.
 */
export interface N8nLocation {
  readonly n8n: string;
  readonly n8nPrefix?: string | undefined;
}

/** The tables of n8n that Milhena reads (SELECT only). */
export type N8nTableName =
  | "workflow_entity"
  | "workflow_history"
  | "execution_entity"
  | "execution_data"
  | "tag_entity"
  | "workflows_tags";

/** `n8n.workflow_entity`, or `n8n.pre_workflow_entity` with a table prefix. */
export function n8nTable(at: N8nLocation, table: N8nTableName): string {
  return `${at.n8n}.${at.n8nPrefix ?? ""}${table}`;
}
