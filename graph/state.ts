import type { BaseMessage } from "@langchain/core/messages";
import { Annotation, messagesStateReducer, type Messages } from "@langchain/langgraph";
import type { PreviousTurn, RequestContext } from "./context.ts";
import type { MilhenaResponse } from "./response.ts";
import type { TurnRecord } from "./turnRecord.ts";

const replace = <T>(_old: T, next: T): T => next;

/**
 * Graph state. Input follows the LangChain chat convention (`{ messages: [...] }`); the answer is the
 * last AI message. `context` is the immutable RequestContext of the current request; `lastTurn`
 * outlives the request in the checkpoint so follow-ups resolve; `response` is the response object; `turnRecord` is
 * what the run records after the turn is saved.
 */
export const MilhenaState = Annotation.Root({
  messages: Annotation<BaseMessage[], Messages>({ reducer: messagesStateReducer, default: () => [] }),
  context: Annotation<RequestContext | null>({ reducer: replace, default: () => null }),
  lastTurn: Annotation<PreviousTurn | null>({ reducer: replace, default: () => null }),
  response: Annotation<MilhenaResponse | null>({ reducer: replace, default: () => null }),
  /** What the finished turn leaves for its run to record once saved (memory, cache): see turnRecord.ts. */
  turnRecord: Annotation<TurnRecord | null>({ reducer: replace, default: () => null }),
});

export type MilhenaStateType = typeof MilhenaState.State;
/** What a node returns: plain values (the reducers above merge them). */
export interface MilhenaStateUpdate {
  messages?: BaseMessage[];
  context?: RequestContext | null;
  lastTurn?: PreviousTurn | null;
  response?: MilhenaResponse | null;
  turnRecord?: TurnRecord | null;
}
