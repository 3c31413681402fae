import { randomUUID } from "node:crypto";
import type { MilhenaGraph } from "../../graph/builder.ts";
import type { MilhenaStateType } from "../../graph/state.ts";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { RunInput, SupportedStreamMode } from "../agentServer/requests.ts";
import { RUN_ID_KEY } from "../cancellableCheckpointer.ts";
import type { SseEvent } from "../sse.ts";

export interface RunRequest {
  readonly threadId: string;
  /** Always the caller's user id (from the API key), never from the request body. */
  readonly userId: string;
  readonly runId: string;
  /** The new user message; null runs on from the checkpoint without one (a fork's "rerun"). */
  readonly input: RunInput | null;
  /** Which events to produce; empty for a run nobody streams (`runs/wait`). */
  readonly modes: readonly SupportedStreamMode[];
  readonly signal: AbortSignal;
  readonly recursionLimit?: number;
  /** The run's name, metadata and tracing callbacks (the runtime's run config) and extra configurable keys. */
  readonly config?: {
    readonly runName?: string;
    readonly metadata?: Readonly<Record<string, unknown>>;
    readonly callbacks?: Callbacks;
    readonly configurable?: Readonly<Record<string, unknown>>;
  };
  /** "exit" (default): one checkpoint when the run ends; "sync": one per step (for time travel). */
  readonly durability?: "exit" | "sync";
}

/**
 * The graph input for a validated run input (LangChain chat convention). New messages get the
 * server's own ids: a client-chosen id equal to an earlier message's would replace that message.
 */
export function graphInput(input: RunInput, newId: () => string = randomUUID) {
  return {
    messages: input.messages.map((m) => ({ role: "user" as const, content: m.content, id: newId() })),
  };
}

/** LangGraph's internal keys (`__pregel_…`) stay inside the process. */
function publicMetadata(metadata: unknown): Record<string, unknown> {
  if (metadata === null || typeof metadata !== "object") return {};
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !key.startsWith("__")));
}

type LibMode = "values" | "updates" | "messages";

/**
 * Runs the graph once on the thread and yields the Agent Server stream events the client asked for:
 * `values` (the whole state after each step), `updates` (`{ node: update }` per node) and `messages`
 * for `messages-tuple` (`[message, metadata]`, the answer as LangChain's message). Returns the final
 * state values. Throws what the graph throws (an AbortError when the signal aborts). The graph is
 * expected to run on a CancellableCheckpointer, which this run names through `configurable.run_id`.
 */
export async function* runEvents(
  graph: MilhenaGraph,
  request: RunRequest,
): AsyncGenerator<SseEvent, MilhenaStateType | null, undefined> {
  const libModes: LibMode[] = ["values"];
  if (request.modes.includes("updates")) libModes.push("updates");
  if (request.modes.includes("messages-tuple")) libModes.push("messages");
  const { configurable, ...named } = request.config ?? {};
  const stream = await graph.stream(request.input ? graphInput(request.input) : null, {
    ...named,
    metadata: { ...named.metadata },
    // The run's own keys come last: nothing a client sends can name another thread, user or run.
    configurable: {
      ...configurable,
      thread_id: request.threadId,
      user_id: request.userId,
      [RUN_ID_KEY]: request.runId,
    },
    streamMode: libModes,
    signal: request.signal,
    runId: request.runId,
    // By default one checkpoint when the run ends (as the chat API does); a cancelled run writes none
    // (the graph runs on a CancellableCheckpointer, which also keeps a "sync" run's steps until it ends).
    durability: request.durability ?? "exit",
    ...(request.recursionLimit !== undefined ? { recursionLimit: request.recursionLimit } : {}),
  });
  let last: MilhenaStateType | null = null;
  for await (const chunk of stream) {
    const [mode, data] = chunk as [LibMode, unknown];
    if (mode === "values") {
      last = data as MilhenaStateType;
      if (request.modes.includes("values")) yield { event: "values", data };
    } else if (mode === "updates") {
      yield { event: "updates", data };
    } else if (Array.isArray(data) && data.length === 2) {
      yield { event: "messages", data: [data[0], publicMetadata(data[1])] };
    }
  }
  return last;
}
