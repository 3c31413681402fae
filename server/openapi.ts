import { z } from "zod";
import { ChatRequestSchema } from "./routes/chat.ts";

type Method = "get" | "post" | "put" | "patch" | "delete";

export interface RouteDoc {
  readonly method: Method;
  /** OpenAPI path ("/api/threads/{id}"). */
  readonly path: string;
  readonly summary: string;
  readonly tag: "chat" | "operations" | "agent-server";
  readonly auth: boolean;
  readonly body?: z.ZodType;
  readonly stream?: boolean;
}

/** Every route the server answers: the OpenAPI document is built from this, and a test checks the app against it. */
export const ROUTES: readonly RouteDoc[] = [
  { method: "get", path: "/health", summary: "The process is up", tag: "operations", auth: false },
  { method: "get", path: "/live", summary: "Liveness probe", tag: "operations", auth: false },
  {
    method: "get",
    path: "/ready",
    summary: "Readiness: database reachable, migrations done, LLM breaker states",
    tag: "operations",
    auth: false,
  },
  {
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics (with METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>`)",
    tag: "operations",
    auth: false,
  },
  { method: "get", path: "/openapi.json", summary: "This document", tag: "operations", auth: false },
  {
    method: "post",
    path: "/api/chat",
    summary: "Ask a question; returns the response object",
    tag: "chat",
    auth: true,
    body: ChatRequestSchema,
  },
  {
    method: "post",
    path: "/api/chat/stream",
    summary: "Ask a question; Server-Sent Events: meta, progress, chunk, final (or error)",
    tag: "chat",
    auth: true,
    body: ChatRequestSchema,
    stream: true,
  },
  {
    method: "get",
    path: "/api/threads",
    summary: "The caller's conversations, newest first",
    tag: "chat",
    auth: true,
  },
  { method: "get", path: "/api/threads/{id}", summary: "A conversation's messages", tag: "chat", auth: true },
  { method: "delete", path: "/api/threads/{id}", summary: "Delete a conversation", tag: "chat", auth: true },
  {
    method: "delete",
    path: "/api/me/data",
    summary: "Erase the caller's conversations, memory and cache entries",
    tag: "chat",
    auth: true,
  },
  {
    method: "get",
    path: "/info",
    summary: "Server info (LangGraph Agent Server API)",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/assistants/search",
    summary: "Search assistants",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/assistants/{assistantId}",
    summary: "Get an assistant",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/assistants/{assistantId}/graph",
    summary: "An assistant's graph",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/assistants/{assistantId}/schemas",
    summary: "An assistant's schemas",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/assistants/{assistantId}/subgraphs",
    summary: "An assistant's subgraphs (Milhena's graph has none)",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/assistants/{assistantId}/subgraphs/{namespace}",
    summary: "An assistant's subgraphs under a namespace",
    tag: "agent-server",
    auth: true,
  },
  { method: "post", path: "/threads", summary: "Create a thread", tag: "agent-server", auth: true },
  {
    method: "post",
    path: "/threads/search",
    summary: "Search the caller's threads",
    tag: "agent-server",
    auth: true,
  },
  { method: "get", path: "/threads/{threadId}", summary: "Get a thread", tag: "agent-server", auth: true },
  {
    method: "patch",
    path: "/threads/{threadId}",
    summary: "Change a thread's metadata",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "delete",
    path: "/threads/{threadId}",
    summary: "Delete a thread (its runs stop first)",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/threads/{threadId}/state",
    summary: "Edit a thread's messages (a new checkpoint, optionally from an earlier one)",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/threads/{threadId}/state/{checkpointId}",
    summary: "A thread's state at a checkpoint",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/threads/{threadId}/state/checkpoint",
    summary: "A thread's state at a checkpoint (named in the body)",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/threads/{threadId}/state",
    summary: "A thread's current state",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/threads/{threadId}/history",
    summary: "A thread's state history",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/threads/{threadId}/runs/wait",
    summary: "Run and wait for the final state",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/threads/{threadId}/runs/stream",
    summary: "Run and stream (values, updates, messages-tuple)",
    tag: "agent-server",
    auth: true,
    stream: true,
  },
  {
    method: "post",
    path: "/threads/{threadId}/runs",
    summary: "Start a run in the background",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/threads/{threadId}/runs",
    summary: "A thread's runs (this process's, newest first)",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/threads/{threadId}/runs/{runId}",
    summary: "Get a run",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/threads/{threadId}/runs/{runId}/join",
    summary: "Wait for a run to end; the thread's final state",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/runs/wait",
    summary: "A stateless run (on a thread of its own, deleted after)",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/runs/stream",
    summary: "A stateless streamed run",
    tag: "agent-server",
    auth: true,
    stream: true,
  },
  {
    method: "put",
    path: "/store/items",
    summary: "Put an item in the caller's own store namespace",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "get",
    path: "/store/items",
    summary: "Get an item of the caller's own store namespace",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "delete",
    path: "/store/items",
    summary: "Delete an item of the caller's own store namespace",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/store/items/search",
    summary: "Search the caller's own store items",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/store/namespaces",
    summary: "List the caller's own store namespaces",
    tag: "agent-server",
    auth: true,
  },
  {
    method: "post",
    path: "/threads/{threadId}/runs/{runId}/cancel",
    summary: "Cancel a run",
    tag: "agent-server",
    auth: true,
  },
];

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "requestId"],
      properties: { code: { type: "string" }, message: { type: "string" }, requestId: { type: "string" } },
    },
  },
};

const ERROR_STATUSES: Record<string, string> = {
  "400": "Invalid request",
  "401": "Missing or invalid API key",
  "404": "Not found (or not the caller's)",
  "409": "Conflict (a run is active on the thread, or the id exists)",
  "413": "Body too large",
  "415": "Body is not JSON",
  "429": "Rate limited (see Retry-After)",
  "503": "Unavailable (database unreachable or shutting down)",
};

/** The OpenAPI 3.1 document of the server. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const responses: Record<string, unknown> = {
      "200": {
        description: "OK",
        content: route.stream ? { "text/event-stream": {} } : { "application/json": {} },
      },
    };
    for (const [status, description] of Object.entries(ERROR_STATUSES)) {
      if (!route.auth && status !== "503") continue;
      responses[status] = {
        description,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        summary: route.summary,
        tags: [route.tag],
        ...(params.length ? { parameters: params } : {}),
        ...(route.auth ? { security: [{ bearer: [] }, { apiKey: [] }] } : { security: [] }),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: z.toJSONSchema(route.body) } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Milhena", version: "0.1.0", description: "Business assistant for n8n automations" },
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
    },
  };
}
