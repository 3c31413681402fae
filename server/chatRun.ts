import type { BaseMessage } from "@langchain/core/messages";
import type { MilhenaResponse } from "../graph/response.ts";
import { ASSISTANT_ID } from "./agentServer/assistant.ts";
import type { Caller } from "./caller.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError } from "./errors.ts";
import { threadForRun } from "./runs/threadAccess.ts";

/** The thread a chat message goes to: the caller's own, or a new one when none is named. */
export const chatThread = (deps: AppDeps, caller: Caller, threadId: string | undefined) =>
  threadForRun(deps, caller, threadId, "No such conversation.");

export interface ChatRunOptions {
  readonly signal: AbortSignal;
  /** The HTTP request id, carried into the graph's logs. */
  readonly requestId?: string;
  /** Called as each graph node finishes (for progress events). */
  readonly onNode?: (node: string) => void;
  /** The thread was made for this question: a cancelled answer deletes it (no empty thread is left). */
  readonly createdThread?: boolean;
}

/**
 * Runs one question on a thread through the run service (one run per thread at a time, recorded
 * there), returns the response. A client that goes away cancels the run, and a cancelled run's
 * half-done turn is not saved.
 */
export async function runChat(
  deps: AppDeps,
  caller: Caller,
  threadId: string,
  message: string,
  options: ChatRunOptions,
): Promise<MilhenaResponse> {
  const outcome = await deps.runService.execute(
    {
      caller,
      threadId,
      ...(options.requestId ? { requestId: options.requestId } : {}),
      assistantId: ASSISTANT_ID,
      input: { messages: [{ id: undefined, content: message }] },
      modes: ["updates"],
      strategy: "reject",
      signal: options.signal,
      ...(options.createdThread ? { createdThread: true } : {}),
    },
    {
      onEvent: (event) => {
        if (event.event === "updates" && event.data !== null && typeof event.data === "object") {
          for (const node of Object.keys(event.data)) options.onNode?.(node);
        }
        return Promise.resolve();
      },
    },
  );
  if (outcome.status === "interrupted") throw stopped();
  if (outcome.status === "error") throw outcome.error;
  const response = outcome.values?.response;
  if (!response) throw new Error("The graph finished without a response");
  return response;
}

const stopped = () =>
  new ApiError(409, "conflict", "This answer was stopped: the conversation was deleted or cancelled.");

/** The answer in pieces of a few words, for streaming; joined they are the answer. */
export function answerChunks(answer: string, wordsPerChunk = 4): string[] {
  const words = answer.match(/\S+\s*/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk)
    chunks.push(words.slice(i, i + wordsPerChunk).join(""));
  const leading = /^\s+/.exec(answer)?.[0] ?? "";
  if (leading && chunks[0] !== undefined) chunks[0] = leading + chunks[0];
  return chunks;
}

export interface ChatMessage {
  readonly role: "user" | "assistant";
  readonly content: string;
}

/** A thread's conversation, from its last checkpoint. */
export async function threadMessages(deps: AppDeps, threadId: string): Promise<ChatMessage[]> {
  const state = await deps.runtime.graph.getState({ configurable: { thread_id: threadId } });
  const values = state.values as { messages?: BaseMessage[] };
  return (values.messages ?? []).flatMap((m): ChatMessage[] => {
    const type = m.getType();
    if (type !== "human" && type !== "ai") return [];
    return [
      {
        role: type === "human" ? "user" : "assistant",
        content: typeof m.content === "string" ? m.content : m.text,
      },
    ];
  });
}
