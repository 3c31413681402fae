import type { Classification } from "../graph/labels.ts";
import type { PreviousTurn } from "../graph/context.ts";

/** A classifier: question (+ previous turn for follow-ups) → labels. Rules today, LLMs later. */
export interface Classifier {
  classify(question: string, previousTurn: PreviousTurn | null): Promise<Classification>;
}
