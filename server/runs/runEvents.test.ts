import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it, vi } from "vitest";
import { RuleClassifier } from "../../classifier/rules.ts";
import type { Classifier } from "../../classifier/types.ts";
import { compileMilhenaGraph } from "../../graph/builder.ts";
import { CancellableCheckpointer } from "../cancellableCheckpointer.ts";
import { classification, fakeDeps } from "../../test/support/fakes.ts";
import type { SupportedStreamMode } from "../agentServer/requests.ts";
import { runEvents, type RunRequest } from "./runEvents.ts";
import type { SseEvent } from "../sse.ts";
import { toWire } from "../agentServer/wire.ts";

function setup(classifier: Classifier = new RuleClassifier()) {
  const cancelled = new Set<string>();
  const consulted: string[] = [];
  const wasCancelled = (runId: string) => {
    consulted.push(runId);
    return cancelled.has(runId);
  };
  const saver = new CancellableCheckpointer(new MemorySaver(), {
    wasCancelled,
    seal: (runId) => !wasCancelled(runId),
  });
  const graph = compileMilhenaGraph({ ...fakeDeps().deps, classifier }, saver);
  return { graph, cancelled, consulted };
}

function request(
  question: string,
  modes: SupportedStreamMode[],
  signal = new AbortController().signal,
  runId = "00000000-0000-4000-8000-000000000001",
): RunRequest {
  return {
    threadId: "t1",
    userId: "u1",
    runId,
    input: { messages: [{ id: undefined, content: question }] },
    modes,
    signal,
  };
}

async function collect(gen: AsyncGenerator<SseEvent, unknown>) {
  const events: SseEvent[] = [];
  let step = await gen.next();
  while (!step.done) {
    events.push(step.value);
    step = await gen.next();
  }
  return { events, result: step.value };
}

describe("runEvents", () => {
  it("values: the whole state after each step, the last one with the answer", async () => {
    const { graph } = setup();
    const { events, result } = await collect(runEvents(graph, request("hello", ["values"])));
    expect(events.length).toBeGreaterThan(2);
    expect(new Set(events.map((e) => e.event))).toEqual(new Set(["values"]));
    const last = toWire(events.at(-1)!.data) as { messages: { type: string; content: string }[] };
    expect(last.messages.map((m) => m.type)).toEqual(["human", "ai"]);
    expect(last.messages[0]!.content).toBe("hello");
    expect(result).toMatchObject({ response: { intent: "GREETING", threadId: "t1" } });
  });

  it("updates: one event per node, named by the node", async () => {
    const { graph } = setup();
    const { events } = await collect(runEvents(graph, request("hello", ["updates"])));
    const nodes = events.map((e) => Object.keys(e.data as object)[0]);
    expect(events.every((e) => e.event === "updates")).toBe(true);
    expect(nodes).toEqual(["cacheCheck", "classify", "respond", "persistMemory"]);
  });

  it("messages-tuple: the answer as [message, metadata] with the node that wrote it", async () => {
    const { graph } = setup();
    const { events, result } = await collect(runEvents(graph, request("hello", ["messages-tuple"])));
    expect(events.map((e) => e.event)).toEqual(["messages"]);
    const [message, metadata] = toWire(events[0]!.data) as [
      { type: string; content: string },
      Record<string, unknown>,
    ];
    expect(message.type).toBe("ai");
    expect(message.content).toBe((result as { response: { answer: string } }).response.answer);
    expect(metadata).toMatchObject({ langgraph_node: "persistMemory", thread_id: "t1" });
    expect(Object.keys(metadata).some((k) => k.startsWith("__"))).toBe(false);
  });

  it("no events when nobody streams, still the final values; user_id comes from the request", async () => {
    const seen: string[] = [];
    const { graph } = setup({
      classify: (question) => {
        seen.push(question);
        return Promise.resolve({
          classification: classification({ intent: "GREETING", queryType: null, window: null }),
          source: "rules" as const,
        });
      },
    });
    const { events, result } = await collect(runEvents(graph, request("hi there", [])));
    expect(events).toEqual([]);
    expect(seen).toEqual(["hi there"]);
    expect(result).toMatchObject({ context: { userId: "u1", threadId: "t1" } });
  });

  it("a cancelled run throws and leaves the thread's last checkpoint as it was", async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const { graph, cancelled, consulted } = setup({
      classify: async () => {
        calls++;
        if (calls === 2) await blocked;
        return {
          classification: classification({ intent: "GREETING", queryType: null, window: null }),
          source: "rules" as const,
        };
      },
    });
    await collect(runEvents(graph, request("first", [])));
    const before = await graph.getState({ configurable: { thread_id: "t1" } });

    const controller = new AbortController();
    const runId = "00000000-0000-4000-8000-000000000002";
    const gen = runEvents(graph, request("second", ["updates"], controller.signal, runId));
    const first = await gen.next();
    expect(first.value).toMatchObject({ event: "updates" });
    cancelled.add(runId);
    controller.abort();
    await expect(collect(gen)).rejects.toThrow(/abort/i);
    // The blocked node finishes after the cancel; the loop then winds down and tries to checkpoint.
    release();
    await vi.waitFor(() => expect(consulted).toContain(runId));

    const after = await graph.getState({ configurable: { thread_id: "t1" } });
    expect(after.config.configurable?.checkpoint_id).toBe(before.config.configurable?.checkpoint_id);
    expect(toWire(after.values)).toEqual(toWire(before.values));
  });
});
