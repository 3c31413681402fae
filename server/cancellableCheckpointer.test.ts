import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { CancellableCheckpointer, RUN_ID_KEY } from "./cancellableCheckpointer.ts";

const State = Annotation.Root({ n: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }) });
const graphOn = (checkpointer: CancellableCheckpointer) =>
  new StateGraph(State)
    .addNode("a", () => ({ n: 1 }))
    .addNode("b", () => ({ n: 10 }))
    .addEdge(START, "a")
    .addEdge("a", "b")
    .addEdge("b", END)
    .compile({ checkpointer });

function setup() {
  const cancelled = new Set<string>();
  const sealed = new Set<string>();
  const inner = new MemorySaver();
  const saver = new CancellableCheckpointer(inner, {
    wasCancelled: (id) => cancelled.has(id),
    seal: (id) => (cancelled.has(id) ? false : (sealed.add(id), true)),
  });
  const history = async (threadId: string) => {
    const all = [];
    for await (const t of inner.list({ configurable: { thread_id: threadId } })) all.push(t);
    return all;
  };
  return { saver, cancelled, sealed, history, graph: graphOn(saver) };
}

const run = (runId: string) => ({
  configurable: { thread_id: "t", [RUN_ID_KEY]: runId },
  durability: "sync" as const,
});

describe("CancellableCheckpointer", () => {
  it("a staged run writes every step's checkpoint only at commit, with the run's metadata", async () => {
    const { saver, graph, history, sealed } = setup();
    saver.stage("r1", { run_id: "r1", source_of: "test" });
    await graph.invoke({ n: 100 }, run("r1"));
    expect(await history("t")).toHaveLength(0);
    expect(await saver.commit("r1")).toBe(true);
    expect(sealed.has("r1")).toBe(true);
    const saved = await history("t");
    // The input checkpoint, the first step, and one after each node.
    expect(saved.map((s) => s.metadata?.step)).toEqual([2, 1, 0, -1]);
    expect(saved.every((s) => s.metadata && (s.metadata as Record<string, unknown>).run_id === "r1")).toBe(
      true,
    );
    expect(saved[0]!.checkpoint.channel_values).toMatchObject({ n: 111 });
  });

  it("a cancelled staged run writes nothing at all", async () => {
    const { saver, graph, history, cancelled } = setup();
    saver.stage("r2");
    await graph.invoke({ n: 1 }, run("r2"));
    cancelled.add("r2");
    expect(await saver.commit("r2")).toBe(false);
    expect(await history("t")).toHaveLength(0);
  });

  it("an unstaged run writes as it goes, and nothing once cancelled", async () => {
    const { graph, history, cancelled } = setup();
    await graph.invoke(
      { n: 1 },
      { configurable: { thread_id: "t", [RUN_ID_KEY]: "r3" }, durability: "exit" },
    );
    expect(await history("t")).toHaveLength(1);
    cancelled.add("r4");
    await graph.invoke(
      { n: 1 },
      { configurable: { thread_id: "t", [RUN_ID_KEY]: "r4" }, durability: "exit" },
    );
    expect(await history("t")).toHaveLength(1);
  });
});
