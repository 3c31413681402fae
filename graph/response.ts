import type { AnswerSource } from "./context.ts";
import type { Intent, Language, QueryType, TimeWindow } from "./labels.ts";
import type { ResponseSeries } from "./series.ts";

/** The response object of DESIGN.md (CLI `--json`, `POST /api/chat`). */
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
  readonly usage?: Readonly<Record<string, number>>;
  /** Trend and forecast answers carry their daily series (for a chart). */
  readonly series?: ResponseSeries;
}
