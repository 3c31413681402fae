import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cancelOwnQueries,
  shutdown,
  shutdownPhases,
  trackInFlight,
  type InFlightRequests,
  type ShutdownOptions,
} from "./shutdown.ts";

const never = () => new Promise<never>(() => undefined);

/** A fake of everything shutdown touches, recording the order of its calls. */
function fakes(overrides: Partial<ShutdownOptions> & { busy?: boolean } = {}) {
  const calls: string[] = [];
  const lines: { level: string; fields: Record<string, unknown> }[] = [];
  let count = overrides.busy ? 1 : 0;
  let release: (() => void) | null = null;
  const idle = overrides.busy ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  const inFlight: InFlightRequests = {
    get count() {
      return count;
    },
    drain: () => calls.push("inFlight.drain"),
    idle: () => idle,
  };
  const finish = () => {
    count = 0;
    release?.();
  };
  const log = (level: string) => (fields: Record<string, unknown>) => {
    lines.push({ level, fields });
  };
  const exited: { code: number; at: number }[] = [];
  const options: ShutdownOptions = {
    server: {
      close: () => (calls.push("server.close"), undefined) as never,
      closeIdleConnections: () => void calls.push("server.closeIdleConnections"),
      closeAllConnections: () => void calls.push("server.closeAllConnections"),
    },
    inFlight,
    onDraining: () => void calls.push("onDraining"),
    cancelQueries: () => {
      calls.push("cancelQueries");
      return Promise.resolve(0);
    },
    closers: [
      { name: "deps", close: () => (calls.push("close deps"), Promise.resolve()) },
      { name: "runtime", close: () => (calls.push("close runtime"), Promise.resolve()) },
    ],
    logger: { info: log("info"), warn: log("warn"), error: log("error") },
    budgetMs: 6_000,
    exit: (code) => void exited.push({ code, at: Date.now() }),
    ...overrides,
  };
  return { options, calls, lines, exited, finish, phases: () => lines.map((l) => l.fields.phase) };
}

describe("shutdownPhases", () => {
  it("cancels 3 s before the end of a long budget, a third before the end of a short one", () => {
    expect(shutdownPhases(25_000)).toEqual({ cancelAtMs: 22_000, stepMs: 1_000 });
    expect(shutdownPhases(6_000)).toEqual({ cancelAtMs: 4_000, stepMs: 666 });
    expect(shutdownPhases(1_500)).toEqual({ cancelAtMs: 1_000, stepMs: 166 });
  });
});

describe("shutdown", () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "Date", "performance"],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("with nothing in flight: refuses, stops accepting, closes in order and exits 0 at once", async () => {
    const f = fakes();
    const start = Date.now();
    await expect(shutdown("SIGTERM", f.options)).resolves.toBe(0);
    expect(f.calls).toEqual([
      "onDraining",
      "inFlight.drain",
      "server.close",
      "server.closeIdleConnections",
      "server.closeAllConnections",
      "close deps",
      "close runtime",
    ]);
    expect(f.exited).toEqual([{ code: 0, at: start }]);
    expect(f.phases()).toEqual(["draining", "drained", "connections-closed", "closed", "closed", "stopped"]);
  });

  it("waits for in-flight responses (and the runs) before closing any connection", async () => {
    let runsDone!: () => void;
    const f = fakes({ busy: true, settled: () => new Promise<void>((r) => (runsDone = r)) });
    const done = shutdown("SIGTERM", f.options);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(f.calls).not.toContain("server.closeAllConnections");
    f.finish();
    await vi.advanceTimersByTimeAsync(10);
    expect(f.calls).not.toContain("server.closeAllConnections");
    runsDone();
    await expect(done).resolves.toBe(0);
    expect(f.calls).not.toContain("cancelQueries");
    expect(f.calls.slice(-3)).toEqual(["server.closeAllConnections", "close deps", "close runtime"]);
  });

  it("cancels the queries when the budget runs low, then sends what they answer and exits 0", async () => {
    const f = fakes({ busy: true });
    const start = Date.now();
    const cancelQueries = vi.fn(() => {
      // The cancelled queries fail their requests, which answer an error and finish.
      setTimeout(f.finish, 50);
      return Promise.resolve(2);
    });
    const done = shutdown("SIGTERM", { ...f.options, cancelQueries });
    await vi.advanceTimersByTimeAsync(3_999);
    expect(cancelQueries).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(cancelQueries).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(100);
    await expect(done).resolves.toBe(0);
    expect(f.exited).toEqual([{ code: 0, at: start + 4_050 }]);
    expect(f.lines.find((l) => l.fields.phase === "cancelled")?.fields.cancelled).toBe(2);
    expect(f.phases()).toEqual([
      "draining",
      "cancelling",
      "cancelled",
      "drained",
      "connections-closed",
      "closed",
      "closed",
      "stopped",
    ]);
  });

  it("everything hung (cancel, responses, the pool's end): still exits 1 within the budget", async () => {
    const calls: string[] = [];
    const f = fakes({
      busy: true,
      cancelQueries: never,
      closers: [
        { name: "deps", close: () => (calls.push("deps"), never()) },
        { name: "runtime", close: () => (calls.push("runtime"), never()) },
      ],
    });
    const start = Date.now();
    const done = shutdown("SIGTERM", f.options);
    await vi.advanceTimersByTimeAsync(6_000);
    await expect(done).resolves.toBe(1);
    expect(f.exited).toHaveLength(1);
    expect(f.exited[0]!.code).toBe(1);
    expect(f.exited[0]!.at - start).toBeLessThanOrEqual(6_000);
    // Each closer had its own timeout: a hung first one does not keep the second from closing.
    expect(calls).toEqual(["deps", "runtime"]);
    expect(f.phases()).toEqual(expect.arrayContaining(["abandoning", "connections-closed", "stopped"]));
  });

  it("a failing cancel, failing runs or a failing closer do not stop the shutdown; the code is 1", async () => {
    const f = fakes({
      busy: true,
      settled: () => Promise.reject(new Error("run failed")),
      cancelQueries: () => {
        setTimeout(f.finish, 10);
        return Promise.reject(new Error("no connection"));
      },
      closers: [
        { name: "deps", close: () => Promise.reject(new Error("redis gone")) },
        { name: "runtime", close: () => Promise.resolve() },
      ],
    });
    const done = shutdown("SIGTERM", f.options);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(done).resolves.toBe(1);
    expect(f.exited.map((e) => e.code)).toEqual([1]);
    const errors = f.lines.filter((l) => l.level === "error").map((l) => l.fields.err);
    expect(errors).toEqual(["no connection", "redis gone"]);
    expect(f.calls).toContain("server.closeAllConnections");
  });

  it("the timer at the budget exits 1 even when a step overruns it (the event loop blocked)", async () => {
    const f = fakes({
      closers: [
        {
          name: "deps",
          close: () => {
            vi.advanceTimersByTime(10_000);
            return never();
          },
        },
      ],
    });
    const start = Date.now();
    const done = shutdown("SIGTERM", f.options);
    // The rest of the shutdown goes on where process.exit would have ended it; it exits no second time.
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(done).resolves.toBe(1);
    expect(f.exited).toEqual([{ code: 1, at: start + 6_000 }]);
    expect(f.phases()).toContain("forced");
    expect(f.phases()).not.toContain("stopped");
  });
});

describe("trackInFlight", () => {
  it("counts requests until their response closes; while draining, responses say Connection: close", async () => {
    let respond!: () => void;
    const server = http.createServer((_req, res) => {
      respond = () => res.end("done");
    });
    const inFlight = trackInFlight(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(inFlight.count).toBe(0);
      await inFlight.idle();
      const answer = fetch(`http://127.0.0.1:${port}/`);
      await vi.waitFor(() => expect(inFlight.count).toBe(1));
      let idle = false;
      void inFlight.idle().then(() => (idle = true));
      inFlight.drain();
      await new Promise((r) => setTimeout(r, 20));
      expect(idle).toBe(false);
      respond();
      const res = await answer;
      expect(await res.text()).toBe("done");
      expect(res.headers.get("connection")).toBe("close");
      await vi.waitFor(() => expect(idle).toBe(true));
      expect(inFlight.count).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("cancelOwnQueries", () => {
  it("has nothing to cancel on the embedded database (one in-process backend)", async () => {
    const cancel = cancelOwnQueries({ kind: "pglite", connectionString: "postgres://nowhere:1/x" });
    await expect(cancel()).resolves.toBe(0);
  });
});
