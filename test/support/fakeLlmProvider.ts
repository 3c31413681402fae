import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake answers to one request. */
export type FakeReply =
  | {
      readonly kind: "text";
      readonly text: string;
      readonly inputTokens?: number;
      readonly outputTokens?: number;
    }
  | { readonly kind: "status"; readonly status: number; readonly retryAfter?: string; readonly body?: string }
  | { readonly kind: "hang" }
  | { readonly kind: "malformed" };

export type FakeProviderName = "gemini" | "groq";

export interface RecordedRequest {
  readonly provider: FakeProviderName;
  readonly model: string;
  readonly apiKey: string | undefined;
  /** The whole prompt text sent (system + user), for assertions and scripted replies. */
  readonly prompt: string;
  readonly body: unknown;
}

/** Decides a reply when no scripted one is queued. */
export type FakeResponder = (request: RecordedRequest) => FakeReply;

/**
 * A local HTTP server that speaks Gemini's `generateContent` and Groq's OpenAI-style chat completions,
 * so tests drive the real `@langchain/google-genai` and `@langchain/groq` clients through their base URL.
 * Replies are scripted per provider (a queue), or computed by a responder.
 */
export interface FakeLlmProvider {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Queues replies for the next requests to this provider, in order. */
  script(provider: FakeProviderName, ...replies: FakeReply[]): void;
  /** The reply used once the provider's queue is empty (default: a 500). */
  respondWith(provider: FakeProviderName, responder: FakeResponder): void;
  count(provider: FakeProviderName): number;
  reset(): void;
  close(): Promise<void>;
}

const GEMINI_PATH = /^\/v1(?:beta)?\/models\/([^/:]+):generateContent$/;
const GROQ_PATH = "/openai/v1/chat/completions";

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).join("\n");
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.text === "string") return o.text;
    if ("parts" in o) return textOf(o.parts);
    if ("content" in o) return textOf(o.content);
  }
  return "";
}

function promptOf(provider: FakeProviderName, body: Record<string, unknown>): string {
  if (provider === "gemini") return [textOf(body.systemInstruction), textOf(body.contents)].join("\n");
  return textOf(body.messages);
}

function geminiBody(text: string, inputTokens: number, outputTokens: number): unknown {
  return {
    candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
    usageMetadata: {
      promptTokenCount: inputTokens,
      candidatesTokenCount: outputTokens,
      totalTokenCount: inputTokens + outputTokens,
    },
    modelVersion: "fake",
  };
}

function groqBody(model: string, text: string, inputTokens: number, outputTokens: number): unknown {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message: { role: "assistant", content: text }, finish_reason: "stop", logprobs: null },
    ],
    usage: {
      prompt_tokens: inputTokens,
      completion_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
    },
  };
}

function errorBody(provider: FakeProviderName, status: number, retryAfter: string | undefined): string {
  if (provider === "groq")
    return JSON.stringify({ error: { message: `fake error ${status}`, type: "server_error" } });
  // Gemini says how long to wait in the body (google.rpc.RetryInfo), as the real API does.
  const details =
    retryAfter !== undefined
      ? [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfter}s` }]
      : [];
  return JSON.stringify({
    error: {
      code: status,
      message: `fake error ${status}`,
      status: status === 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE",
      details,
    },
  });
}

export async function startFakeLlmProvider(): Promise<FakeLlmProvider> {
  const queues: Record<FakeProviderName, FakeReply[]> = { gemini: [], groq: [] };
  const fallback: Record<FakeProviderName, FakeResponder> = {
    gemini: () => ({ kind: "status", status: 500 }),
    groq: () => ({ kind: "status", status: 500 }),
  };
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const gemini = GEMINI_PATH.exec(url.pathname);
      const provider: FakeProviderName | null = gemini
        ? "gemini"
        : url.pathname === GROQ_PATH
          ? "groq"
          : null;
      if (!provider || req.method !== "POST") {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":"bad json"}');
        return;
      }
      const model = gemini
        ? decodeURIComponent(gemini[1] ?? "")
        : typeof body.model === "string"
          ? body.model
          : "";
      const apiKey =
        provider === "gemini"
          ? (req.headers["x-goog-api-key"] as string | undefined)
          : req.headers.authorization?.replace(/^Bearer /, "");
      const recorded: RecordedRequest = { provider, model, apiKey, prompt: promptOf(provider, body), body };
      requests.push(recorded);
      const reply = queues[provider].shift() ?? fallback[provider](recorded);
      switch (reply.kind) {
        case "hang":
          hanging.add(res);
          res.on("close", () => hanging.delete(res));
          return;
        case "malformed":
          res.writeHead(200, { "content-type": "application/json" }).end('{"candidates": [ {"content": tru');
          return;
        case "status": {
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (reply.retryAfter !== undefined) headers["retry-after"] = reply.retryAfter;
          res
            .writeHead(reply.status, headers)
            .end(reply.body ?? errorBody(provider, reply.status, reply.retryAfter));
          return;
        }
        case "text": {
          const input = reply.inputTokens ?? 50;
          const output = reply.outputTokens ?? 10;
          const payload =
            provider === "gemini"
              ? geminiBody(reply.text, input, output)
              : groqBody(model, reply.text, input, output);
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    script: (provider, ...replies) => {
      queues[provider].push(...replies);
    },
    respondWith: (provider, responder) => {
      fallback[provider] = responder;
    },
    count: (provider) => requests.filter((r) => r.provider === provider).length,
    reset: () => {
      queues.gemini.length = 0;
      queues.groq.length = 0;
      requests.length = 0;
      fallback.gemini = () => ({ kind: "status", status: 500 });
      fallback.groq = () => ({ kind: "status", status: 500 });
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
