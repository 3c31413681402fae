import type { BaseMessage } from "@langchain/core/messages";
import { Annotation, messagesStateReducer, type Messages } from "@langchain/langgraph";
import type { PreviousTurn, RequestContext } from "./context.ts";
import type { MilhenaResponse } from "./response.ts";

const replace = <T>(_old: T, next: T): T => next;

/**
 * Graph state. Input follows the LangChain chat convention (`{ messages: [...] }`); the answer is the
 * last AI message. `context` is the immutable RequestContext of the current request; `lastTurn`
 * outlives the request in the checkpoint so follow-ups resolve; `response` is DESIGN.md's object.
 */
export const MilhenaState = Annotation.Root({
  messages: Annotation<BaseMessage[], Messages>({ reducer: messagesStateReducer, default: () => [] }),
  context: Annotation<RequestContext | null>({ reducer: replace, default: () => null }),
  lastTurn: Annotation<PreviousTurn | null>({ reducer: replace, default: () => null }),
  response: Annotation<MilhenaResponse | null>({ reducer: replace, default: () => null }),
});

export type MilhenaStateType = typeof MilhenaState.State;
/** What a node returns: plain values (the reducers above merge them). */
export interface MilhenaStateUpdate {
  messages?: BaseMessage[];
  context?: RequestContext | null;
  lastTurn?: PreviousTurn | null;
  response?: MilhenaResponse | null;
}
