import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { compileMilhenaGraph } from "../../graph/builder.ts";
import { RuleClassifier } from "../../classifier/rules.ts";
import { fakeDeps } from "../../test/support/fakes.ts";
import {
  checkpointOf,
  messageToDict,
  selectFields,
  threadStateToWire,
  threadToWire,
  toWire,
} from "./wire.ts";

describe("toWire", () => {
  it("turns LangChain messages into the SDK's message dicts, deep inside any value", () => {
    const wire = toWire({
      messages: [
        new HumanMessage({ content: "ciao", id: "h1" }),
        new AIMessage({ content: "Ciao!", id: "a1" }),
      ],
      at: new Date("2026-11-23T08:00:00Z"),
      n: 3n,
      skip: undefined,
      f: () => 1,
      list: [undefined, Number.NaN],
    });
    expect(wire).toEqual({
      messages: [
        { type: "human", content: "ciao", id: "h1", additional_kwargs: {}, response_metadata: {} },
        expect.objectContaining({ type: "ai", content: "Ciao!", id: "a1", tool_calls: [] }),
      ],
      at: "2026-11-23T08:00:00.000Z",
      n: "3",
      list: [null, null],
    });
  });

  it("messageToDict keeps the id even when the message has none in its fields", () => {
    expect(messageToDict(new HumanMessage("x"))).toMatchObject({ type: "human", content: "x", id: null });
  });
});

describe("checkpointOf", () => {
  it("reads the checkpoint from a runnable config", () => {
    expect(checkpointOf({ configurable: { thread_id: "t", checkpoint_id: "c", checkpoint_ns: "" } })).toEqual(
      {
        thread_id: "t",
        checkpoint_ns: "",
        checkpoint_id: "c",
        checkpoint_map: null,
      },
    );
  });

  it("is null when the config names no checkpoint", () => {
    expect(checkpointOf(undefined)).toBeNull();
    expect(checkpointOf({ configurable: { thread_id: "t" } })).toBeNull();
  });
});

describe("threadStateToWire", () => {
  const graph = compileMilhenaGraph(
    { ...fakeDeps().deps, classifier: new RuleClassifier() },
    new MemorySaver(),
  );
  const config = { configurable: { thread_id: "t1", user_id: "u1" } };

  it("serializes an empty thread with a checkpoint naming the thread", async () => {
    const wire = threadStateToWire(await graph.getState({ configurable: { thread_id: "none" } }), "none");
    expect(wire).toMatchObject({
      next: [],
      tasks: [],
      checkpoint: { thread_id: "none", checkpoint_ns: "", checkpoint_id: null },
      parent_checkpoint: null,
    });
  });

  it("serializes a finished turn the way the SDK's ThreadState reads it", async () => {
    await graph.invoke({ messages: [{ role: "user", content: "hello" }] }, config);
    await graph.invoke({ messages: [{ role: "user", content: "thanks" }] }, config);
    const snapshot = await graph.getState(config);
    const wire = threadStateToWire(snapshot, "t1");
    const roundTrip = JSON.parse(JSON.stringify(wire)) as typeof wire;
    expect(roundTrip).toEqual(wire);
    expect(wire.next).toEqual([]);
    expect(wire.checkpoint.checkpoint_id).toBe(snapshot.config.configurable?.checkpoint_id);
    expect(wire.parent_checkpoint?.checkpoint_id).toBe(snapshot.parentConfig?.configurable?.checkpoint_id);
    expect(wire.metadata).toMatchObject({ source: "loop" });
    expect(wire.created_at).toBe(snapshot.createdAt);
    const messages = wire.values.messages as { type: string; content: string }[];
    expect(messages.map((m) => m.type)).toEqual(["human", "ai", "human", "ai"]);
    expect(messages[2]!.content).toBe("thanks");
    expect((wire.values.response as { answer: string }).answer).toBe(messages[3]!.content);
  });

  it("serializes pending tasks of an unfinished step", async () => {
    const history = [];
    for await (const s of graph.getStateHistory(config)) history.push(s);
    const pending = history.find((s) => s.next.length > 0)!;
    const wire = threadStateToWire(pending, "t1");
    expect(wire.tasks.map((t) => t.name)).toEqual(pending.next);
    expect(wire.tasks[0]).toMatchObject({ error: null, interrupts: [], state: null });
  });
});

describe("threadToWire and selectFields", () => {
  const record = {
    threadId: "t1",
    userId: "u1",
    title: null,
    metadata: { source: "studio" },
    status: "idle" as const,
    createdAt: new Date("2026-11-23T08:00:00Z"),
    updatedAt: new Date("2026-11-23T08:05:00Z"),
  };

  it("shows a stored thread as the SDK's Thread, its metadata as given", () => {
    const wire = threadToWire(record, { status: "busy", values: { messages: [new HumanMessage("q")] } });
    expect(wire).toMatchObject({
      thread_id: "t1",
      created_at: "2026-11-23T08:00:00.000Z",
      updated_at: "2026-11-23T08:05:00.000Z",
      state_updated_at: "2026-11-23T08:05:00.000Z",
      metadata: { source: "studio" },
      status: "busy",
      values: { messages: [{ type: "human", content: "q" }] },
      interrupts: {},
    });
    expect(wire).not.toHaveProperty("userId");
    expect(wire).not.toHaveProperty("user_id");
  });

  it("selects fields", () => {
    const wire = threadToWire(record, { status: "idle", values: {} });
    expect(selectFields(wire, ["thread_id", "status"])).toEqual({ thread_id: "t1", status: "idle" });
    expect(selectFields(wire, undefined)).toBe(wire);
  });
});
