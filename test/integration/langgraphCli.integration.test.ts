import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import { runEtl } from "../../tools/etl.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";
import { truthRuns } from "../support/truth.ts";
import { freePort } from "../support/freePort.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function waitForServer(url: string, child: ChildProcess, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`langgraph dev exited early (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/ok`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`langgraph dev did not start in ${timeoutMs} ms:\n${log()}`);
}

// The CLI swaps in its own checkpointer; the business data comes from a fresh PostgreSQL database
// (PGlite is single-process, so it cannot be shared with the test while the server runs).
describe.runIf(TEST_BACKENDS.includes("postgres"))("langgraph dev serves the Milhena graph", () => {
  let db: TestDatabase;
  let child: ChildProcess;
  let output = "";
  let url = "";
  const now = new Date();

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    await migrate(db.pool, { app: "milhena", n8n: "n8n" });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 1500, days: 10, seed: 3, now });
    await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: "UTC" });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LANGGRAPH_CLI_NO_ANALYTICS: "1",
      LOG_LEVEL: "warn",
      BUSINESS_TZ: "UTC",
      DATABASE_URL: db.connectionString,
    };
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/@langchain/langgraph-cli/dist/cli/cli.mjs"),
        "dev",
        "--port",
        String(port),
        "--host",
        "127.0.0.1",
        "--no-browser",
        "--config",
        path.join(ROOT, "langgraph.json"),
      ],
      { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    await waitForServer(url, child, () => output, 120_000);
  }, 180_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 1000));
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
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
