import type pg from "pg";
import { CATEGORIES, type Category } from "../../graph/plan.ts";
import type { N8nSchemaInfo } from "../n8n/schemaInfo.ts";
import { n8nTable, type N8nLocation } from "../n8n/tables.ts";
import {
  nodesOf,
  profileWorkflow,
  type PayloadShapes,
  type WorkflowNode,
  type WorkflowProfile,
} from "./workflowProfile.ts";

export interface KnownWorkflow extends WorkflowProfile {
  readonly name: string;
  /** Node name → node type, of the definition that runs and of the draft, to read each execution's facts. */
  readonly nodeTypes: ReadonlyMap<string, string>;
}

/** A workflow's definition as n8n keeps it, before Milhena profiles it. */
export interface WorkflowDefinition {
  readonly id: string;
  readonly name: string;
  /** The running definition's nodes first (n8n 2.x: the published `workflow_history` row), then the draft's. */
  readonly nodes: readonly WorkflowNode[];
  readonly tags: readonly string[];
}

const SHAPE_SAMPLE = 200;

/**
 * Reads every workflow's definition: on n8n 2.x the nodes that run are those of the published
 * version (`workflow_history` row of `"activeVersionId"`), while `workflow_entity.nodes` is the
 * draft; both are read so that executions of either are understood. Tags too. Small tables.
 */
export async function readWorkflowDefinitions(
  pool: pg.Pool,
  at: N8nLocation,
  info: Pick<N8nSchemaInfo, "activeVersionId" | "history" | "tags">,
): Promise<WorkflowDefinition[]> {
  const published =
    info.activeVersionId && info.history
      ? `(SELECT h.nodes FROM ${n8nTable(at, "workflow_history")} h WHERE h."versionId" = w."activeVersionId")`
      : "NULL::json";
  const tags = info.tags
    ? `(SELECT array_agg(t.name ORDER BY t.name) FROM ${n8nTable(at, "workflows_tags")} wt
          JOIN ${n8nTable(at, "tag_entity")} t ON t.id = wt."tagId" WHERE wt."workflowId" = w.id)`
    : "NULL::text[]";
  const { rows } = await pool.query<{
    id: string;
    name: string;
    nodes: unknown;
    published: unknown;
    tags: string[] | null;
  }>(
    `SELECT w.id, w.name, w.nodes, ${published} AS published, ${tags} AS tags
       FROM ${n8nTable(at, "workflow_entity")} w ORDER BY w.id`,
  );
  return rows.map((r) => {
    const running = nodesOf(r.published);
    const draft = nodesOf(r.nodes).filter((n) => !running.some((m) => m.name === n.name));
    return { id: r.id, name: r.name, nodes: [...running, ...draft], tags: r.tags ?? [] };
  });
}

const asCategory = (v: string): Category | null =>
  (CATEGORIES as readonly string[]).includes(v) ? (v as Category) : null;

/** The owner's category overrides, by workflow id. */
export async function readCategoryOverrides(pool: pg.Pool, app: string): Promise<Map<string, Category>> {
  const { rows } = await pool.query<{ workflow_id: string; category: string }>(
    `SELECT workflow_id, category FROM ${app}.business_category_overrides`,
  );
  const out = new Map<string, Category>();
  for (const r of rows) {
    const c = asCategory(r.category);
    if (c) out.set(r.workflow_id, c);
  }
  return out;
}

/** What each workflow's latest executions carried (emails, orders, contacts), from Milhena's facts. */
export async function readPayloadShapes(pool: pg.Pool, app: string): Promise<Map<string, PayloadShapes>> {
  const { rows } = await pool.query<{
    id: string;
    observed: number;
    emails: number;
    orders: number;
    contacts: number;
  }>(
    `SELECT w.workflow_id AS id, s.observed, s.emails, s.orders, s.contacts
       FROM ${app}.business_workflows w
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS observed,
                count(*) FILTER (WHERE r.email_sender IS NOT NULL AND r.email_subject IS NOT NULL)::int AS emails,
                count(*) FILTER (WHERE r.order_id IS NOT NULL AND r.order_amount IS NOT NULL)::int AS orders,
                count(*) FILTER (WHERE r.lead_contact IS NOT NULL)::int AS contacts
           FROM (SELECT f.email_sender, f.email_subject, f.order_id, f.order_amount, f.lead_contact
                   FROM ${app}.business_execution_data f
                  WHERE f.workflow_id = w.workflow_id AND NOT f.deleted AND f.status IN ('success', 'error', 'crashed')
                  ORDER BY f.started_at DESC NULLS LAST LIMIT ${SHAPE_SAMPLE}) r) s`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Profiles every workflow from its definition, tags, the owner's override and what its executions carried. */
export function profileAll(
  definitions: readonly WorkflowDefinition[],
  overrides: ReadonlyMap<string, Category>,
  shapes: ReadonlyMap<string, PayloadShapes>,
): Map<string, KnownWorkflow> {
  const known = new Map<string, KnownWorkflow>();
  for (const d of definitions) {
    const shape = shapes.get(d.id);
    known.set(d.id, {
      ...profileWorkflow({
        nodes: d.nodes,
        name: d.name,
        tags: d.tags,
        ...(shape ? { shapes: shape } : {}),
        override: overrides.get(d.id) ?? null,
      }),
      name: d.name,
      nodeTypes: new Map(d.nodes.map((n) => [n.name, n.type])),
    });
  }
  return known;
}

/** Writes the profiles to `business_workflows`; returns the ids whose category changed. */
export async function writeWorkflowProfiles(
  pool: pg.Pool,
  app: string,
  known: ReadonlyMap<string, KnownWorkflow>,
): Promise<string[]> {
  if (known.size === 0) return [];
  const ids = [...known.keys()];
  const { rows } = await pool.query<{ workflow_id: string; changed: boolean }>(
    `WITH before AS (SELECT workflow_id, category FROM ${app}.business_workflows WHERE workflow_id = ANY($1::text[])),
     written AS (
       INSERT INTO ${app}.business_workflows AS b (workflow_id, name, category, basis, services, updated_at)
       SELECT id, name, category, basis, string_to_array(services, '|'), now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, name, category, basis, services)
       ON CONFLICT (workflow_id) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,
         basis = EXCLUDED.basis, services = EXCLUDED.services, updated_at = now()
       WHERE (b.name, b.category, b.basis, b.services)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.category, EXCLUDED.basis, EXCLUDED.services)
       RETURNING b.workflow_id, b.category)
     SELECT w.workflow_id, (b.category IS DISTINCT FROM w.category) AS changed
       FROM written w LEFT JOIN before b ON b.workflow_id = w.workflow_id`,
    [
      ids,
      ids.map((id) => known.get(id)!.name),
      ids.map((id) => known.get(id)!.category),
      ids.map((id) => known.get(id)!.basis),
      ids.map((id) => known.get(id)!.services.join("|")),
    ],
  );
  return rows.filter((r) => r.changed).map((r) => r.workflow_id);
}
