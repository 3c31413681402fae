export interface MigrationSchemas {
  /** Milhena's own schema (business tables, memory, cache, checkpoints). */
  app: string;
  /** The n8n schema Milhena reads. */
  n8n: string;
}

export interface Migration {
  version: number;
  name: string;
  /** SQL statements; schema names are validated identifiers, never user input. */
  statements(s: MigrationSchemas): string[];
}
