import type pg from "pg";
import type { Category } from "../../graph/plan.ts";
import { CATEGORIES } from "../../graph/plan.ts";
import { readFreshness, type Freshness } from "../dataWatermark.ts";
import { n8nTable } from "../n8n/tables.ts";

/** A workflow as questions name it: n8n's current name, and what Milhena's ETL knows of it. */
export interface WorkflowEntity {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly archived: boolean;
  /** null until the ETL has profiled it. */
  readonly category: Category | null;
  readonly services: readonly string[];
}

/** The names a question can use: every workflow in n8n and every email sender in the data. */
export interface EntityCatalog {
  readonly workflows: readonly WorkflowEntity[];
  readonly senders: readonly string[];
}

export const EMPTY_CATALOG: EntityCatalog = Object.freeze({ workflows: [], senders: [] });

export interface EntityCatalogSource {
  /** The current catalog (reloaded when n8n's workflows or data changed). */
  /**
   * The current catalog. With `freshness` (how current n8n's workflows and the ETL are, as the
   * request has just read it) no lookup is needed to know whether the kept catalog is current.
   */
  load(freshness?: Pick<Freshness, "workflows" | "etl">): Promise<EntityCatalog>;
}

const asCategory = (v: unknown): Category | null =>
  typeof v === "string" && (CATEGORIES as readonly string[]).includes(v) ? (v as Category) : null;

/**
 * Reads the catalog from n8n's `workflow_entity` (current names) and Milhena's business tables
 * (categories, services, senders); keeps it until n8n's workflows change or the ETL writes again.
 */
export function createEntityCatalogSource(
  pool: pg.Pool,
  schemas: { readonly app: string; readonly n8n: string; readonly n8nPrefix?: string | undefined },
): EntityCatalogSource {
  let cached: { key: string; catalog: EntityCatalog } | null = null;
  return {
    async load(known) {
      // n8n's workflows (names, archiving) and the ETL's last write (categories, senders).
      const { workflows, etl } = known ?? (await readFreshness(pool, schemas));
      const key = `${workflows}|${etl}`;
      if (cached?.key === key) return cached.catalog;
      const { rows } = await pool.query<{
        id: string;
        name: string;
        active: boolean;
        archived: boolean;
        category: string | null;
        services: string[] | null;
      }>(
        `SELECT w.id, w.name, w.active, w."isArchived" AS archived, b.category, b.services
           FROM ${n8nTable(schemas, "workflow_entity")} w
           LEFT JOIN ${schemas.app}.business_workflows b ON b.workflow_id = w.id
          ORDER BY w.name`,
      );
      const { rows: senders } = await pool.query<{ sender: string }>(
        `SELECT DISTINCT sender FROM ${schemas.app}.business_senders_daily ORDER BY sender LIMIT 20000`,
      );
      const catalog: EntityCatalog = Object.freeze({
        workflows: rows.map((r) => ({
          id: r.id,
          name: r.name,
          active: r.active,
          archived: r.archived,
          category: asCategory(r.category),
          services: r.services ?? [],
        })),
        senders: senders.map((s) => s.sender),
      });
      cached = { key, catalog };
      return catalog;
    },
  };
}
