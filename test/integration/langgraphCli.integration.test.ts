import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import { runEtl } from "../../tools/etl.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";
import { truthRuns } from "../support/truth.ts";
import { childServerEnv, startLanggraphDev, type ChildServer } from "../support/childServer.ts";

// The CLI swaps in its own checkpointer; the business data comes from a fresh PostgreSQL database
// (PGlite is single-process, so it cannot be shared with the test while the server runs).
describe.runIf(TEST_BACKENDS.includes("postgres"))("langgraph dev serves the Milhena graph", () => {
  let db: TestDatabase;
  let server: ChildServer;
  let url = "";
  const now = new Date();

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    await migrate(db.pool, { app: "milhena", n8n: "n8n" });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 1500, days: 10, seed: 3, now });
    await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: "UTC" });
    server = await startLanggraphDev(childServerEnv(db.connectionString));
    url = server.url;
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it("answers through threads.create and runs.wait", async () => {
    const client = new Client({ apiUrl: url });
    const thread = await client.threads.create();
    const state = (await client.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: "how many workflow runs today?" }] },
      config: { configurable: { user_id: "studio" } },
    })) as { response?: { answer: string; intent: string; queryType: string } };
    expect(state.response).toMatchObject({ intent: "BUSINESS_DATA", queryType: "TODAY_ACTIVITY" });
    const expected = await truthRuns(db.pool, { schema: "n8n", timeZone: "UTC", now }, 0, 1);
    expect(state.response!.answer).toContain(new Intl.NumberFormat("en-GB").format(expected));
  }, 120_000);
});
