import { Client } from "@langchain/langgraph-sdk";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASSISTANT_ID } from "../../server/agentServer/assistant.ts";
import { startTestServer } from "../support/testServer.ts";

/**
 * The LangGraph Agent Server API subset, driven by the official SDK Client against Milhena's express
 * server on a real PostgreSQL (fresh database with small demo data).
 */

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

interface WireMessage {
  type: string;
  content: string;
  id?: string;
}
interface Values {
  messages: WireMessage[];
  response: { answer: string; intent: string; threadId: string } | null;
}

const QUESTION = "how many workflow runs in the last 7 days?";

function client(server: TestServer, apiKey: string | null): Client {
  return new Client({ apiUrl: server.baseUrl, apiKey, callerOptions: { maxRetries: 0 } });
}

async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number") return status;
    throw error;
  }
}

/**
 * Holds an ACCESS EXCLUSIVE lock on n8n's executions table from another connection: every run blocks in
 * its first node (the cache looks at the data watermark) until `release()`.
 */
async function blockRuns(server: TestServer): Promise<{ release(): Promise<void> }> {
  const locker = new pg.Client({ connectionString: server.runtime.database.connectionString });
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query("LOCK TABLE n8n.execution_entity IN ACCESS EXCLUSIVE MODE");
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await locker.query("ROLLBACK");
      await locker.end();
    },
  };
}

async function checkpointRows(server: TestServer, threadId: string): Promise<number> {
  const { rows } = await server.runtime.database.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM milhena.checkpoints WHERE thread_id = $1",
    [threadId],
  );
  return rows[0]!.n;
}

describe("Agent Server API with the LangGraph SDK on PostgreSQL", () => {
  let server: TestServer;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    server = await startTestServer({ backend: "postgres" });
    alice = client(server, await server.createKey("alice"));
    bob = client(server, await server.createKey("bob"));
  });

  afterAll(async () => {
    await server?.close();
  });

  it("GET /info", async () => {
    const response = await fetch(`${server.baseUrl}/info`, {
      headers: { "x-api-key": await server.createKey("carol") },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ context: "js", flags: { assistants: true, crons: false } });
  });

  it("unauthenticated calls get 401", async () => {
    const anonymous = client(server, null);
    expect(await statusOf(anonymous.assistants.search())).toBe(401);
    expect(await statusOf(anonymous.threads.create())).toBe(401);
    expect(await statusOf(client(server, "not-a-key").threads.search())).toBe(401);
  });

  it("assistants: search, get by id or graph id, graph, schemas; unknown → 404", async () => {
    const found = await alice.assistants.search({ graphId: "milhena" });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      assistant_id: ASSISTANT_ID,
      graph_id: "milhena",
      name: "milhena",
      version: 1,
    });
    expect(await alice.assistants.search({ graphId: "agent" })).toEqual([]);

    expect(await alice.assistants.get(ASSISTANT_ID)).toEqual(found[0]);
    // Studio's subgraph view: the graph has none.
    expect(await alice.assistants.getSubgraphs(ASSISTANT_ID)).toEqual({});
    expect(await alice.assistants.getSubgraphs(ASSISTANT_ID, { namespace: "x", recurse: true })).toEqual({});
    expect(await statusOf(alice.assistants.getSubgraphs("no-such-assistant"))).toBe(404);
    expect(await alice.assistants.get("milhena")).toEqual(found[0]);
    expect(await statusOf(alice.assistants.get("agent"))).toBe(404);

    const graph = await alice.assistants.getGraph("milhena");
    const nodeIds = graph.nodes.map((n) => n.id);
    expect(nodeIds).toEqual(
      expect.arrayContaining(["__start__", "cacheCheck", "classify", "respond", "businessTool", "translate"]),
    );
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ source: "__start__", target: "cacheCheck" }),
    );
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ source: "classify", target: "businessTool", conditional: true }),
    );
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ source: "businessTool", target: "translate" }),
    );

    const schemas = await alice.assistants.getSchemas(ASSISTANT_ID);
    expect(schemas.graph_id).toBe("milhena");
    expect(schemas.input_schema?.properties).toHaveProperty("messages");
    expect(schemas.state_schema?.properties).toHaveProperty("response");
    expect(schemas.config_schema?.properties).toHaveProperty("user_id");
    expect(await statusOf(alice.assistants.getSchemas("nope"))).toBe(404);
  });

  it("threads: create (if_exists raise / do_nothing), get, search", async () => {
    const created = await alice.threads.create({ metadata: { source: "sdk-test" } });
    // Metadata as given; a run adds the graph and assistant it ran, as the official server does.
    expect(created).toMatchObject({ status: "idle", metadata: { source: "sdk-test" } });
    expect(created.metadata).toEqual({ source: "sdk-test" });
    expect(created.thread_id).toMatch(/^[0-9a-f-]{36}$/);

    expect(await statusOf(alice.threads.create({ threadId: created.thread_id }))).toBe(409);
    expect(await statusOf(alice.threads.create({ threadId: created.thread_id, ifExists: "raise" }))).toBe(
      409,
    );
    const again = await alice.threads.create({ threadId: created.thread_id, ifExists: "do_nothing" });
    expect(again.thread_id).toBe(created.thread_id);

    const got = await alice.threads.get(created.thread_id);
    expect(got).toMatchObject({ thread_id: created.thread_id, status: "idle", values: {} });

    const search = await alice.threads.search({ metadata: { source: "sdk-test" } });
    expect(search.map((t) => t.thread_id)).toContain(created.thread_id);
    await alice.runs.wait(created.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "ciao" }] },
    });
    expect((await alice.threads.get(created.thread_id)).metadata).toEqual({
      source: "sdk-test",
      graph_id: "milhena",
      assistant_id: ASSISTANT_ID,
    });
    const byGraph = await alice.threads.search({ metadata: { graph_id: "milhena", source: "sdk-test" } });
    expect(byGraph.map((t) => t.thread_id)).toContain(created.thread_id);
    expect(await alice.threads.search({ metadata: { source: "elsewhere" } })).toEqual([]);
    expect(await alice.threads.search({ metadata: { graph_id: "agent" } })).toEqual([]);
    const byId = await alice.threads.search({ ids: [created.thread_id], select: ["thread_id", "status"] });
    expect(byId).toEqual([{ thread_id: created.thread_id, status: "idle" }]);
  });

  it("threads/search with the largest limit reads the page and all its states in a few statements", async () => {
    const carol = client(server, await server.createKey("carol"));
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const thread = await carol.threads.create({ metadata: { batch: "search" } });
      ids.push(thread.thread_id);
      if (i % 3 === 0)
        await carol.runs.wait(thread.thread_id, "milhena", {
          input: { messages: [{ role: "user", content: "ciao" }] },
        });
    }
    const statements: string[] = [];
    const pool = server.runtime.database.pool;
    const original = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      const first: unknown = args[0];
      statements.push(typeof first === "string" ? first : String((first as { text?: unknown }).text));
      return original(...args);
    }) as typeof pool.query;
    let found;
    try {
      found = await carol.threads.search({ metadata: { batch: "search" }, limit: 1000 });
    } finally {
      pool.query = original;
    }
    expect(found.map((t) => t.thread_id).sort()).toEqual([...ids].sort());
    // The caller's key is cached: the thread page and the states of all twelve, whatever the page size.
    expect(statements.length).toBeLessThanOrEqual(2);
    // Each state is what that thread's own state read says.
    for (const thread of found) {
      const state = await carol.threads.getState(thread.thread_id);
      expect(thread.values).toEqual(state.values);
    }
    expect(found.filter((t) => (t.values as Partial<Values>).messages?.length === 2)).toHaveLength(4);
    expect(await statusOf(carol.threads.search({ limit: 1001 }))).toBe(400);
  });

  it("a run from the thread's head checkpoint (as useStream sends it) runs on; an earlier one forks", async () => {
    const thread = await alice.threads.create();
    const ask = (
      content: string,
      checkpoint?: { checkpoint_id: string | null; checkpoint_ns: string; checkpoint_map: null },
    ) =>
      alice.runs.wait(thread.thread_id, "milhena", {
        input: { messages: [{ role: "user", content }] },
        ...(checkpoint ? { checkpoint } : {}),
      });
    // A thread without a checkpoint yet: useStream sends no id.
    await ask("quanti ordini oggi?", { checkpoint_id: null, checkpoint_ns: "", checkpoint_map: null });
    const first = await alice.threads.getState(thread.thread_id);
    const head = first.checkpoint.checkpoint_id!;
    const second = (await ask("e ieri?", {
      checkpoint_id: head,
      checkpoint_ns: "",
      checkpoint_map: null,
    })) as unknown as Values;
    expect(second.messages).toHaveLength(4);
    expect(second.response?.intent).toBe("BUSINESS_DATA");
    // The first turn's checkpoint is no longer the head: a run from it forks the thread there.
    const fork = (await ask("e la settimana scorsa?", {
      checkpoint_id: head,
      checkpoint_ns: "",
      checkpoint_map: null,
    })) as unknown as Values;
    expect(fork.messages.map((m) => m.content).slice(0, 3)).toEqual([
      "quanti ordini oggi?",
      first.values && (first.values as unknown as Values).messages[1]!.content,
      "e la settimana scorsa?",
    ]);
    const now = await alice.threads.getState(thread.thread_id);
    expect(now.parent_checkpoint?.checkpoint_id).toBeDefined();
    // The abandoned branch is still in the history, and still readable at its checkpoint.
    const history = await alice.threads.getHistory<Values>(thread.thread_id, { limit: 100 });
    expect(JSON.stringify(history.map((h) => h.values))).toContain("e ieri?");
    const atHead = await alice.threads.getState<Values>(thread.thread_id, head);
    expect(atHead.values.messages).toHaveLength(2);
    // A checkpoint the thread does not have is not found.
    expect(
      await statusOf(alice.threads.getState(thread.thread_id, "1f000000-0000-6000-8000-000000000000")),
    ).toBe(404);
    expect(
      await statusOf(ask("ciao", { checkpoint_id: "nope", checkpoint_ns: "", checkpoint_map: null })),
    ).toBe(404);
  });

  it("runs.wait answers, and state and history come from the PostgreSQL checkpoints", async () => {
    const thread = await alice.threads.create();
    expect(await checkpointRows(server, thread.thread_id)).toBe(0);

    const values = (await alice.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: QUESTION }] },
    })) as unknown as Values;
    expect(values.messages.map((m) => m.type)).toEqual(["human", "ai"]);
    expect(values.messages[0]!.content).toBe(QUESTION);
    expect(values.response).toMatchObject({ intent: "BUSINESS_DATA", threadId: thread.thread_id });
    expect(values.response!.answer).toMatch(/\d/);
    expect(values.messages[1]!.content).toBe(values.response!.answer);
    expect(await checkpointRows(server, thread.thread_id)).toBeGreaterThan(0);

    const state = await alice.threads.getState<Values>(thread.thread_id);
    expect(state.values.messages.map((m) => m.content)).toEqual([QUESTION, values.response!.answer]);
    expect(state.next).toEqual([]);
    expect(state.tasks).toEqual([]);
    expect(state.checkpoint).toMatchObject({ thread_id: thread.thread_id, checkpoint_ns: "" });
    expect(state.checkpoint.checkpoint_id).toEqual(expect.any(String));
    expect(state.metadata).toMatchObject({ source: "loop" });
    expect(Date.parse(state.created_at!)).not.toBeNaN();

    // A second turn (in Italian, the caller's user id from the key): history has both, newest first.
    const second = (await alice.runs.wait(thread.thread_id, ASSISTANT_ID, {
      input: { messages: [{ type: "human", content: "e ieri?" }] },
      config: { configurable: { user_id: "mallory" } },
    })) as unknown as Values & { context: { userId: string } };
    expect(second.context.userId).toBe("alice");
    expect(second.messages).toHaveLength(4);
    const history = await alice.threads.getHistory<Values>(thread.thread_id, { limit: 10 });
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history[0]!.checkpoint.checkpoint_id).not.toBe(state.checkpoint.checkpoint_id);
    expect(history[0]!.values.messages).toHaveLength(4);
    expect(history.map((h) => h.checkpoint.checkpoint_id)).toContain(state.checkpoint.checkpoint_id);
    expect(history[0]!.parent_checkpoint?.checkpoint_id).toEqual(expect.any(String));
    expect(await alice.threads.getHistory(thread.thread_id, { limit: 1 })).toHaveLength(1);

    const listed = await alice.threads.get<Values>(thread.thread_id);
    expect(listed.values.messages).toHaveLength(4);
    expect(Date.parse(listed.updated_at)).toBeGreaterThanOrEqual(Date.parse(thread.updated_at));
  });

  it("runs.stream values: metadata first, then the state after each step, nothing after", async () => {
    const thread = await alice.threads.create();
    const events: { event: string; data: unknown }[] = [];
    for await (const part of alice.runs.stream(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "ciao" }] },
      streamMode: "values",
    })) {
      events.push({ event: part.event, data: part.data });
    }
    expect(events[0]).toMatchObject({ event: "metadata", data: { thread_id: thread.thread_id } });
    expect(events.at(-1)?.event).toBe("values");
    const { run_id } = events[0]!.data as { run_id: string };
    expect((await alice.runs.get(thread.thread_id, run_id)).status).toBe("success");
    const values = events.filter((e) => e.event === "values").map((e) => e.data as Values);
    expect(values.length).toBeGreaterThan(2);
    const last = values.at(-1)!;
    expect(last.messages.map((m) => m.type)).toEqual(["human", "ai"]);
    expect(last.response).toMatchObject({ intent: "GREETING" });

    const state = await alice.threads.getState<Values>(thread.thread_id);
    expect(state.values.messages.map((m) => m.content)).toEqual(last.messages.map((m) => m.content));
  });

  it("runs.stream updates: one event per node", async () => {
    const thread = await alice.threads.create();
    const nodes: string[] = [];
    const kinds = new Set<string>();
    for await (const part of alice.runs.stream(thread.thread_id, "milhena", {
      // A question nobody asked before in this suite (a cached answer skips classify and the tools).
      input: { messages: [{ role: "user", content: "how many workflows failed in the last 7 days?" }] },
      streamMode: "updates",
    })) {
      kinds.add(part.event);
      if (part.event === "updates") nodes.push(...Object.keys(part.data));
    }
    expect(kinds).toEqual(new Set(["metadata", "updates"]));
    expect(nodes).toEqual(["cacheCheck", "classify", "businessTool", "translate", "persistMemory"]);
    const state = await alice.threads.getState<Values>(thread.thread_id);
    expect(state.values.response?.answer).toMatch(/\d/);
  });

  it("runs.stream messages-tuple: the answer as [message, metadata]", async () => {
    const thread = await alice.threads.create();
    const tuples: [WireMessage, Record<string, unknown>][] = [];
    let runId: string | undefined;
    for await (const part of alice.runs.stream(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "quanti errori ieri?" }] },
      streamMode: "messages-tuple",
      onRunCreated: (meta) => (runId = meta.run_id),
    })) {
      if (part.event === "messages") tuples.push(part.data as [WireMessage, Record<string, unknown>]);
    }
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(tuples).toHaveLength(1);
    const [message, metadata] = tuples[0]!;
    expect(message.type).toBe("ai");
    expect(metadata).toMatchObject({ langgraph_node: "persistMemory", thread_id: thread.thread_id });
    const state = await alice.threads.getState<Values>(thread.thread_id);
    expect(state.values.messages.at(-1)!.content).toBe(message.content);
    expect(state.values.response?.answer).toBe(message.content);
  });

  it("bad input → 400 with the error shape; not JSON → 415", async () => {
    const thread = await alice.threads.create();
    const empty = alice.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "" }] },
    });
    await expect(empty).rejects.toMatchObject({ status: 400 });
    const tooLong = alice.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "x".repeat(10_001) }] },
    });
    await expect(tooLong).rejects.toMatchObject({ status: 400 });
    expect(
      await statusOf(
        alice.runs.wait(thread.thread_id, "agent", { input: { messages: [{ role: "user", content: "x" }] } }),
      ),
    ).toBe(404);

    const key = await server.createKey("alice");
    const raw = await fetch(`${server.baseUrl}/threads/${thread.thread_id}/runs/wait`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: JSON.stringify({
        assistant_id: "milhena",
        input: { messages: [{ role: "assistant", content: "x" }] },
      }),
    });
    expect(raw.status).toBe(400);
    const body = (await raw.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/role/);
    expect(body.error.requestId).toBe(raw.headers.get("x-request-id"));

    const text = await fetch(`${server.baseUrl}/threads/search`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "text/plain" },
      body: "limit=1",
    });
    expect(text.status).toBe(415);
    // A body whose content type a proxy dropped is read as JSON.
    const untyped = await fetch(`${server.baseUrl}/threads/search`, {
      method: "POST",
      headers: { "x-api-key": key },
      body: new TextEncoder().encode(JSON.stringify({ limit: 1 })),
    });
    expect(untyped.status).toBe(200);
    expect(Array.isArray(await untyped.json())).toBe(true);
    // Nothing was stored by the rejected requests.
    expect(await checkpointRows(server, thread.thread_id)).toBe(0);
  });

  it("another user's thread is not found on every thread route", async () => {
    const thread = await alice.threads.create({ metadata: { owner: "alice" } });
    await alice.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "ciao" }] },
    });
    const id = thread.thread_id;
    const input = { messages: [{ role: "user", content: "ciao" }] };
    expect(await statusOf(bob.threads.get(id))).toBe(404);
    expect(await statusOf(bob.threads.getState(id))).toBe(404);
    expect(await statusOf(bob.threads.getHistory(id))).toBe(404);
    expect(await statusOf(bob.runs.wait(id, "milhena", { input }))).toBe(404);
    expect(await statusOf(bob.runs.wait(id, "milhena", { input, ifNotExists: "create" }))).toBe(404);
    expect(await statusOf(bob.runs.cancel(id, "00000000-0000-4000-8000-000000000000"))).toBe(404);
    const [aliceRun] = await alice.runs.list(id);
    expect(aliceRun?.status).toBe("success");
    expect(await statusOf(bob.runs.get(id, aliceRun!.run_id))).toBe(404);
    expect(await statusOf(bob.runs.list(id))).toBe(404);
    expect(await statusOf(bob.runs.join(id, aliceRun!.run_id))).toBe(404);
    expect(await statusOf(bob.runs.cancel(id, aliceRun!.run_id))).toBe(404);
    const head = (await alice.threads.getState(id)).checkpoint.checkpoint_id!;
    expect(await statusOf(bob.threads.getState(id, head))).toBe(404);
    expect(await statusOf(bob.threads.update(id, { metadata: { owner: "bob" } }))).toBe(404);
    expect(
      await statusOf(
        bob.threads.updateState(id, { values: { messages: [{ type: "ai", content: "hacked" }] } }),
      ),
    ).toBe(404);
    expect(await statusOf(bob.runs.wait(id, "milhena", { input, checkpointId: head }))).toBe(404);
    expect(await statusOf(bob.runs.create(id, "milhena", { input }))).toBe(404);
    expect(await statusOf(bob.threads.delete(id))).toBe(404);
    const stream = async () => {
      for await (const part of bob.runs.stream(id, "milhena", { input })) void part;
    };
    expect(await statusOf(stream())).toBe(404);
    // Creating with Alice's id answers as for any thread that is not Bob's: its existence does not leak.
    expect(await statusOf(bob.threads.create({ threadId: id, ifExists: "do_nothing" }))).toBe(404);
    expect(await statusOf(bob.threads.create({ threadId: id }))).toBe(404);
    expect((await bob.threads.search({ metadata: { owner: "alice" } })).map((t) => t.thread_id)).toEqual([]);
    // Alice's thread is unchanged by all of it.
    const state = await alice.threads.getState<Values>(id);
    expect(state.values.messages).toHaveLength(2);
  });

  it("client.store: the caller's own memory and items; another user's namespace is not found", async () => {
    const thread = await alice.threads.create();
    await alice.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "quanti ordini oggi?" }] },
    });
    // The turn is recorded after its response: wait for it to land in the store.
    await server.runtime.settled();
    const own = ["users", "alice"];
    const found = await alice.store.searchItems(own, { limit: 100 });
    expect(found.items.map((i) => i.namespace.join("/"))).toContain("users/alice/interactions");
    expect(found.items.some((i) => i.key === "profile")).toBe(true);
    const namespaces = await alice.store.listNamespaces();
    expect(namespaces.namespaces.every((ns) => ns[0] === "users" && ns[1] === "alice")).toBe(true);

    await alice.store.putItem([...own, "notes"], "n1", { text: "ricordami di controllare i resi" });
    expect((await alice.store.getItem([...own, "notes"], "n1"))?.value).toEqual({
      text: "ricordami di controllare i resi",
    });
    // Bob cannot read, write or delete in Alice's namespace, and his searches never reach it.
    expect(await statusOf(bob.store.getItem([...own, "notes"], "n1"))).toBe(404);
    expect(await statusOf(bob.store.putItem([...own, "notes"], "n2", { text: "x" }))).toBe(404);
    expect(await statusOf(bob.store.deleteItem([...own, "notes"], "n1"))).toBe(404);
    expect((await bob.store.searchItems(own)).items).toEqual([]);
    expect((await bob.store.searchItems(["users"], { limit: 100 })).items).toEqual([]);
    expect((await bob.store.searchItems([], { limit: 100 })).items).toEqual([]);
    expect((await bob.store.listNamespaces({ prefix: ["users"] })).namespaces).toEqual([]);
    await alice.store.deleteItem([...own, "notes"], "n1");
    expect(await alice.store.getItem([...own, "notes"], "n1")).toBeNull();
  });

  it("cancel aborts a running run; the thread's last checkpoint stays as it was", async () => {
    const thread = await alice.threads.create();
    await alice.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "ciao" }] },
    });
    const before = await alice.threads.getState<Values>(thread.thread_id);
    const rowsBefore = await checkpointRows(server, thread.thread_id);

    const lock = await blockRuns(server);
    let runId: string | undefined;
    try {
      const events: { event: string; data: unknown }[] = [];
      for await (const part of alice.runs.stream(thread.thread_id, "milhena", {
        input: { messages: [{ role: "user", content: "the question that gets cancelled" }] },
        streamMode: ["values", "updates"],
      })) {
        events.push({ event: part.event, data: part.data });
        if (part.event === "metadata") {
          const { run_id } = part.data as { run_id: string };
          expect((await alice.threads.get(thread.thread_id)).status).toBe("busy");
          runId = run_id;
          await alice.runs.cancel(thread.thread_id, run_id);
        }
      }
      expect(events.map((e) => e.event)).not.toContain("error");
      expect((await alice.runs.get(thread.thread_id, runId!)).status).toBe("interrupted");
      // Finished runs cannot be cancelled again.
      expect(await statusOf(alice.runs.cancel(thread.thread_id, runId!))).toBe(404);
      expect(events.some((e) => e.event === "error")).toBe(false);
      // It was cancelled inside its first node (blocked on the lock): no node had finished.
      expect(events.some((e) => e.event === "updates")).toBe(false);
    } finally {
      await lock.release();
    }

    const after = await alice.threads.getState<Values>(thread.thread_id);
    expect(after.checkpoint.checkpoint_id).toBe(before.checkpoint.checkpoint_id);
    expect(after.values).toEqual(before.values);

    // The thread goes on from where it was; the cancelled question never reaches its history.
    const next = (await alice.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "grazie" }] },
    })) as unknown as Values;
    expect(next.messages.map((m) => m.content)).toEqual([
      ...before.values.messages.map((m) => m.content),
      "grazie",
      next.response!.answer,
    ]);
    const history = await alice.threads.getHistory<Values>(thread.thread_id, { limit: 50 });
    const everything = JSON.stringify(history.map((h) => h.values));
    expect(everything).not.toContain("the question that gets cancelled");
    expect(await checkpointRows(server, thread.thread_id)).toBeGreaterThan(rowsBefore);
  });

  it("multitask: reject → 409 while a run is active; enqueue waits its turn", async () => {
    const thread = await alice.threads.create();
    const ask = (content: string, multitaskStrategy?: "reject" | "enqueue") =>
      alice.runs.stream(thread.thread_id, "milhena", {
        input: { messages: [{ role: "user", content }] },
        streamMode: "values",
        ...(multitaskStrategy ? { multitaskStrategy } : {}),
      });
    const lock = await blockRuns(server);
    const first: { event: string; data: unknown }[] = [];
    const second: { event: string; data: unknown }[] = [];
    let queuedRunning: Promise<void> | undefined;
    try {
      for await (const part of ask("first question")) {
        first.push({ event: part.event, data: part.data });
        if (part.event !== "metadata") continue;
        // The first run holds the thread (blocked in its first node).
        const input = { messages: [{ role: "user", content: "rejected question" }] };
        expect(await statusOf(alice.runs.wait(thread.thread_id, "milhena", { input }))).toBe(409);
        const rejected = async () => {
          for await (const p of ask("rejected question", "reject")) void p;
        };
        expect(await statusOf(rejected())).toBe(409);
        // An enqueued run's stream opens at once (metadata), then waits for the thread.
        let queued: () => void = () => undefined;
        const isQueued = new Promise<void>((resolve) => (queued = resolve));
        queuedRunning = (async () => {
          for await (const p of ask("second question", "enqueue")) {
            second.push({ event: p.event, data: p.data });
            if (p.event === "metadata") queued();
          }
        })();
        await isQueued;
        expect(second.map((e) => e.event)).toEqual(["metadata"]);
        await lock.release();
      }
      await queuedRunning;
    } finally {
      await lock.release();
    }
    expect(first.at(-1)?.event).toBe("values");
    expect(second.at(-1)?.event).toBe("values");
    const runs = await alice.runs.list(thread.thread_id);
    expect(runs.map((r) => r.status)).toEqual(["success", "success"]);
    expect(runs.map((r) => r.multitask_strategy)).toEqual(["enqueue", "reject"]);
    const firstValues = first.filter((e) => e.event === "values").map((e) => e.data as Values);
    const secondValues = second.filter((e) => e.event === "values").map((e) => e.data as Values);
    // The queued run started from the first run's final state: no interleaving.
    expect(secondValues[0]!.messages.map((m) => m.content).slice(0, 2)).toEqual(
      firstValues.at(-1)!.messages.map((m) => m.content),
    );
    const state = await alice.threads.getState<Values>(thread.thread_id);
    const contents = state.values.messages.map((m) => m.content);
    expect(state.values.messages.map((m) => m.type)).toEqual(["human", "ai", "human", "ai"]);
    expect([contents[0], contents[2]]).toEqual(["first question", "second question"]);
    expect(JSON.stringify(state.values)).not.toContain("rejected question");
  });
});

describe("Agent Server API smoke on PGlite", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend: "pglite" });
  });

  afterAll(async () => {
    await server?.close();
  });

  it("creates a thread and waits for an answer", async () => {
    const sdk = client(server, await server.createKey("paola"));
    const thread = await sdk.threads.create();
    const values = (await sdk.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "quante esecuzioni oggi?" }] },
    })) as unknown as Values;
    expect(values.response).toMatchObject({ intent: "BUSINESS_DATA", threadId: thread.thread_id });
    expect(values.messages.at(-1)!.content).toBe(values.response!.answer);
    const state = await sdk.threads.getState<Values>(thread.thread_id);
    expect(state.values.messages).toHaveLength(2);
  });
});
