import { describe, expect, it } from "vitest";
import { createRunRegistry } from "./runRegistry.ts";

const run = (runId: string, threadId = "t1", userId = "u1") => ({
  runId,
  threadId,
  userId,
  assistantId: "a",
  metadata: {},
  multitaskStrategy: "reject" as const,
});

describe("run registry", () => {
  it("records a run as pending, then its status; only its owner on its thread sees it", () => {
    const registry = createRunRegistry();
    expect(registry.add(run("r1")).status).toBe("pending");
    registry.update("r1", "running");
    expect(registry.get("u1", "t1", "r1")?.status).toBe("running");
    expect(registry.get("u2", "t1", "r1")).toBeNull();
    expect(registry.get("u1", "t2", "r1")).toBeNull();
    registry.update("r1", "error", { error: "GraphRecursionError", message: "limit" });
    expect(registry.get("u1", "t1", "r1")).toMatchObject({
      status: "error",
      error: { error: "GraphRecursionError" },
    });
  });

  it("lists a thread's runs newest first, filtered by status, paged", () => {
    const registry = createRunRegistry();
    for (const id of ["r1", "r2", "r3"]) registry.add(run(id));
    registry.add(run("other", "t2"));
    registry.update("r2", "success");
    expect(registry.list("u1", "t1", { limit: 10, offset: 0 }).map((r) => r.runId)).toEqual([
      "r3",
      "r2",
      "r1",
    ]);
    expect(registry.list("u1", "t1", { limit: 1, offset: 1 }).map((r) => r.runId)).toEqual(["r2"]);
    expect(
      registry.list("u1", "t1", { limit: 10, offset: 0, status: "success" }).map((r) => r.runId),
    ).toEqual(["r2"]);
    expect(registry.list("u2", "t1", { limit: 10, offset: 0 })).toEqual([]);
  });

  it("finished() resolves when the run ends, at once for an unknown one", async () => {
    const registry = createRunRegistry();
    registry.add(run("r1"));
    let ended = false;
    const waiting = registry.finished("r1").then(() => (ended = true));
    registry.update("r1", "running");
    await Promise.resolve();
    expect(ended).toBe(false);
    registry.update("r1", "interrupted");
    await waiting;
    expect(ended).toBe(true);
    await registry.finished("unknown");
  });

  it("keeps at most the newest ended runs per thread; never drops a run still going", () => {
    const registry = createRunRegistry({ perThread: 2, total: 100 });
    registry.add(run("going"));
    for (const id of ["a", "b", "c"]) {
      registry.add(run(id));
      registry.update(id, "success");
    }
    const ids = registry.list("u1", "t1", { limit: 10, offset: 0 }).map((r) => r.runId);
    expect(ids).toContain("going");
    expect(ids).toContain("c");
    expect(ids).not.toContain("a");
  });

  it("forgets a rejected run and a deleted thread's runs", () => {
    const registry = createRunRegistry();
    registry.add(run("rejected"));
    registry.forgetRun("rejected");
    expect(registry.get("u1", "t1", "rejected")).toBeNull();
    registry.add(run("r1"));
    registry.forgetThread("t1");
    expect(registry.list("u1", "t1", { limit: 10, offset: 0 })).toEqual([]);
  });
});
