import type { AnswerSource } from "./context.ts";
import type { Intent, Language, QueryType, TimeWindow } from "./labels.ts";
import type { ResponsePlan } from "./plan.ts";
import type { ResponseSeries } from "./series.ts";

/** The response object (docs/architecture.md, "Contracts") (CLI `--json`, `POST /api/chat`). */
export interface MilhenaResponse {
  readonly threadId: string;
  readonly answer: string;
  readonly intent: Intent;
  readonly queryType: QueryType | null;
  readonly window: TimeWindow | null;
  readonly language: Language;
  readonly cached: boolean;
  readonly source: AnswerSource;
  readonly confidence: number;
  readonly latencyMs: number;
  /** What the data question was read as: the resolved plan, a clarification or an honest refusal. */
  readonly plan?: ResponsePlan;
  readonly usage?: Readonly<Record<string, number>>;
  /** Trend and forecast answers carry their daily series (for a chart). */
  readonly series?: ResponseSeries;
}
