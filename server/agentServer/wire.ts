import { isBaseMessage, type BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { StateSnapshot } from "@langchain/langgraph";

/**
 * Serializers from LangGraph's in-process objects to the JSON the LangGraph SDK expects: messages as
 * LangChain message dicts (`{ type: "human" | "ai" | …, content, id, … }`), dates as ISO strings,
 * snake_case thread states.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A LangChain message as the SDK's `Message` type: its constructor fields plus `type`. */
export function messageToDict(message: BaseMessage): { [key: string]: JsonValue } {
  const { type, data } = message.toDict();
  const dict: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(data) as [string, unknown][]) {
    const wire = toWire(value);
    if (wire !== undefined) dict[key] = wire;
  }
  dict.type = type;
  if (dict.id === undefined) dict.id = message.id ?? null;
  return dict;
}

/**
 * Deep conversion to plain JSON: messages become dicts, dates ISO strings, bigints strings; undefined
 * object entries, functions and symbols are dropped (undefined array items become null, as in JSON).
 */
export function toWire(value: unknown): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return value.toString();
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    default:
      break;
  }
  if (Array.isArray(value)) return value.map((item) => toWire(item) ?? null);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (isBaseMessage(value)) return messageToDict(value);
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const wire = toWire(item);
    if (wire !== undefined) out[key] = wire;
  }
  return out;
}

/** A JSON object from a value that must be one (state values, metadata); anything else → `{}`. */
export function toWireObject(value: unknown): { [key: string]: JsonValue } {
  const wire = toWire(value);
  return wire !== null && typeof wire === "object" && !Array.isArray(wire) ? wire : {};
}

export interface WireCheckpoint {
  readonly thread_id: string;
  readonly checkpoint_ns: string;
  readonly checkpoint_id: string | null;
  readonly checkpoint_map: { [key: string]: JsonValue } | null;
}

/** The SDK's `Checkpoint` from a runnable config; null when the config names no checkpoint. */
export function checkpointOf(config: RunnableConfig | undefined): WireCheckpoint | null {
  const c = config?.configurable;
  if (!c || typeof c.thread_id !== "string" || typeof c.checkpoint_id !== "string") return null;
  return {
    thread_id: c.thread_id,
    checkpoint_ns: typeof c.checkpoint_ns === "string" ? c.checkpoint_ns : "",
    checkpoint_id: c.checkpoint_id,
    checkpoint_map:
      c.checkpoint_map !== null && typeof c.checkpoint_map === "object"
        ? toWireObject(c.checkpoint_map)
        : null,
  };
}

export interface WireThreadTask {
  readonly id: string;
  readonly name: string;
  readonly error: string | null;
  readonly interrupts: JsonValue[];
  readonly checkpoint: WireCheckpoint | null;
  readonly state: WireThreadState | null;
  readonly result: JsonValue;
}

export interface WireThreadState {
  readonly values: { [key: string]: JsonValue };
  readonly next: string[];
  readonly tasks: WireThreadTask[];
  readonly checkpoint: WireCheckpoint;
  readonly parent_checkpoint: WireCheckpoint | null;
  readonly metadata: { [key: string]: JsonValue };
  readonly created_at: string | null;
}

function isSnapshot(value: unknown): value is StateSnapshot {
  return value !== null && typeof value === "object" && "values" in value && "next" in value;
}

/** Task errors travel as a short message only (never a stack). */
function errorMessage(error: unknown): string | null {
  if (error === undefined || error === null) return null;
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  return "The task failed";
}

/**
 * A thread state (`GET /threads/:id/state`, one history item) from a LangGraph state snapshot. A thread
 * without checkpoints still gets a checkpoint naming the thread (with a null checkpoint_id).
 */
export function threadStateToWire(snapshot: StateSnapshot, threadId: string): WireThreadState {
  const metadata = toWireObject(snapshot.metadata ?? {});
  if (metadata.checkpoint_ns === "") delete metadata.checkpoint_ns;
  return {
    values: toWireObject(snapshot.values),
    next: [...snapshot.next],
    tasks: snapshot.tasks.map((task) => ({
      id: task.id,
      name: task.name,
      error: errorMessage(task.error),
      interrupts: task.interrupts.map((i) => toWire(i) ?? null),
      checkpoint: task.state !== undefined && !isSnapshot(task.state) ? checkpointOf(task.state) : null,
      state:
        task.state !== undefined && isSnapshot(task.state) ? threadStateToWire(task.state, threadId) : null,
      result: toWire(task.result) ?? null,
    })),
    checkpoint: checkpointOf(snapshot.config) ?? {
      thread_id: threadId,
      checkpoint_ns: "",
      checkpoint_id: null,
      checkpoint_map: null,
    },
    parent_checkpoint: checkpointOf(snapshot.parentConfig),
    metadata,
    created_at: snapshot.createdAt ?? null,
  };
}

export type WireThreadStatus = "idle" | "busy" | "interrupted" | "error";

export interface WireThread {
  readonly thread_id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly state_updated_at: string;
  readonly metadata: { [key: string]: JsonValue };
  readonly status: WireThreadStatus;
  readonly values: { [key: string]: JsonValue };
  readonly interrupts: Record<string, never>;
  readonly config: Record<string, never>;
  readonly error: null;
}

/** The fields of a stored thread this API shows (ThreadStore's ThreadRecord has them). */
export interface ThreadFields {
  readonly threadId: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The SDK's `Thread`: its metadata as given (a run adds `graph_id` and `assistant_id`, as the official server does). */
export function threadToWire(
  thread: ThreadFields,
  live: { status: WireThreadStatus; values: unknown },
): WireThread {
  return {
    thread_id: thread.threadId,
    created_at: thread.createdAt.toISOString(),
    updated_at: thread.updatedAt.toISOString(),
    state_updated_at: thread.updatedAt.toISOString(),
    metadata: toWireObject(thread.metadata),
    status: live.status,
    values: toWireObject(live.values),
    interrupts: {},
    config: {},
    error: null,
  };
}

/** Keeps only the selected top-level fields (the API's `select`); all of them when none is given. */
export function selectFields<T extends object>(item: T, select: readonly string[] | undefined): Partial<T> {
  if (!select || select.length === 0) return item;
  return Object.fromEntries(Object.entries(item).filter(([key]) => select.includes(key))) as Partial<T>;
}
