import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchedPostgresSaver } from "../../db/batchedCheckpointer.ts";
import { migrate } from "../../db/migrate.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  note: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
});

/** Two steps, so a run leaves several channels (messages, note, branches) for the saver to write. */
function graphOn(saver: PostgresSaver) {
  return new StateGraph(State)
    .addNode("answer", (s: typeof State.State) => ({
      messages: [new AIMessage(`echo ${s.messages.at(-1)?.text ?? ""}`)],
    }))
    .addNode("count", (s: typeof State.State) => ({ note: `${s.messages.length} messages` }))
    .addEdge(START, "answer")
    .addEdge("answer", "count")
    .addEdge("count", END)
    .compile({ checkpointer: saver });
}

describe.each(TEST_BACKENDS)("the one-statement checkpoint save on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await migrate(db.pool, { app: "milhena", n8n: "n8n" });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("writes what the library's saver writes, in one statement, and the library reads it back", async () => {
    const batched = new BatchedPostgresSaver(db.pool, "milhena");
    const library = new PostgresSaver(db.pool, undefined, { schema: "milhena" });
    const run = async (saver: PostgresSaver, thread: string) => {
      const graph = graphOn(saver);
      for (const q of ["uno", "due", "tre"])
        await graph.invoke({ messages: [new HumanMessage(q)] }, { configurable: { thread_id: thread } });
      return graph;
    };
    const statements: string[] = [];
    const original = db.pool.query.bind(db.pool);
    db.pool.query = ((...args: Parameters<typeof db.pool.query>) => {
      const first: unknown = args[0];
      statements.push(typeof first === "string" ? first : String((first as { text: string }).text));
      return original(...args);
    }) as typeof db.pool.query;
    let ours;
    try {
      ours = await run(batched, "batched");
    } finally {
      db.pool.query = original;
    }
    const theirs = await run(library, "library");
    // Every save went as one statement on the pool (no transaction of its own).
    expect(statements.filter((s) => s.includes("checkpoint_blobs") && s.startsWith("WITH")).length).toBe(
      statements.filter((s) => s.includes("INSERT INTO")).length,
    );
    expect(statements.some((s) => /^BEGIN/.test(s))).toBe(false);

    const stateOf = async (graph: typeof ours, thread: string) => {
      const values = (await graph.getState({ configurable: { thread_id: thread } })).values as {
        messages: { content: unknown }[];
        note: unknown;
      };
      return { messages: values.messages.map((m) => m.content), note: values.note };
    };
    expect(await stateOf(ours, "batched")).toEqual(await stateOf(theirs, "library"));
    // The library's own saver reads what ours wrote, history included.
    const readBack = graphOn(library);
    expect(await stateOf(readBack, "batched")).toEqual(await stateOf(theirs, "library"));
    const history = async (thread: string) => {
      const out: number[] = [];
      for await (const s of readBack.getStateHistory({ configurable: { thread_id: thread } }))
        out.push((s.values as { messages?: unknown[] }).messages?.length ?? 0);
      return out;
    };
    expect(await history("batched")).toEqual(await history("library"));
    const rows = async (thread: string) =>
      (
        await db.pool.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM milhena.checkpoint_blobs WHERE thread_id = $1)::int
                + (SELECT count(*) FROM milhena.checkpoints WHERE thread_id = $1)::int AS n`,
          [thread],
        )
      ).rows[0]?.n;
    expect(await rows("batched")).toBe(await rows("library"));
  });
});
