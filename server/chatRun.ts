import { randomUUID } from "node:crypto";
import type { BaseMessage } from "@langchain/core/messages";
import type { MilhenaResponse } from "../graph/response.ts";
import type { MilhenaStateUpdate } from "../graph/state.ts";
import type { TurnRecord } from "../graph/turnRecord.ts";
import type { Caller } from "./caller.ts";
import { RUN_ID_KEY } from "./cancellableCheckpointer.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError, notFound } from "./errors.ts";
import { recordFinishedRun } from "./runs/finishedRun.ts";

/**
 * The thread a chat message goes to: the caller's own (another user's answers 404, as if it did not
 * exist), or a new one when none is named.
 */
export interface ChatThread {
  readonly threadId: string;
  /** Made for this request: a cancelled first answer takes it away again. */
  readonly created: boolean;
}

export async function chatThread(
  deps: AppDeps,
  caller: Caller,
  threadId: string | undefined,
): Promise<ChatThread> {
  if (threadId === undefined)
    return { threadId: (await deps.threads.create(caller.userId)).threadId, created: true };
  if (await deps.threads.get(caller.userId, threadId)) return { threadId, created: false };
  try {
    return { threadId: (await deps.threads.create(caller.userId, { threadId })).threadId, created: true };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      void deps.audit.record({
        event: "access.other_users_thread",
        userId: caller.userId,
        keyId: caller.keyId,
      });
      throw notFound("No such conversation.");
    }
    throw error;
  }
}

export interface ChatRunOptions {
  readonly signal: AbortSignal;
  /** The HTTP request id, carried into the graph's logs. */
  readonly requestId?: string;
  /** Called as each graph node finishes (for progress events). */
  readonly onNode?: (node: string) => void;
  /** The thread was made for this question: a cancelled answer deletes it (no empty thread is left). */
  readonly createdThread?: boolean;
}

interface StreamedAnswer {
  readonly response: MilhenaResponse;
  /** What the turn leaves for memory and the cache, recorded once the run is known not cancelled. */
  readonly record: TurnRecord | null;
}

/** Streams one question through the chat graph as run `runId`; the response of its last node. */
async function streamAnswer(
  deps: AppDeps,
  caller: Caller,
  threadId: string,
  message: string,
  run: { readonly signal: AbortSignal; readonly runId: string },
  options: ChatRunOptions,
): Promise<StreamedAnswer> {
  const config = deps.runtime.runConfig(threadId, caller.userId, run.signal, options.requestId);
  const stream = await deps.chatGraph.stream(
    { messages: [{ role: "user", content: message }] },
    { ...config, configurable: { ...config.configurable, [RUN_ID_KEY]: run.runId }, streamMode: "updates" },
  );
  let final: MilhenaResponse | null = null;
  let record: TurnRecord | null = null;
  for await (const chunk of stream) {
    for (const [node, update] of Object.entries(chunk as Record<string, MilhenaStateUpdate | null>)) {
      options.onNode?.(node);
      if (update?.response) final = update.response;
      if (update?.turnRecord) record = update.turnRecord;
    }
  }
  if (!final) throw new Error("The graph finished without a response");
  return { response: final, record };
}

/**
 * Runs one question on a thread (one run per thread at a time), records it, returns the response.
 * A client that goes away cancels the run, and a cancelled run's half-done turn is not saved.
 */
export async function runChat(
  deps: AppDeps,
  caller: Caller,
  threadId: string,
  message: string,
  options: ChatRunOptions,
): Promise<MilhenaResponse> {
  const started = performance.now();
  const runId = randomUUID();
  const stopped = async () => {
    if (options.createdThread) {
      await deps.threads.delete(caller.userId, threadId).catch((deleteError: unknown) => {
        deps.logger.warn({ err: String(deleteError), threadId }, "could not delete a cancelled new thread");
      });
    }
    return new ApiError(
      409,
      "conflict",
      "This answer was stopped: the conversation was deleted or cancelled.",
    );
  };
  const { response, record } = await deps.runs
    .run(
      threadId,
      "reject",
      async (signal) => {
        const cancel = () => deps.runs.cancel(threadId, runId);
        if (options.signal.aborted) cancel();
        options.signal.addEventListener("abort", cancel, { once: true });
        try {
          return await streamAnswer(deps, caller, threadId, message, { signal, runId }, options);
        } finally {
          options.signal.removeEventListener("abort", cancel);
        }
      },
      runId,
    )
    .catch(async (error: unknown) => {
      throw deps.runs.wasCancelled(runId) ? await stopped() : error;
    });
  // Cancelled after its last step but before its turn was saved: the graph ended, nothing was saved.
  if (deps.runs.wasCancelled(runId)) throw await stopped();
  // The turn is saved: it is recorded whatever happens to the thread's bookkeeping below.
  recordFinishedRun(deps, {
    userId: caller.userId,
    keyId: caller.keyId,
    threadId,
    ...(options.requestId ? { requestId: options.requestId } : {}),
    response,
    record,
    seconds: (performance.now() - started) / 1000,
  });
  await deps.threads.touch(caller.userId, threadId, message);
  return response;
}

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
