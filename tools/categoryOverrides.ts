import type pg from "pg";
import type { Category } from "../graph/plan.ts";
import { normalizeText } from "../classifier/normalize.ts";
import { n8nTable, type N8nLocation } from "./n8n/tables.ts";

export interface CategoryLocation extends N8nLocation {
  readonly app: string;
}

/** One workflow as `npm run categories -- list` shows it. */
export interface WorkflowCategoryRow {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** owner (an override), nodes, tags, name, payload, schedule, none — or "not yet profiled". */
  readonly basis: string;
  readonly override: string | null;
}

export async function listWorkflowCategories(
  pool: pg.Pool,
  at: CategoryLocation,
): Promise<WorkflowCategoryRow[]> {
  const { rows } = await pool.query<WorkflowCategoryRow>(
    `SELECT w.id, w.name, coalesce(o.category, b.category, 'other') AS category,
            CASE WHEN o.category IS NOT NULL THEN 'owner' ELSE coalesce(b.basis, 'not yet profiled') END AS basis,
            o.category AS override
       FROM ${n8nTable(at, "workflow_entity")} w
       LEFT JOIN ${at.app}.business_workflows b ON b.workflow_id = w.id
       LEFT JOIN ${at.app}.business_category_overrides o ON o.workflow_id = w.id
      ORDER BY w.name, w.id`,
  );
  return rows;
}

/** Thrown when a workflow named on the command line is not one, or is several. */
export class WorkflowNotFoundError extends Error {}

/** The one workflow a name (any case and accents) or an id names. */
export async function findWorkflow(
  pool: pg.Pool,
  at: CategoryLocation,
  nameOrId: string,
): Promise<{ id: string; name: string }> {
  const { rows } = await pool.query<{ id: string; name: string }>(
    `SELECT id, name FROM ${n8nTable(at, "workflow_entity")} ORDER BY name`,
  );
  const wanted = normalizeText(nameOrId);
  const byId = rows.filter((r) => r.id === nameOrId.trim());
  const byName = rows.filter((r) => normalizeText(r.name) === wanted);
  const found = byId.length === 1 ? byId : byName;
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    throw new WorkflowNotFoundError(
      `Several workflows are called "${nameOrId}": ${found.map((r) => `${r.name} (id ${r.id})`).join(", ")}. Use the id.`,
    );
  const near = rows.filter((r) => wanted !== "" && normalizeText(r.name).includes(wanted)).slice(0, 5);
  throw new WorkflowNotFoundError(
    `No workflow is called "${nameOrId}".` +
      (near.length > 0 ? ` Did you mean: ${near.map((r) => `"${r.name}"`).join(", ")}?` : "") +
      " `npm run categories -- list` shows them all.",
  );
}

/** Sets the owner's category for a workflow; it wins over everything Milhena infers. */
export async function setCategoryOverride(
  pool: pg.Pool,
  at: CategoryLocation,
  workflow: { id: string; name: string },
  category: Category,
): Promise<void> {
  await pool.query(
    `INSERT INTO ${at.app}.business_category_overrides (workflow_id, workflow_name, category, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (workflow_id) DO UPDATE SET workflow_name = EXCLUDED.workflow_name, category = EXCLUDED.category,
       updated_at = now()`,
    [workflow.id, workflow.name, category],
  );
}

/** Removes an override (Milhena infers the category again); false when there was none. */
export async function clearCategoryOverride(
  pool: pg.Pool,
  at: CategoryLocation,
  workflowId: string,
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `DELETE FROM ${at.app}.business_category_overrides WHERE workflow_id = $1`,
    [workflowId],
  );
  return (rowCount ?? 0) > 0;
}
