import type { Migration } from "./types.ts";
import { coreMigration } from "./001_core.ts";
import { businessMigration } from "./002_business.ts";
import { serverMigration } from "./003_server.ts";
import { semanticMigration } from "./004_semantic.ts";
import { realN8nMigration } from "./005_real_n8n.ts";
import { hardeningMigration } from "./006_hardening.ts";
import { agentServerMigration } from "./007_agent_server.ts";

/** Every migration, in order. Versions are never reused or edited once released. */
export const MIGRATIONS: readonly Migration[] = [
  coreMigration,
  businessMigration,
  serverMigration,
  semanticMigration,
  realN8nMigration,
  hardeningMigration,
  agentServerMigration,
];
