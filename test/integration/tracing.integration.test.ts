import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../config/env.ts";
import { createMilhenaRuntime } from "../../graph/runtime.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import { Client } from "@langchain/langgraph-sdk";
import { capturingLogger } from "../support/fakes.ts";
import { startTestServer } from "../support/testServer.ts";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.ts";

/** A stand-in LangSmith API that records what it receives. */
async function startCapture() {
  const bodies: string[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      paths.push(`${req.method} ${req.url}`);
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    paths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("LangSmith tracing", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 300, days: 10, seed: 3, now: new Date() });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("sends one readable run per node, with the prompt versions, when a key is set", async () => {
    const capture = await startCapture();
    try {
      const runtime = await createMilhenaRuntime(
        loadEnv({
          LANGSMITH_TRACING: "true",
          LANGSMITH_API_KEY: "test-langsmith-key",
          LANGSMITH_ENDPOINT: capture.url,
          LOG_LEVEL: "silent",
        }),
        { database: db },
      );
      expect(runtime.tracing.enabled).toBe(true);
      const r = await runtime.ask("ciao!");
      expect(r.intent).toBe("GREETING");
      await runtime.tracing.flush(10_000);
      const sent = capture.bodies.join("\n");
      for (const name of ["milhena", "cacheCheck", "classify", "respond", "persistMemory"]) {
        expect(sent).toContain(`"name":"${name}"`);
      }
      expect(sent).toContain("plan-2026-");
      expect(sent).not.toContain("test-langsmith-key");
    } finally {
      await capture.close();
    }
  });

  it("an Agent Server run is traced as a chat run is: its name, the prompt versions, each node", async () => {
    const capture = await startCapture();
    const server = await startTestServer({
      env: {
        LANGSMITH_TRACING: "true",
        LANGSMITH_API_KEY: "test-langsmith-key",
        LANGSMITH_ENDPOINT: capture.url,
      },
    });
    try {
      const client = new Client({ apiUrl: server.baseUrl, apiKey: await server.createKey("traced") });
      const thread = await client.threads.create();
      await client.runs.wait(thread.thread_id, "milhena", {
        input: { messages: [{ role: "user", content: "ciao!" }] },
      });
      await server.runtime.tracing.flush(10_000);
      const sent = capture.bodies.join("\n");
      for (const name of ["milhena", "cacheCheck", "classify", "respond", "persistMemory"]) {
        expect(sent).toContain(`"name":"${name}"`);
      }
      expect(sent).toContain("plan-2026-");
      expect(sent).toContain(thread.thread_id);
    } finally {
      await server.close();
      await capture.close();
    }
  });

  it("nothing breaks when LangSmith is unreachable", async () => {
    const { logger } = capturingLogger();
    const runtime = await createMilhenaRuntime(
      loadEnv({
        LANGSMITH_TRACING: "true",
        LANGSMITH_API_KEY: "test-langsmith-key",
        LANGSMITH_ENDPOINT: "http://127.0.0.1:9", // discard port: nothing listens
      }),
      { database: db, logger },
    );
    const r = await runtime.ask("how many workflow runs in the last 7 days?");
    expect(r.intent).toBe("BUSINESS_DATA");
    expect(r.answer).toMatch(/\d/);
    await runtime.tracing.flush(3_000);
  });

  it("stays off without a key, and says so", async () => {
    const { logger, lines } = capturingLogger();
    const runtime = await createMilhenaRuntime(loadEnv({ LANGSMITH_TRACING: "true" }), {
      database: db,
      logger,
    });
    expect(runtime.tracing.enabled).toBe(false);
    expect(lines.some((l) => l.event === "tracing.disabled")).toBe(true);
  });
});
