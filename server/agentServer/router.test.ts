import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InMemoryStore, MemorySaver } from "@langchain/langgraph";
import express from "express";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { RuleClassifier } from "../../classifier/rules.ts";
import type { Classifier } from "../../classifier/types.ts";
import type { TurnRecord } from "../../graph/turnRecord.ts";
import { compileMilhenaGraph } from "../../graph/builder.ts";
import type { MilhenaDeps } from "../../graph/deps.ts";
import { classification, fakeDeps, fakeRunConfig } from "../../test/support/fakes.ts";
import { errorHandler } from "../errors.ts";
import { createRunService } from "../runs/runService.ts";
import { memoryThreadStore } from "../../test/support/memoryThreadStore.ts";
import { createThreadRuns } from "../threadRuns.ts";
import { createAgentServerRouter } from "./router.ts";

interface Logged {
  level: "warn" | "error";
  fields: Record<string, unknown>;
  message: string;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The router in a bare express app: `x-user` names the caller (no header → no caller). */
async function start(overrides: Partial<MilhenaDeps> = {}) {
  const deps: MilhenaDeps = { ...fakeDeps().deps, classifier: new RuleClassifier(), ...overrides };
  const checkpointer = new MemorySaver();
  const graph = compileMilhenaGraph(deps, checkpointer);
  const threads = memoryThreadStore();
  const logged: Logged[] = [];
  /** The turns the router handed over for memory and the cache. */
  const recorded: TurnRecord[] = [];
  /** The intents of the answers counted in the metrics, and the audit events. */
  const observed: string[] = [];
  const audited: string[] = [];
  const app = express();
  app.use((req, res, next) => {
    res.locals.requestId = "req-1";
    const user = req.headers["x-user"];
    if (typeof user === "string") res.locals.caller = { userId: user, role: "user", keyId: "k" };
    next();
  });
  app.use(express.json());
  const runs = createThreadRuns();
  const audit = { record: (entry: { event: string }) => (audited.push(entry.event), Promise.resolve()) };
  const logger = {
    warn: (fields: Record<string, unknown>, message: string) =>
      logged.push({ level: "warn", fields, message }),
    error: (fields: Record<string, unknown>, message: string) =>
      logged.push({ level: "error", fields, message }),
  };
  const runService = createRunService({
    runtime: {
      deps,
      checkpointer,
      recordTurn: (record) => void (record && recorded.push(record)),
      runConfig: fakeRunConfig({ test: "1" }),
    },
    threads,
    runs,
    metrics: { observeAnswer: (response) => void observed.push(response.intent) },
    audit,
    logger,
  });
  app.use(
    createAgentServerRouter({
      runtime: { graph, checkpointer, store: new InMemoryStore() },
      threads,
      runs,
      runService,
      audit,
      logger,
    }),
  );
  app.use(errorHandler(pino({ level: "silent" })));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = (method: string, path: string, body?: unknown, user: string | null = "u1") =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(user ? { "x-user": user } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return { call, graph, threads, logged, recorded, observed, audited };
}

interface Event {
  event: string;
  data: unknown;
}

/** Reads an event stream incrementally; `until` stops early (the rest stays readable). */
function events(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const seen: Event[] = [];
  return {
    seen,
    async next(): Promise<Event | null> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          expect(lines).toHaveLength(2);
          expect(lines[0]).toMatch(/^event: /);
          expect(lines[1]).toMatch(/^data: /);
          const event = { event: lines[0]!.slice(7), data: JSON.parse(lines[1]!.slice(6)) as unknown };
          seen.push(event);
          return event;
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
    async rest(): Promise<Event[]> {
      while ((await this.next()) !== null);
      return seen;
    },
  };
}

const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  assistant_id: "milhena",
  input: { messages: [{ role: "user", content }] },
  ...extra,
});

/** A classifier that holds the n-th question until released. */
function gatedClassifier(holdCall: number): { classifier: Classifier; release(): void } {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  return {
    classifier: {
      classify: async () => {
        calls++;
        if (calls === holdCall) await gate;
        return {
          classification: classification({ intent: "GREETING", queryType: null, window: null }),
          source: "rules" as const,
        };
      },
    },
    release: () => release(),
  };
}

describe("Agent Server router", () => {
  it("every route needs a caller (401 with the error shape)", async () => {
    const { call } = await start();
    const routes: [string, string, unknown?][] = [
      ["GET", "/info"],
      ["POST", "/assistants/search", {}],
      ["GET", "/assistants/milhena"],
      ["GET", "/assistants/milhena/graph"],
      ["GET", "/assistants/milhena/schemas"],
      ["POST", "/threads", {}],
      ["POST", "/threads/search", {}],
      ["GET", "/threads/t1"],
      ["GET", "/threads/t1/state"],
      ["POST", "/threads/t1/history", {}],
      ["POST", "/threads/t1/runs/wait", ask("ciao")],
      ["POST", "/threads/t1/runs/stream", ask("ciao")],
      ["POST", "/threads/t1/runs/00000000-0000-4000-8000-000000000000/cancel"],
      ["PATCH", "/threads/t1", { metadata: {} }],
      ["DELETE", "/threads/t1"],
      ["POST", "/threads/t1/state", { values: { messages: [{ type: "human", content: "x" }] } }],
      ["GET", "/threads/t1/state/00000000-0000-4000-8000-000000000000"],
      ["POST", "/threads/t1/runs", ask("ciao")],
      ["GET", "/threads/t1/runs"],
      ["GET", "/threads/t1/runs/00000000-0000-4000-8000-000000000000"],
      ["GET", "/threads/t1/runs/00000000-0000-4000-8000-000000000000/join"],
      ["POST", "/runs/wait", ask("ciao")],
      ["POST", "/runs/stream", ask("ciao")],
    ];
    for (const [method, path, body] of routes) {
      const response = await call(method, path, body, null);
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "unauthorized", message: expect.any(String) as string, requestId: "req-1" },
      });
    }
  });

  it("streams the SDK's wire format: metadata, then events, nothing after; Content-Location names the run", async () => {
    const { call } = await start();
    await call("POST", "/threads", { thread_id: "t1" });
    const response = await call("POST", "/threads/t1/runs/stream", ask("ciao", { stream_mode: ["updates"] }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const all = await events(response).rest();
    const meta = all[0]!;
    expect(meta.event).toBe("metadata");
    const { run_id } = meta.data as { run_id: string };
    expect(meta.data).toEqual({ run_id, thread_id: "t1", attempt: 1 });
    expect(response.headers.get("content-location")).toBe(`/threads/t1/runs/${run_id}`);
    // As the official server: the stream ends after the last event, with no closing event of its own.
    expect(all.length).toBeGreaterThan(2);
    expect(all.slice(1).every((e) => e.event === "updates")).toBe(true);
    const run = (await (await call("GET", `/threads/t1/runs/${run_id}`)).json()) as { status: string };
    expect(run.status).toBe("success");
  });

  it("a run that fails reports it without internals: an error event last, __error__ from wait, thread status error", async () => {
    const { call, graph, logged } = await start({
      cache: {
        keyFor: () => Promise.reject(new Error("connection to db failed: password=hunter2")),
        get: () => Promise.resolve(null),
        put: () => Promise.resolve(),
        eraseUser: () => Promise.resolve(0),
      },
    });
    await call("POST", "/threads", { thread_id: "t1" });
    const streamed = await events(await call("POST", "/threads/t1/runs/stream", ask("ciao"))).rest();
    const error = streamed.find((e) => e.event === "error");
    expect(error?.data).toEqual({
      error: "InternalError",
      message: expect.stringContaining("req-1") as string,
    });
    expect(streamed.at(-1)?.event).toBe("error");
    expect(JSON.stringify(streamed)).not.toContain("hunter2");
    const thread = (await (await call("GET", "/threads/t1")).json()) as { status: string };
    expect(thread.status).toBe("error");

    const waited = await call("POST", "/threads/t1/runs/wait", ask("ciao"));
    expect(waited.status).toBe(200);
    const body = (await waited.json()) as { __error__: { error: string; message: string } };
    expect(body.__error__.error).toBe("InternalError");
    expect(JSON.stringify(body)).not.toContain("hunter2");

    expect(logged.filter((l) => l.level === "error")).toHaveLength(2);
    expect(logged[0]!.fields).toMatchObject({ requestId: "req-1", threadId: "t1" });
    // As in LangGraph, a failed run keeps what it had reached (the question, no answer) for a retry.
    const state = await graph.getState({ configurable: { thread_id: "t1" } });
    expect((state.values as { response: unknown }).response ?? null).toBeNull();
  });

  it("unknown or malformed ids are not found; bad bodies are 400", async () => {
    const { call } = await start();
    await call("POST", "/threads", { thread_id: "t1" });
    expect((await call("GET", "/threads/nope")).status).toBe(404);
    expect((await call("GET", "/threads/a%20b/state")).status).toBe(404);
    expect((await call("POST", "/threads/t1/runs/not-a-uuid/cancel")).status).toBe(404);
    expect((await call("POST", "/threads/t1/runs/00000000-0000-4000-8000-000000000000/cancel")).status).toBe(
      404,
    );
    expect((await call("GET", "/assistants/other/graph")).status).toBe(404);
    expect((await call("POST", "/threads/search", { limit: -1 })).status).toBe(400);
    expect((await call("POST", "/threads/t1/history", { limit: "ten" })).status).toBe(400);
    expect((await call("POST", "/threads", { metadata: { graph_id: "agent" } })).status).toBe(404);
    const bad = await call("POST", "/threads/t1/runs/wait", {
      assistant_id: "milhena",
      input: { messages: [] },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", requestId: "req-1" } });
  });

  it("if_not_exists: create makes the thread the caller's", async () => {
    const { call, threads } = await start();
    expect((await call("POST", "/threads/fresh/runs/wait", ask("ciao"))).status).toBe(404);
    const created = await call("POST", "/threads/fresh/runs/wait", ask("ciao", { if_not_exists: "create" }));
    expect(created.status).toBe(200);
    expect(await threads.get("u1", "fresh")).toMatchObject({ userId: "u1", title: "ciao" });
  });

  it("if_not_exists: create on another user's thread answers 404 and writes nothing to it", async () => {
    const { call, graph } = await start();
    await call("POST", "/threads", { thread_id: "theirs" }, "u2");
    const run = await call("POST", "/threads/theirs/runs/wait", ask("ciao", { if_not_exists: "create" }));
    expect(run.status).toBe(404);
    expect((await graph.getState({ configurable: { thread_id: "theirs" } })).values).toEqual({});
  });

  it("cancel?wait=1 answers 204 once the run has stopped", async () => {
    const gate = gatedClassifier(1);
    const { call, graph, recorded } = await start({ classifier: gate.classifier });
    await call("POST", "/threads", { thread_id: "t1" });
    const stream = events(await call("POST", "/threads/t1/runs/stream", ask("ciao")));
    const meta = await stream.next();
    const { run_id } = meta!.data as { run_id: string };
    const cancel = await call("POST", `/threads/t1/runs/${run_id}/cancel?wait=1`);
    expect(cancel.status).toBe(204);
    await stream.rest();
    const run = (await (await call("GET", `/threads/t1/runs/${run_id}`)).json()) as { status: string };
    expect(run.status).toBe("interrupted");
    gate.release();
    expect((await graph.getState({ configurable: { thread_id: "t1" } })).values).toEqual({});
    // Nothing of the cancelled turn reaches the user's memory or the cache.
    expect(recorded).toEqual([]);
  });

  it("an enqueued run can be cancelled while it waits; the running one is unaffected", async () => {
    const gate = gatedClassifier(1);
    const { call, graph, recorded } = await start({ classifier: gate.classifier });
    await call("POST", "/threads", { thread_id: "t1" });
    const first = events(await call("POST", "/threads/t1/runs/stream", ask("first")));
    await first.next();
    const second = events(
      await call("POST", "/threads/t1/runs/stream", ask("second", { multitask_strategy: "enqueue" })),
    );
    const meta = await second.next();
    const { run_id } = meta!.data as { run_id: string };
    expect((await call("POST", `/threads/t1/runs/${run_id}/cancel`)).status).toBe(202);
    gate.release();
    expect((await first.rest()).at(-1)?.event).toBe("values");
    expect((await second.rest()).map((e) => e.event)).not.toContain("values");
    const runs = (await (await call("GET", "/threads/t1/runs")).json()) as {
      run_id: string;
      status: string;
    }[];
    expect(runs.map((r) => r.status)).toEqual(["interrupted", "success"]);
    expect(runs[0]?.run_id).toBe(run_id);
    const state = await graph.getState({ configurable: { thread_id: "t1" } });
    const contents = (state.values as { messages: { content: unknown }[] }).messages.map((m) => m.content);
    expect(contents).toHaveLength(2);
    expect(contents[0]).toBe("first");
    // The finished run is recorded once, the cancelled one not at all.
    expect(recorded.map((r) => r.interaction.question)).toEqual(["first"]);
  });
});
