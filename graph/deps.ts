import type { Classifier } from "../classifier/types.ts";
import type { Logger } from "../config/logger.ts";
import type { AnswerCache } from "../cache/answerCache.ts";
import type { ResolvedQueryPlan } from "./plan.ts";
import type { PlanResult } from "../tools/semantic/result.ts";
import type { EntityCatalogSource } from "../tools/entities/catalog.ts";
import type { LlmWriter } from "../llm/writer.ts";
import type { Freshness } from "../tools/dataWatermark.ts";

/** Keeps Milhena's business tables in step with n8n (the ETL), when the data changed. */
export interface BusinessDataSync {
  /** How current n8n's data, its workflows and the business tables are, now (one read). */
  freshness(): Promise<Freshness>;
  /**
   * Runs the ETL when the business tables are behind n8n's data as of `freshness` (the request's own
   * read, which carries the ETL's state; read now when not given); true when it ran.
   */
  syncIfStale(freshness?: Freshness): Promise<boolean>;
}

/** Answers a resolved plan with facts (the semantic layer: compiled SQL, read-only). */
export interface BusinessData {
  execute(plan: ResolvedQueryPlan): Promise<PlanResult>;
}

/** Everything nodes need from the outside world, injected when the graph is built. */
export interface MilhenaDeps {
  readonly businessData: BusinessData;
  /** Workflow and sender names of the live data (for the rules and for resolving plans). */
  readonly entities: EntityCatalogSource;
  readonly classifier: Classifier;
  readonly cache: AnswerCache;
  readonly sync: BusinessDataSync;
  readonly clock: () => Date;
  readonly newId: () => string;
  readonly logger: Logger;
  readonly timeZone: string;
  /** Messages kept in the thread state (older ones are dropped). */
  readonly maxThreadMessages: number;
  /** Writes GENERAL answers, ANALYSIS narratives and rephrasings; disabled without providers. */
  readonly llm: LlmWriter;
  /** Overall LLM time budget of one request (LLM_DEADLINE_MS). */
  readonly llmDeadlineMs: number;
}
