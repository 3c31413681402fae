import { BaseLangGraphError } from "@langchain/langgraph";
import { ApiError } from "../errors.ts";

/** What a failed run tells the client: the error's type and a message safe to show. */
export interface PublicRunError {
  readonly error: string;
  readonly message: string;
}

/**
 * LangGraph's own errors (a recursion limit reached, an invalid update) say what went wrong with the
 * run and nothing about the server, so their type and message are shown as they are, as the official
 * server does; an ApiError shows its own message; anything else only points to the server log.
 */
export function publicRunError(error: unknown, requestId: string): PublicRunError {
  if (error instanceof BaseLangGraphError) return { error: error.name, message: error.message };
  if (error instanceof ApiError) return { error: error.code, message: error.message };
  return {
    error: "InternalError",
    message: `The run failed; the server log has the details${requestId ? ` (request id ${requestId})` : ""}.`,
  };
}
