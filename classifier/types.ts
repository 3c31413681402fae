import type { AnswerSource, PreviousTurn } from "../graph/context.ts";
import type { Classification } from "../graph/labels.ts";
import type { LlmUsage } from "../llm/types.ts";
import type { EntityCatalog } from "../tools/entities/catalog.ts";

export interface ClassifyOptions {
  /** Absolute time (Date.now() clock) by which any LLM call must be over. */
  readonly deadlineAt?: number;
  readonly signal?: AbortSignal;
  /** Workflow and sender names, so that names in the question are recognised. */
  readonly catalog?: EntityCatalog;
}

/** The labels, who produced them, and what that cost. */
export interface ClassifierOutcome {
  readonly classification: Classification;
  readonly source: Exclude<AnswerSource, "cache">;
  readonly usage?: Partial<LlmUsage>;
}

/** A classifier: question (+ previous turn for follow-ups) → labels. Rules, or an LLM with rules behind it. */
export interface Classifier {
  classify(
    question: string,
    previousTurn: PreviousTurn | null,
    options?: ClassifyOptions,
  ): Promise<ClassifierOutcome>;
}
