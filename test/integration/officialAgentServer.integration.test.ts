import { randomUUID } from "node:crypto";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import { createApiKeyStore } from "../../server/auth/apiKeys.ts";
import { runEtl } from "../../tools/etl.ts";
import {
  childServerEnv,
  startChildServer,
  startLanggraphDev,
  type ChildServer,
} from "../support/childServer.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

/**
 * The official JavaScript Agent Server's API tests (LangGraph.js, `libs/langgraph-api/tests/api.test.mts`)
 * for the routes Milhena serves, adapted to Milhena's graph: the same file runs against `npm run serve`
 * on PostgreSQL and against `langgraph dev` (the official server) on the same graph, which shows the
 * adaptation asks only what the official server does.
 *
 * What the adaptation changes: the official suite's demo graphs (an agent with a tool, an erroring
 * graph) become Milhena's graph (its nodes, a recursion limit of 1 as the failing run); the official
 * suite truncates the server's storage before each test, this one tags the threads of each test with
 * a metadata value of its own and searches by it; background runs start at once (Milhena does not
 * support `after_seconds`), and multitasking is shown with "enqueue", which does not depend on timing.
 */

const NODES = ["cacheCheck", "classify", "businessTool", "translate", "persistMemory"];
const config = { configurable: { user_id: "official" } };
const input = (content: string) => ({ messages: [{ type: "human", content }] });

interface Message {
  readonly id?: string;
  readonly type: string;
  readonly content: string;
}
interface AgentState {
  messages: Message[];
}

type Target = "npm run serve" | "langgraph dev";

/** Each target's server on its own fresh PostgreSQL database with the same demo data. */
async function startTarget(
  target: Target,
  db: TestDatabase,
): Promise<{ server: ChildServer; client: Client }> {
  const env = childServerEnv(db.connectionString, { RATE_LIMIT_RPM: "6000", RATE_LIMIT_BURST: "1000" });
  if (target === "npm run serve") {
    const { key } = await createApiKeyStore(db.pool, "milhena").create("official-tests", "user");
    const server = await startChildServer("npm", ["run", "--silent", "serve"], {
      env,
      readyPath: "/ready",
      timeoutMs: 60_000,
    });
    return { server, client: new Client({ apiUrl: server.url, apiKey: key }) };
  }
  const server = await startLanggraphDev(env);
  return { server, client: new Client({ apiUrl: server.url }) };
}

const TARGETS: Target[] = TEST_BACKENDS.includes("postgres") ? ["npm run serve", "langgraph dev"] : [];

describe.each(TARGETS)("the official Agent Server tests against %s", (target) => {
  let db: TestDatabase;
  let server: ChildServer;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    await migrate(db.pool, { app: "milhena", n8n: "n8n" });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 600, days: 10, seed: 5, now: new Date() });
    await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: "UTC" });
    ({ server, client } = await startTarget(target, db));
  }, 200_000);

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  /** A metadata value of this test's own: searches by it see only this test's threads. */
  const tag = () => ({ suite: randomUUID() });

  describe("assistants", () => {
    it("schemas", async () => {
      const assistant = await client.assistants.get("milhena");
      expect(assistant).toMatchObject({ graph_id: "milhena" });
      const graph = await client.assistants.getGraph(assistant.assistant_id);
      expect(graph).toMatchObject({
        nodes: expect.arrayContaining([
          expect.objectContaining({ id: "__start__", type: "schema" }),
          ...NODES.map((id) => expect.objectContaining({ id, type: "runnable" }) as unknown),
          expect.objectContaining({ id: "__end__", type: "schema" }),
        ]) as unknown,
        edges: expect.arrayContaining([
          expect.objectContaining({ source: "__start__", target: "cacheCheck" }),
          expect.objectContaining({ source: "persistMemory", target: "__end__" }),
        ]) as unknown,
      });
      const schemas = await client.assistants.getSchemas(assistant.assistant_id);
      expect(schemas.input_schema).not.toBe(null);
      expect(schemas.output_schema).not.toBe(null);
      expect(schemas.state_schema).toMatchObject({
        type: "object",
        properties: { messages: { type: "array" } },
        definitions: expect.any(Object) as unknown,
        $schema: "http://json-schema.org/draft-07/schema#",
      });
    });

    it("list assistants", async () => {
      const all = await client.assistants.search({ graphId: "milhena" });
      expect(all.length).toBeGreaterThanOrEqual(1);
      expect(all.every((a) => a.graph_id === "milhena")).toBe(true);
      expect(await client.assistants.search({ graphId: "no-such-graph" })).toEqual([]);
    });
  });

  describe("threads crud", () => {
    it("create, read, update, delete thread", async () => {
      const suite = tag();
      const metadata = { name: "test_thread", ...suite };
      const threadOne = await client.threads.create({ metadata });
      expect(threadOne.metadata).toEqual(metadata);

      let get = await client.threads.get(threadOne.thread_id);
      expect(get.thread_id).toBe(threadOne.thread_id);
      expect(get.metadata).toEqual(metadata);

      await client.threads.update(threadOne.thread_id, { metadata: { modified: true } });
      get = await client.threads.get(threadOne.thread_id);
      expect(get.metadata).toEqual({ ...metadata, modified: true });

      const threadTwo = await client.threads.create({ metadata: { name: "another_thread", ...suite } });
      let search = await client.threads.search({ metadata: suite });
      expect(search.length).toBe(2);
      expect(search[0]!.thread_id).toBe(threadTwo.thread_id);
      expect(search[1]!.thread_id).toBe(threadOne.thread_id);

      search = await client.threads.search({ metadata: { modified: true, ...suite } });
      expect(search.length).toBe(1);
      expect(search[0]!.thread_id).toBe(threadOne.thread_id);

      await client.threads.delete(threadOne.thread_id);
      search = await client.threads.search({ metadata: suite });
      expect(search.length).toBe(1);
      expect(search[0]!.thread_id).toBe(threadTwo.thread_id);
    });

    it("list threads", async () => {
      const suite = tag();
      let search = await client.threads.search({ metadata: suite });
      expect(search.length).toBe(0);

      const first = await client.threads.create({ metadata: suite });
      search = await client.threads.search({ metadata: suite });
      expect(search.length).toBe(1);
      expect(first.thread_id).toBe(search[0]!.thread_id);

      const metadata = { name: "test_thread", ...suite };
      const second = await client.threads.create({ metadata });
      search = await client.threads.search({ metadata: suite });
      expect(search.length).toBe(2);
      expect(second.thread_id).toBe(search[0]!.thread_id);

      search = await client.threads.search({ metadata });
      expect(search.length).toBe(1);
      expect(second.thread_id).toBe(search[0]!.thread_id);

      search = await client.threads.search({ metadata: suite, offset: 1, limit: 1 });
      expect(search.length).toBe(1);
      expect(first.thread_id).toBe(search[0]!.thread_id);

      search = await client.threads.search({ metadata: suite, sortBy: "created_at", sortOrder: "asc" });
      expect(search.map((t) => t.thread_id)).toEqual([first.thread_id, second.thread_id]);
      search = await client.threads.search({ metadata: suite, sortBy: "created_at", sortOrder: "desc" });
      expect(search.map((t) => t.thread_id)).toEqual([second.thread_id, first.thread_id]);
    });

    it("search by status and values filters before paging", async () => {
      const suite = tag();
      // Oldest first: one never run, one answered, one failed (the newest, first in the default order).
      await client.threads.create({ metadata: suite });
      const answered = await client.threads.create({ metadata: suite });
      await client.runs.wait(answered.thread_id, "milhena", { input: input("ciao"), config });
      const failed = await client.threads.create({ metadata: suite });
      await expect(
        client.runs.wait(failed.thread_id, "milhena", {
          input: input("ciao"),
          config: { ...config, recursion_limit: 1 },
        }),
      ).rejects.toThrow(/GraphRecursionError/);

      const errors = await client.threads.search({ metadata: suite, status: "error", limit: 1 });
      expect(errors.map((t) => t.thread_id)).toEqual([failed.thread_id]);
      const greeted = await client.threads.search({
        metadata: suite,
        values: { response: { intent: "GREETING" } },
        limit: 1,
      });
      expect(greeted.map((t) => t.thread_id)).toEqual([answered.thread_id]);
    });
  });

  describe("runs", () => {
    it("wait", async () => {
      const thread = await client.threads.create();
      const values = (await client.runs.wait(thread.thread_id, "milhena", {
        input: input("foo"),
        config,
      })) as unknown as AgentState;
      expect(Array.isArray(values.messages)).toBe(true);
      const threadUpdated = await client.threads.get(thread.thread_id);
      expect(threadUpdated.status).toBe("idle");
    });

    it("wait error", async () => {
      const thread = await client.threads.create();
      await expect(
        client.runs.wait(thread.thread_id, "milhena", {
          input: input("foo"),
          config: { ...config, recursion_limit: 1 },
        }),
      ).rejects.toThrowError(/GraphRecursionError/);
      const threadUpdated = await client.threads.get(thread.thread_id);
      expect(threadUpdated.status).toBe("error");
    });

    it("stream values", async () => {
      const thread = await client.threads.create();
      let runId: string | null = null;
      let previousMessageIds: string[] = [];
      const seenEventTypes = new Set<string>();
      let last: { event: string; data: unknown } | null = null;
      for await (const chunk of client.runs.stream(thread.thread_id, "milhena", {
        input: input("foo"),
        streamMode: "values",
        config,
      })) {
        seenEventTypes.add(chunk.event);
        last = chunk;
        if (chunk.event === "metadata") runId = (chunk.data as { run_id: string }).run_id;
        if (chunk.event === "values") {
          const messageIds = (chunk.data as unknown as AgentState).messages.map((m) => m.id ?? "");
          expect(messageIds.slice(0, previousMessageIds.length)).toEqual(previousMessageIds);
          previousMessageIds = messageIds;
        }
      }
      expect(last?.event).toBe("values");
      expect(seenEventTypes).toEqual(new Set(["metadata", "values"]));
      expect(runId).not.toBeNull();
      const run = await client.runs.get(thread.thread_id, runId!);
      expect(run.status).toBe("success");
      const runCheckpoints = await client.threads.getHistory(thread.thread_id);
      expect(runCheckpoints.length).toBeGreaterThan(1);
    });

    it("stream updates", async () => {
      const thread = await client.threads.create();
      let runId: string | null = null;
      const seenEventTypes = new Set<string>();
      const seenNodes: string[] = [];
      let last: { event: string; data: unknown } | null = null;
      for await (const chunk of client.runs.stream(thread.thread_id, "milhena", {
        input: input(`how many workflows failed in the last ${2 + Math.floor(Math.random() * 20)} days?`),
        streamMode: "updates",
        config,
      })) {
        seenEventTypes.add(chunk.event);
        last = chunk;
        if (chunk.event === "metadata") runId = (chunk.data as { run_id: string }).run_id;
        if (chunk.event === "updates") seenNodes.push(Object.keys(chunk.data)[0]!);
      }
      expect(seenNodes).toEqual(NODES);
      expect(last?.event).toBe("updates");
      expect(seenEventTypes).toEqual(new Set(["metadata", "updates"]));
      const run = await client.runs.get(thread.thread_id, runId!);
      expect(run.status).toBe("success");
    });

    it("list runs", async () => {
      const thread = await client.threads.create();
      await client.runs.wait(thread.thread_id, "milhena", { input: input("foo"), config });
      const background = await client.runs.create(thread.thread_id, "milhena", {
        input: input("bar"),
        config,
      });
      expect(background.thread_id).toBe(thread.thread_id);
      await client.runs.join(thread.thread_id, background.run_id);
      let runs = await client.runs.list(thread.thread_id);
      expect(runs.length).toBe(2);
      expect(runs.map((r) => r.run_id)).toContain(background.run_id);
      runs = await client.runs.list(thread.thread_id, { status: "success" });
      expect(runs.length).toBe(2);
      runs = await client.runs.list(thread.thread_id, { status: "error" });
      expect(runs.length).toBe(0);
    });

    it("non-existent graph id", async () => {
      const thread = await client.threads.create();
      await expect(
        client.runs.wait(thread.thread_id, "non-existent", { input: input("foo") }),
      ).rejects.toThrow(/No assistant found for/);
      const stream = async () => {
        for await (const chunk of client.runs.stream(thread.thread_id, "non-existent", {
          input: input("foo"),
        }))
          void chunk;
      };
      await expect(stream()).rejects.toThrow(/No assistant found for/);
    });

    it("history: the input checkpoint first, and filtered by the run's metadata", async () => {
      const thread = await client.threads.create();
      await client.runs.wait(thread.thread_id, "milhena", { input: input("foo"), config });
      const history = await client.threads.getHistory<AgentState>(thread.thread_id, { limit: 100 });
      expect(history[0]!.values.messages.length).toBe(2);
      expect(history[0]!.next.length).toBe(0);
      expect(history.at(-1)?.next).toEqual(["__start__"]);

      const runMetadata = { run_metadata: "run_metadata" };
      await client.runs.wait(thread.thread_id, "milhena", {
        input: input("bar"),
        metadata: runMetadata,
        config,
      });
      const fullHistory = await client.threads.getHistory<AgentState>(thread.thread_id, { limit: 100 });
      const filteredHistory = await client.threads.getHistory<AgentState>(thread.thread_id, {
        limit: 100,
        metadata: runMetadata,
      });
      expect(fullHistory.length).toBe(2 * history.length);
      expect(fullHistory.at(-1)?.values.messages ?? []).toHaveLength(0);
      expect(filteredHistory.length).toBe(history.length);
      expect(filteredHistory.at(-1)?.values.messages.length).toBe(2);
    });

    it("update state, and fork from an earlier checkpoint", async () => {
      const thread = await client.threads.create();
      await client.runs.wait(thread.thread_id, "milhena", { input: input("foo"), config });
      const original = await client.threads.getState<AgentState>(thread.thread_id);
      const question = original.values.messages[0]!;
      await client.threads.updateState(thread.thread_id, {
        values: { messages: [{ type: "human", content: "bar", id: question.id }] },
      });
      const updated = await client.threads.getState<AgentState>(thread.thread_id);
      expect(updated.values.messages[0]!.content).toBe("bar");
      expect(updated.values.messages).toHaveLength(2);
      // The state before the update is still there, at its checkpoint.
      const before = await client.threads.getState<AgentState>(
        thread.thread_id,
        original.checkpoint.checkpoint_id!,
      );
      expect(before.values.messages[0]!.content).toBe("foo");
      // A run from that checkpoint forks the thread there.
      const forked = (await client.runs.wait(thread.thread_id, "milhena", {
        input: input("baz"),
        checkpointId: original.checkpoint.checkpoint_id!,
        config,
      })) as unknown as AgentState;
      expect(forked.messages.map((m) => m.content).slice(0, 3)).toEqual([
        "foo",
        original.values.messages[1]!.content,
        "baz",
      ]);
    });
  });

  describe("errors", () => {
    it("stream", async () => {
      const thread = await client.threads.create();
      const chunks: { event: string; data: unknown }[] = [];
      for await (const chunk of client.runs.stream(thread.thread_id, "milhena", {
        input: input("foo"),
        config: { ...config, recursion_limit: 1 },
      }))
        chunks.push(chunk);
      expect(chunks.at(-1)).toMatchObject({ event: "error", data: { error: "GraphRecursionError" } });
    });

    it("create + join", async () => {
      const thread = await client.threads.create();
      const run = await client.runs.create(thread.thread_id, "milhena", {
        input: input("foo"),
        config: { ...config, recursion_limit: 1 },
      });
      await client.runs.join(thread.thread_id, run.run_id);
      const runState = await client.runs.get(thread.thread_id, run.run_id);
      expect(runState.status).toEqual("error");
    });
  });

  describe("multitasking", () => {
    it("multitasking enqueue", async () => {
      const thread = await client.threads.create();
      const run1 = await client.runs.create(thread.thread_id, "milhena", { input: input("foo"), config });
      const run2 = await client.runs.create(thread.thread_id, "milhena", {
        input: input("bar"),
        multitaskStrategy: "enqueue",
        config,
      });
      await client.runs.join(thread.thread_id, run1.run_id);
      await client.runs.join(thread.thread_id, run2.run_id);
      expect((await client.runs.get(thread.thread_id, run1.run_id)).status).toBe("success");
      expect((await client.runs.get(thread.thread_id, run2.run_id)).status).toBe("success");
      const state = await client.threads.getState<AgentState>(thread.thread_id);
      expect(state.values.messages.length).toBe(4);
      expect(state.values.messages.at(0)?.content).toBe("foo");
      expect(state.values.messages.at(-2)?.content).toBe("bar");
    });
  });
});
