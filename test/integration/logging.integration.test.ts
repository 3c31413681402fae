import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../config/logger.ts";
import { startFakeLlmProvider, type FakeLlmProvider } from "../support/fakeLlmProvider.ts";
import { startTestServer, type TestServer } from "../support/testServer.ts";

interface Line {
  readonly [key: string]: unknown;
}

/**
 * One logger from HTTP to the graph: the server's request lines, the graph's nodes and the LLM calls
 * (against a provider that fails every call) all write the same JSON format, and each line written
 * while a request is handled names that request.
 */
describe("one logger", () => {
  let fake: FakeLlmProvider;
  let t: TestServer;
  let key: string;
  const lines: Line[] = [];

  beforeAll(async () => {
    fake = await startFakeLlmProvider();
    const logger = createLogger(
      "debug",
      {},
      { write: (line: string) => void lines.push(JSON.parse(line) as Line) },
    );
    t = await startTestServer({
      logger,
      env: {
        GROQ_API_KEY: "test-groq-secret-key",
        GROQ_BASE_URL: fake.baseUrl,
        GROQ_RPM: "10000",
        LLM_TIMEOUT_MS: "2000",
        CACHE_TTL_SECONDS: "0",
        // Answers are rephrased by the LLM, so every data answer calls it (and the call fails).
        LLM_REPHRASE: "true",
      },
    });
    key = await t.createKey("logged-user");
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it("a request's lines, from HTTP to the graph and the LLM calls, share one format and its request id", async () => {
    const question = "quante email sono arrivate oggi nella casella ordini?";
    const unsafe = "'; DROP TABLE n8n.execution_entity; -- segreto";
    const ask = async (message: string, requestId: string) => {
      const res = await fetch(`${t.baseUrl}/api/chat`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "x-request-id": requestId,
        },
        body: JSON.stringify({ message }),
      });
      expect(res.status).toBe(200);
    };
    await ask(question, "req-chat-1");
    await ask(unsafe, "req-chat-2");
    // And through the Agent Server API.
    const client = new Client({
      apiUrl: t.baseUrl,
      apiKey: key,
      defaultHeaders: { "x-request-id": "req-sdk-1" },
    });
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, "milhena", {
      input: { messages: [{ role: "user", content: question }] },
    });

    const ofRequest = (id: string) => lines.filter((l) => l.requestId === id);
    for (const id of ["req-chat-1", "req-chat-2", "req-sdk-1"]) {
      expect(ofRequest(id).map((l) => l.msg)).toContain("request");
    }
    // The data answers called the LLM (which failed) from inside the graph: those lines name the request.
    for (const id of ["req-chat-1", "req-sdk-1"]) {
      expect(ofRequest(id).map((l) => l.msg)).toContain("llm call failed");
    }
    expect(lines.filter((l) => l.msg === "llm call failed" && !l.requestId)).toEqual([]);
    expect(ofRequest("req-chat-2").some((l) => l.msg === "unsafe request refused")).toBe(true);
    // One format: ISO time, the level as a word, a message, the service.
    for (const line of lines) {
      expect(line).toMatchObject({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
        level: expect.stringMatching(/^(debug|info|warn|error)$/) as string,
        msg: expect.any(String) as string,
        service: "milhena",
      });
    }
    // The lines of the graph and the LLM calls carry the thread and the user too.
    const failed = ofRequest("req-sdk-1").find((l) => l.msg === "llm call failed");
    expect(failed).toMatchObject({ threadId: thread.thread_id, userId: "logged-user", provider: "groq" });
    // No line carries a key, the question, or the injected text.
    const all = JSON.stringify(lines);
    expect(all).not.toContain(key);
    expect(all).not.toContain("test-groq-secret-key");
    expect(all).not.toContain(question);
    expect(all).not.toContain("segreto");
  });
});
