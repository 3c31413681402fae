import { z } from "zod";
import { MAX_QUESTION_LENGTH } from "../../nodes/question.ts";
import { ThreadIdSchema } from "../threadId.ts";

/** Request schemas of the Agent Server API subset (bodies, params, query strings). */

const metadataSchema = z.record(z.string(), z.unknown()).refine((m) => JSON.stringify(m).length <= 16_384, {
  message: "metadata must be at most 16 KB of JSON",
});

export const runIdSchema = z.uuid();

const pagination = {
  limit: z.number().int().min(1).max(1000).default(10),
  offset: z.number().int().min(0).max(1_000_000).default(0),
};

export const AssistantSearchBody = z.object({
  graph_id: z.string().max(200).nullish(),
  name: z.string().max(200).nullish(),
  metadata: metadataSchema.nullish(),
  ...pagination,
  sort_by: z.enum(["assistant_id", "graph_id", "name", "created_at", "updated_at"]).nullish(),
  sort_order: z.enum(["asc", "desc"]).nullish(),
  select: z.array(z.string().max(100)).max(20).nullish(),
});

export const GraphQuery = z.object({
  xray: z
    .union([z.enum(["true", "false"]), z.string().regex(/^\d{1,2}$/)])
    .optional()
    .transform((v): boolean | number | undefined =>
      v === undefined ? undefined : v === "true" ? true : v === "false" ? false : Number(v),
    ),
});

export const ThreadCreateBody = z.object({
  thread_id: ThreadIdSchema.nullish(),
  metadata: metadataSchema.nullish(),
  if_exists: z.enum(["raise", "do_nothing"]).nullish(),
  /** Seeding a thread with state updates is not supported here: only absent or empty. */
  supersteps: z.array(z.unknown()).max(0, "supersteps are not supported by this server").nullish(),
  ttl: z.unknown().optional(),
});

export const ThreadSearchBody = z.object({
  metadata: metadataSchema.nullish(),
  ids: z.array(ThreadIdSchema).max(1000).nullish(),
  status: z.enum(["idle", "busy", "interrupted", "error"]).nullish(),
  values: z.record(z.string(), z.unknown()).nullish(),
  ...pagination,
  sort_by: z.enum(["thread_id", "status", "created_at", "updated_at", "state_updated_at"]).nullish(),
  sort_order: z.enum(["asc", "desc"]).nullish(),
  select: z.array(z.string().max(100)).max(20).nullish(),
});

const checkpointRef = z.object({
  checkpoint_id: z.string().max(200).nullish(),
  checkpoint_ns: z.string().max(200).nullish(),
  checkpoint_map: z.record(z.string(), z.unknown()).nullish(),
  thread_id: z.string().max(200).nullish(),
});

/** A state update: only the conversation's messages can be edited (what Studio's "edit" changes). */
const editedMessage = z
  .object({
    type: z.enum(["human", "ai"]),
    content: z.string().min(1).max(MAX_QUESTION_LENGTH),
    id: z.string().max(200).nullish(),
  })
  .transform((m) => ({ type: m.type, content: m.content, ...(m.id ? { id: m.id } : {}) }));

export const StateUpdateBody = z.object({
  values: z.object({ messages: z.array(editedMessage).min(1).max(50) }).strict(),
  as_node: z.string().max(100).nullish(),
  checkpoint_id: z.string().max(200).nullish(),
  checkpoint: checkpointRef.nullish(),
});

export const StateAtCheckpointBody = z.object({
  checkpoint: checkpointRef,
  subgraphs: z.boolean().nullish(),
});

export const ThreadPatchBody = z.object({ metadata: metadataSchema });

export const RunListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(10),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  status: z.enum(["pending", "running", "success", "error", "timeout", "interrupted"]).optional(),
});

export const HistoryBody = z.object({
  limit: z.number().int().min(1).max(1000).default(10),
  before: z
    .union([
      z.string().max(200),
      z.object({ configurable: z.object({ checkpoint_id: z.string().max(200) }) }),
    ])
    .nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  checkpoint: z.object({ checkpoint_id: z.string().max(200).nullish() }).nullish(),
  select: z.array(z.string().max(100)).max(20).nullish(),
});

const textPart = z.object({ type: z.literal("text"), text: z.string() });

/** One user message: LangChain's chat convention (`role: "user"`) or its message dict (`type: "human"`). */
const userMessage = z
  .object({
    role: z.enum(["user", "human"]).optional(),
    type: z.enum(["human", "user"]).optional(),
    content: z.union([z.string(), z.array(textPart).min(1).max(50)]),
    id: z.string().max(200).optional(),
  })
  .refine((m) => m.role !== undefined || m.type !== undefined, {
    message: 'a message needs role "user" (or type "human")',
  })
  .transform((m) => ({
    id: m.id,
    content: typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join(""),
  }))
  .refine((m) => m.content.trim().length >= 1, { message: "the question is empty", path: ["content"] })
  .refine((m) => m.content.length <= MAX_QUESTION_LENGTH, {
    message: `the question is longer than ${MAX_QUESTION_LENGTH} characters`,
    path: ["content"],
  });

export const RunInput = z.object({
  messages: z.array(userMessage).length(1, "send exactly one new user message per run"),
});
export type RunInput = z.infer<typeof RunInput>;

/** The stream modes a client may ask for; only values, updates and messages-tuple produce events here. */
const STREAM_MODES = [
  "values",
  "updates",
  "messages-tuple",
  "messages",
  "events",
  "debug",
  "tasks",
  "checkpoints",
  "custom",
  "tools",
  "lifecycle",
] as const;
export const SUPPORTED_STREAM_MODES = ["values", "updates", "messages-tuple"] as const;
export type SupportedStreamMode = (typeof SUPPORTED_STREAM_MODES)[number];

const notSupported = (what: string) =>
  z
    .unknown()
    .refine((v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0), {
      message: `${what} is not supported by this server`,
    })
    .optional();

export const RunCreateBody = z.object({
  assistant_id: z.string().min(1).max(200),
  /** null (or absent) runs on from the checkpoint without a new message (Studio's "rerun from here"). */
  input: RunInput.nullish(),
  /** Accepted for compatibility; thread_id and user_id always come from the route and the API key. */
  config: z
    .object({
      tags: z.array(z.string().max(100)).max(20).optional(),
      recursion_limit: z.number().int().min(1).max(100).optional(),
      configurable: z.record(z.string(), z.unknown()).optional(),
    })
    .nullish(),
  metadata: metadataSchema.nullish(),
  stream_mode: z
    .union([z.enum(STREAM_MODES), z.array(z.enum(STREAM_MODES)).max(STREAM_MODES.length)])
    .nullish()
    .transform((m): SupportedStreamMode[] => {
      const modes = m === null || m === undefined ? ["values"] : Array.isArray(m) ? m : [m];
      const requested = modes.length === 0 ? ["values"] : modes;
      return SUPPORTED_STREAM_MODES.filter((mode) => requested.includes(mode));
    }),
  multitask_strategy: z.enum(["reject", "enqueue", "interrupt", "rollback"]).nullish(),
  if_not_exists: z.enum(["create", "reject"]).nullish(),
  on_disconnect: z.enum(["cancel", "continue"]).nullish(),
  command: notSupported("command (resuming an interrupt)"),
  /** The checkpoint to run from: the head runs as usual (the SDK's useStream sends it), an earlier one forks. */
  checkpoint: z
    .object({
      checkpoint_id: z.string().max(200).nullish(),
      checkpoint_ns: z.string().max(200).nullish(),
      checkpoint_map: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
  checkpoint_id: z.string().max(200).nullish(),
  interrupt_before: notSupported("interrupt_before"),
  interrupt_after: notSupported("interrupt_after"),
  webhook: notSupported("webhook"),
  after_seconds: notSupported("after_seconds"),
});
export type RunCreateBody = z.infer<typeof RunCreateBody>;

export const CancelQuery = z.object({
  wait: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  action: z.enum(["interrupt", "rollback"]).optional(),
  reason: z.string().max(500).optional(),
});

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: string };

/** Parses with `schema`; on failure names the first problems (paths and messages, never the input). */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  return { ok: false, problems };
}
