import { MAX_QUESTION_LENGTH } from "../../nodes/question.ts";
import { describe, expect, it } from "vitest";
import {
  CancelQuery,
  GraphQuery,
  HistoryBody,
  parseWith,
  RunCreateBody,
  ThreadCreateBody,
  ThreadSearchBody,
} from "./requests.ts";
import { ThreadIdSchema } from "../threadId.ts";

const run = (body: Record<string, unknown>) => parseWith(RunCreateBody, { assistant_id: "milhena", ...body });
const input = (content: unknown, extra: Record<string, unknown> = { role: "user" }) => ({
  messages: [{ ...extra, content }],
});

describe("RunCreateBody", () => {
  it("accepts the chat convention and LangChain's message dict", () => {
    const a = run({ input: input("how many runs today?") });
    const b = run({ input: input("quante email oggi?", { type: "human", id: "m1" }) });
    expect(a).toMatchObject({
      ok: true,
      value: { input: { messages: [{ content: "how many runs today?" }] } },
    });
    expect(b).toMatchObject({
      ok: true,
      value: { input: { messages: [{ content: "quante email oggi?", id: "m1" }] } },
    });
  });

  it("joins text content parts", () => {
    const r = run({
      input: input([
        { type: "text", text: "ciao " },
        { type: "text", text: "Milhena" },
      ]),
    });
    expect(r).toMatchObject({ ok: true, value: { input: { messages: [{ content: "ciao Milhena" }] } } });
  });

  it("accepts no input (a run on from a checkpoint) as null", () => {
    for (const body of [{}, { input: null }]) {
      const r = run(body);
      expect(r.ok).toBe(true);
      expect(r.ok && (r.value.input ?? null)).toBeNull();
    }
  });

  it("bounds the question to 1–10,000 characters", () => {
    expect(run({ input: input("x".repeat(MAX_QUESTION_LENGTH)) }).ok).toBe(true);
    const problems = (body: Record<string, unknown>) => {
      const r = run(body);
      return r.ok ? "" : r.problems;
    };
    expect(problems({ input: input("x".repeat(MAX_QUESTION_LENGTH + 1)) })).toContain("10000 characters");
    expect(problems({ input: input("   ") })).toContain("empty");
  });

  it.each([
    ["input that is not an object", { input: "hello" }],
    ["a message without a role", { input: { messages: [{ content: "x" }] } }],
    ["an assistant message", { input: input("x", { role: "assistant" }) }],
    ["two messages", { input: { messages: [input("a").messages[0], input("b").messages[0]] } }],
    ["a number as content", { input: input(42) }],
    ["an unknown stream mode", { input: input("x"), stream_mode: "everything" }],
    ["an unknown multitask strategy", { input: input("x"), multitask_strategy: "queue" }],
    ["a resume command", { input: input("x"), command: { resume: "yes" } }],
  ])("rejects %s", (_what, body) => {
    expect(run(body).ok).toBe(false);
  });

  it("accepts the checkpoint a run starts from (whether it is the head is the router's to check)", () => {
    const r = run({
      input: input("x"),
      checkpoint: { checkpoint_id: "1f0", checkpoint_ns: "", checkpoint_map: null },
    });
    expect(r.ok && r.value.checkpoint?.checkpoint_id).toBe("1f0");
    expect(run({ input: input("x"), checkpoint: { checkpoint_id: "x".repeat(201) } }).ok).toBe(false);
  });

  it("keeps the supported stream modes in a fixed order, values by default", () => {
    const modes = (stream_mode: unknown) => {
      const r = run({ input: input("x"), stream_mode });
      return r.ok ? r.value.stream_mode : r.problems;
    };
    expect(modes(undefined)).toEqual(["values"]);
    expect(modes([])).toEqual(["values"]);
    expect(modes("updates")).toEqual(["updates"]);
    expect(modes(["messages-tuple", "values", "debug"])).toEqual(["values", "messages-tuple"]);
    expect(modes(["debug"])).toEqual([]);
  });

  it("ignores user_id sent in the config (it always comes from the API key)", () => {
    const r = run({ input: input("x"), config: { configurable: { user_id: "someone-else" } } });
    expect(r.ok).toBe(true);
  });
});

describe("other bodies and queries", () => {
  it("thread create: if_exists values, no supersteps", () => {
    expect(parseWith(ThreadCreateBody, { if_exists: "do_nothing", metadata: { a: 1 } }).ok).toBe(true);
    expect(parseWith(ThreadCreateBody, { if_exists: "update" }).ok).toBe(false);
    expect(parseWith(ThreadCreateBody, { supersteps: [{ updates: [] }] }).ok).toBe(false);
    expect(parseWith(ThreadCreateBody, { metadata: { big: "x".repeat(20_000) } }).ok).toBe(false);
  });

  it("thread search: pagination defaults and bounds", () => {
    expect(parseWith(ThreadSearchBody, {})).toMatchObject({ ok: true, value: { limit: 10, offset: 0 } });
    expect(parseWith(ThreadSearchBody, { limit: 0 }).ok).toBe(false);
    expect(parseWith(ThreadSearchBody, { limit: 5000 }).ok).toBe(false);
    expect(parseWith(ThreadSearchBody, { offset: -1 }).ok).toBe(false);
  });

  it("history: before as a checkpoint id or a config", () => {
    expect(parseWith(HistoryBody, { limit: 3, before: "c1" })).toMatchObject({
      ok: true,
      value: { limit: 3 },
    });
    expect(parseWith(HistoryBody, { before: { configurable: { checkpoint_id: "c1" } } }).ok).toBe(true);
    expect(parseWith(HistoryBody, { limit: "3" }).ok).toBe(false);
  });

  it("graph xray and cancel query strings", () => {
    expect(parseWith(GraphQuery, { xray: "true" })).toEqual({ ok: true, value: { xray: true } });
    expect(parseWith(GraphQuery, { xray: "2" })).toEqual({ ok: true, value: { xray: 2 } });
    expect(parseWith(GraphQuery, {})).toEqual({ ok: true, value: { xray: undefined } });
    expect(parseWith(GraphQuery, { xray: "yes" }).ok).toBe(false);
    expect(parseWith(CancelQuery, { wait: "1", action: "interrupt" })).toMatchObject({
      ok: true,
      value: { wait: true },
    });
    expect(parseWith(CancelQuery, {})).toMatchObject({ ok: true, value: { wait: false } });
    expect(parseWith(CancelQuery, { action: "delete" }).ok).toBe(false);
  });

  it("thread ids: UUIDs and short ids, nothing that could smuggle a path", () => {
    expect(ThreadIdSchema.safeParse("3f1c4a52-6c1e-4b8e-9b55-1f0a3d2c4b5a").success).toBe(true);
    expect(ThreadIdSchema.safeParse("cli-thread_1").success).toBe(true);
    expect(ThreadIdSchema.safeParse("../etc").success).toBe(false);
    expect(ThreadIdSchema.safeParse("a b").success).toBe(false);
    expect(ThreadIdSchema.safeParse("x".repeat(129)).success).toBe(false);
  });
});
