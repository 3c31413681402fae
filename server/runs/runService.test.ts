import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { RuleClassifier } from "../../classifier/rules.ts";
import type { Classifier } from "../../classifier/types.ts";
import type { TurnRecord } from "../../graph/turnRecord.ts";
import { classification, fakeDeps, fakeRunConfig } from "../../test/support/fakes.ts";
import { memoryThreadStore } from "../../test/support/memoryThreadStore.ts";
import { createThreadRuns } from "../threadRuns.ts";
import { createRunService, type RunRequest } from "./runService.ts";

function setup(classifier: Classifier = new RuleClassifier()) {
  const checkpointer = new MemorySaver();
  const threads = memoryThreadStore();
  const runs = createThreadRuns();
  const recorded: TurnRecord[] = [];
  const observed: string[] = [];
  const audited: string[] = [];
  const errors: string[] = [];
  const service = createRunService({
    runtime: {
      deps: { ...fakeDeps().deps, classifier },
      checkpointer,
      recordTurn: (record) => void (record && recorded.push(record)),
      runConfig: fakeRunConfig({ plan: "p1" }),
    },
    threads,
    runs,
    metrics: { observeAnswer: (response) => void observed.push(response.intent) },
    audit: { record: (entry) => (audited.push(entry.event), Promise.resolve()) },
    logger: { warn: () => undefined, error: (_fields, message) => void errors.push(message) },
  });
  const request = (threadId: string, content: string, extra: Partial<RunRequest> = {}): RunRequest => ({
    caller: { userId: "u1", keyId: "k1", role: "user" },
    threadId,
    assistantId: "a1",
    input: { messages: [{ id: undefined, content }] },
    modes: [],
    strategy: "reject",
    ...extra,
  });
  const history = async (threadId: string) => {
    const all = [];
    for await (const t of checkpointer.list({ configurable: { thread_id: threadId } })) all.push(t);
    return all;
  };
  return { service, threads, runs, recorded, observed, audited, errors, request, history, checkpointer };
}

/** A classifier that holds its first call until released. */
function held(): { classifier: Classifier; release(): void; reached: Promise<void> } {
  let release: () => void = () => undefined;
  let reach: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (reach = resolve));
  let calls = 0;
  return {
    classifier: {
      classify: async () => {
        if (++calls === 1) {
          reach();
          await gate;
        }
        return {
          classification: classification({ intent: "GREETING", queryType: null, window: null }),
          source: "rules",
        };
      },
    },
    release: () => release(),
    reached,
  };
}

describe("run service", () => {
  it("a finished run is recorded once, counted, and leaves its thread idle, titled and naming the graph", async () => {
    const t = setup();
    await t.threads.create("u1", { threadId: "t1" });
    const outcome = await t.service.execute(t.request("t1", "ciao"));
    expect(outcome.status).toBe("success");
    expect(t.recorded).toHaveLength(1);
    expect(t.observed).toEqual(["GREETING"]);
    expect(await t.threads.get("u1", "t1")).toMatchObject({
      status: "idle",
      title: "ciao",
      metadata: { graph_id: "milhena", assistant_id: "a1" },
    });
    expect(t.service.registry.get("u1", "t1", outcome.runId)?.status).toBe("success");
  });

  it("every step is checkpointed when asked, each carrying the run's metadata but never a client's reserved keys", async () => {
    const t = setup();
    await t.threads.create("u1", { threadId: "t1" });
    const outcome = await t.service.execute(
      t.request("t1", "ciao", {
        everyStep: true,
        metadata: { source: "studio", user_id: "someone-else", run_id: "x" },
      }),
    );
    const saved = await t.history("t1");
    expect(saved.length).toBeGreaterThan(3);
    expect(saved.at(-1)?.metadata?.source).toBe("input");
    for (const tuple of saved) {
      const metadata = tuple.metadata as Record<string, unknown>;
      expect(metadata).toMatchObject({
        source: expect.any(String) as string,
        run_id: outcome.runId,
        thread_id: "t1",
      });
      expect(metadata.prompt_versions).toEqual({ plan: "p1" });
      expect(metadata.user_id).not.toBe("someone-else");
    }
    // The client's own key is kept on the run.
    expect(t.service.registry.get("u1", "t1", outcome.runId)?.metadata).toEqual({ source: "studio" });
  });

  it("a failed run reports LangGraph's error by name, marks the thread error, and records nothing", async () => {
    const t = setup();
    await t.threads.create("u1", { threadId: "t1" });
    const outcome = await t.service.execute(
      t.request("t1", "ciao", { recursionLimit: 1, requestId: "req-9" }),
    );
    expect(outcome).toMatchObject({ status: "error", publicError: { error: "GraphRecursionError" } });
    expect((await t.threads.get("u1", "t1"))?.status).toBe("error");
    expect(t.recorded).toEqual([]);
    expect(t.errors).toEqual(["run failed"]);
  });

  it("a second run under reject is refused before it starts and leaves no record", async () => {
    const gate = held();
    const t = setup(gate.classifier);
    await t.threads.create("u1", { threadId: "t1" });
    const first = t.service.execute(t.request("t1", "first"));
    await gate.reached;
    await expect(t.service.execute(t.request("t1", "second"))).rejects.toMatchObject({ status: 409 });
    gate.release();
    await first;
    expect(t.service.registry.list("u1", "t1", { limit: 10, offset: 0 })).toHaveLength(1);
  });

  it("a cancelled run saves nothing, and a thread made for it is taken away", async () => {
    const gate = held();
    const t = setup(gate.classifier);
    await t.threads.create("u1", { threadId: "t1" });
    const client = new AbortController();
    let accepted = "";
    const outcome = t.service.execute(
      t.request("t1", "ciao", { everyStep: true, createdThread: true, signal: client.signal }),
      { onAccepted: (record) => (accepted = record.runId) },
    );
    await gate.reached;
    expect(t.service.cancel("u2", "t1", accepted)).toBe(false);
    client.abort();
    gate.release();
    expect((await outcome).status).toBe("interrupted");
    expect(await t.history("t1")).toEqual([]);
    expect(await t.threads.get("u1", "t1")).toBeNull();
    expect(t.recorded).toEqual([]);
    expect(t.service.registry.get("u1", "t1", accepted)).toBeNull();
  });
});
