import type pg from "pg";
import { draftPlan, type DraftPlanInput } from "../../graph/plan.ts";
import { createEntityCatalogSource } from "../../tools/entities/catalog.ts";
import { resolvePlan } from "../../tools/planResolver.ts";
import { createSemanticLayer, type SemanticLayer } from "../../tools/semantic/execute.ts";
import type { PlanResult } from "../../tools/semantic/result.ts";
import type { Schemas } from "../../tools/semantic/sources.ts";

export interface PlanAsker {
  /** The semantic layer itself, for plans a test resolves on its own. */
  readonly layer: SemanticLayer;
  /** Resolves a draft against the live catalogue at `now` and runs it; throws if it is not a plan. */
  ask(input: DraftPlanInput, now?: Date): Promise<PlanResult>;
}

/** Asks plans of the semantic layer on a test database, as the business tool does after the ETL. */
export function createPlanAsker(
  pool: pg.Pool,
  options: { readonly schemas: Schemas; readonly timeZone: string; readonly now?: Date },
): PlanAsker {
  const layer = createSemanticLayer({
    pool,
    schemas: options.schemas,
    timeZone: options.timeZone,
    statementTimeoutMs: 5000,
    maxRows: 500,
  });
  return {
    layer,
    async ask(input, now = options.now ?? new Date()) {
      const catalog = await createEntityCatalogSource(pool, options.schemas).load();
      const outcome = resolvePlan(draftPlan(input), { catalog, now, timeZone: options.timeZone });
      if (outcome.kind !== "plan") throw new Error(`not a plan: ${outcome.kind}`);
      return layer.execute(outcome.plan);
    },
  };
}
