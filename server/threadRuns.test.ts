import { describe, expect, it } from "vitest";
import { ApiError } from "./errors.ts";
import { createThreadRuns } from "./threadRuns.ts";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("thread runs", () => {
  it("rejects a second run on a busy thread with 409, and allows other threads", async () => {
    const runs = createThreadRuns();
    const gate = deferred();
    const first = runs.run("t1", "reject", () => gate.promise);
    expect(runs.isBusy("t1")).toBe(true);
    await expect(runs.run("t1", "reject", () => Promise.resolve())).rejects.toMatchObject({ status: 409 });
    await expect(runs.run("t2", "reject", () => Promise.resolve("other"))).resolves.toBe("other");
    gate.resolve();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(runs.isBusy("t1")).toBe(false);
  });

  it("enqueued runs wait their turn, in order, never interleaving", async () => {
    const runs = createThreadRuns();
    const log: string[] = [];
    const step = (name: string) => async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name} end`);
    };
    await Promise.all([
      runs.run("t", "enqueue", step("a")),
      runs.run("t", "enqueue", step("b")),
      runs.run("t", "enqueue", step("c")),
    ]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("cancels the active run through its signal, and a queued one before it starts", async () => {
    const runs = createThreadRuns();
    const active = runs.run(
      "t",
      "enqueue",
      (signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener("abort", () => reject(new Error("aborted"))),
        ),
      "run-1",
    );
    let started = false;
    const queued = runs.run("t", "enqueue", () => ((started = true), Promise.resolve()), "run-2");
    await new Promise((r) => setTimeout(r, 0)); // run-1 has started, run-2 waits
    expect(runs.cancel("t", "run-2")).toBe(true);
    expect(runs.cancel("t", "run-1")).toBe(true);
    await expect(active).rejects.toThrow("aborted");
    await expect(queued).rejects.toBeInstanceOf(ApiError);
    expect(started).toBe(false);
    expect(runs.cancel("t", "unknown")).toBe(false);
  });

  it("remembers which runs were cancelled, and only those", async () => {
    const runs = createThreadRuns();
    const gate = deferred();
    const done = runs.run("t", "reject", () => gate.promise, "run-1"); // ignores its signal
    await new Promise((r) => setTimeout(r, 0));
    expect(runs.wasCancelled("run-1")).toBe(false);
    expect(runs.cancel("t", "run-1")).toBe(true);
    expect(runs.wasCancelled("run-1")).toBe(true);
    expect(runs.cancel("t", "unknown")).toBe(false);
    expect(runs.wasCancelled("unknown")).toBe(false);
    gate.resolve();
    await done;
  });

  it("a run is either saved or cancelled: once sealed for its save, a cancel no longer counts", async () => {
    const runs = createThreadRuns();
    const gate = deferred();
    const cancelledFirst = runs.run("t", "reject", () => gate.promise, "run-1");
    await new Promise((r) => setTimeout(r, 0));
    expect(runs.cancel("t", "run-1")).toBe(true);
    expect(runs.seal("run-1")).toBe(false);
    gate.resolve();
    await cancelledFirst;

    const second = deferred();
    const sealedFirst = runs.run("u", "reject", () => second.promise, "run-2");
    await new Promise((r) => setTimeout(r, 0));
    expect(runs.seal("run-2")).toBe(true);
    expect(runs.cancel("u", "run-2")).toBe(false);
    expect(runs.wasCancelled("run-2")).toBe(false);
    second.resolve();
    await sealedFirst;
  });

  it("stop cancels the active and queued runs of a thread and resolves once they have finished", async () => {
    const runs = createThreadRuns();
    const log: string[] = [];
    const slow = (name: string) => (signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        log.push(`${name} start`);
        // Finishes a little after it is told to stop, as a graph node would.
        signal.addEventListener("abort", () => setTimeout(() => (log.push(`${name} end`), resolve()), 10));
      });
    const first = runs.run("t", "enqueue", slow("a"), "run-a");
    const second = runs.run("t", "enqueue", slow("b"), "run-b").catch((e: unknown) => e);
    const other = runs.run("u", "reject", () => Promise.resolve("untouched"));
    await new Promise((r) => setTimeout(r, 0));
    await runs.stop("t");
    expect(log).toEqual(["a start", "a end"]);
    expect(runs.isBusy("t")).toBe(false);
    expect([runs.wasCancelled("run-a"), runs.wasCancelled("run-b")]).toEqual([true, true]);
    await first;
    expect(await second).toBeInstanceOf(ApiError);
    await expect(other).resolves.toBe("untouched");
    await runs.stop("idle-thread");
  });

  it("drain waits for every run", async () => {
    const runs = createThreadRuns();
    let done = 0;
    void runs.run("a", "reject", () => new Promise<void>((r) => setTimeout(() => (done++, r()), 20)));
    void runs.run("b", "reject", () => new Promise<void>((r) => setTimeout(() => (done++, r()), 10)));
    await runs.drain();
    expect(done).toBe(2);
  });
});
