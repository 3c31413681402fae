import type pg from "pg";
import { nodesOf, profileWorkflow, type WorkflowProfile } from "./workflowProfile.ts";

export interface KnownWorkflow extends WorkflowProfile {
  /** Node name → node type, to read each execution's facts. */
  readonly nodeTypes: ReadonlyMap<string, string>;
}

/**
 * Profiles every workflow in n8n (category and services, from its nodes and name) and keeps
 * `business_workflows` in step with them. A small table read in one query.
 */
export async function syncWorkflowProfiles(
  pool: pg.Pool,
  n8n: string,
  app: string,
): Promise<Map<string, KnownWorkflow>> {
  const { rows } = await pool.query<{ id: string; name: string; nodes: unknown }>(
    `SELECT id, name, nodes FROM ${n8n}.workflow_entity`,
  );
  const known = new Map<string, KnownWorkflow>();
  for (const row of rows) {
    const nodes = nodesOf(row.nodes);
    known.set(row.id, {
      ...profileWorkflow(nodes, row.name),
      nodeTypes: new Map(nodes.map((n) => [n.name, n.type])),
    });
  }
  if (rows.length > 0) {
    await pool.query(
      `INSERT INTO ${app}.business_workflows AS b (workflow_id, name, category, services, updated_at)
       SELECT id, name, category, string_to_array(services, '|'), now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, name, category, services)
       ON CONFLICT (workflow_id) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,
         services = EXCLUDED.services, updated_at = now()
       WHERE (b.name, b.category, b.services) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.category, EXCLUDED.services)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.name),
        rows.map((r) => known.get(r.id)!.category),
        rows.map((r) => known.get(r.id)!.services.join("|")),
      ],
    );
  }
  return known;
}
