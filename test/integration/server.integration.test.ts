import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RuleClassifier } from "../../classifier/rules.ts";
import type { Classifier } from "../../classifier/types.ts";
import fc from "fast-check";
import { ROUTES } from "../../server/openapi.ts";
import { chatRouter } from "../../server/routes/chat.ts";
import { opsRouter } from "../../server/routes/ops.ts";
import { createAgentServerRouter } from "../../server/agentServer/router.ts";
import { startTestServer, type TestServer } from "../support/testServer.ts";

interface SseEvent {
  event: string;
  data: unknown;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "null";
      return { event, data: JSON.parse(data) as unknown };
    });
}

describe("the Milhena server on PostgreSQL", () => {
  let t: TestServer;
  let anna: string;
  let bruno: string;

  const call = (path: string, init: RequestInit & { key?: string | null; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set("authorization", `Bearer ${init.key}`);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    return fetch(`${t.baseUrl}${path}`, {
      ...init,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  };
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string; message: string; requestId: string } }).error;

  beforeAll(async () => {
    t = await startTestServer();
    anna = await t.createKey("anna");
    bruno = await t.createKey("bruno");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers a question with the response object, and a follow-up on the same thread", async () => {
    const res = await call("/api/chat", {
      method: "POST",
      key: anna,
      json: { message: "how many workflow runs in the last 7 days?" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const first = (await res.json()) as Record<string, unknown>;
    expect(first).toMatchObject({
      intent: "BUSINESS_DATA",
      queryType: "TODAY_ACTIVITY",
      language: "en",
      source: "rules",
    });
    expect(first.answer).toMatch(/\d/);
    const threadId = first.threadId as string;
    const second = (await (
      await call("/api/chat", { method: "POST", key: anna, json: { message: "and yesterday?", threadId } })
    ).json()) as Record<string, unknown>;
    expect(second).toMatchObject({ threadId, window: { kind: "yesterday" }, queryType: "TODAY_ACTIVITY" });
  });

  it("streams progress, the answer in chunks, then the final object", async () => {
    const res = await call("/api/chat/stream", {
      method: "POST",
      key: anna,
      json: { message: "quante email sono arrivate oggi?" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = parseSse(await res.text());
    expect(events[0]?.event).toBe("meta");
    expect(events.at(-1)?.event).toBe("final");
    const nodes = events.filter((e) => e.event === "progress").map((e) => (e.data as { node: string }).node);
    expect(nodes).toEqual(expect.arrayContaining(["classify", "businessTool", "translate", "persistMemory"]));
    const text = events
      .filter((e) => e.event === "chunk")
      .map((e) => (e.data as { text: string }).text)
      .join("");
    const final = events.at(-1)?.data as { answer: string; language: string; threadId: string };
    expect(text).toBe(final.answer);
    expect(final.language).toBe("it");
    expect((events[0]?.data as { threadId: string }).threadId).toBe(final.threadId);
  });

  it("lists the caller's threads and their messages, and only theirs", async () => {
    const list = (await (await call("/api/threads", { key: anna })).json()) as {
      threads: { threadId: string; title: string }[];
    };
    expect(list.threads.length).toBeGreaterThanOrEqual(2);
    expect(list.threads.map((x) => x.title)).toContain("how many workflow runs in the last 7 days?");
    const thread = list.threads.find((x) => x.title === "how many workflow runs in the last 7 days?")!;
    const detail = (await (await call(`/api/threads/${thread.threadId}`, { key: anna })).json()) as {
      messages: { role: string; content: string }[];
    };
    expect(detail.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(detail.messages[2]?.content).toBe("and yesterday?");

    const brunoList = (await (await call("/api/threads", { key: bruno })).json()) as { threads: unknown[] };
    expect(brunoList.threads).toEqual([]);
    for (const res of [
      await call(`/api/threads/${thread.threadId}`, { key: bruno }),
      await call(`/api/threads/${thread.threadId}`, { method: "DELETE", key: bruno }),
      await call("/api/chat", {
        method: "POST",
        key: bruno,
        json: { message: "and today?", threadId: thread.threadId },
      }),
    ]) {
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("not_found");
    }
    // Bruno's attempt changed nothing of Anna's.
    expect((await call(`/api/threads/${thread.threadId}`, { key: anna })).status).toBe(200);
    await t.deps.audit.settled();
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM milhena.audit_events WHERE event = 'access.other_users_thread' AND user_id = 'bruno'",
    );
    expect((rows[0] as { n: number }).n).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ["no key", null, 401],
    ["a malformed key", "not-a-key", 401],
    ["an unknown key", `mk_0123456789abcdef_${"A".repeat(43)}`, 401],
  ] as const)("refuses %s with 401", async (_what, key, status) => {
    const res = await call("/api/threads", { key });
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe("unauthorized");
    expect(error.requestId).toBeTruthy();
  });

  it("accepts the key as x-api-key (the LangGraph SDK's header)", async () => {
    expect((await fetch(`${t.baseUrl}/api/threads`, { headers: { "x-api-key": anna } })).status).toBe(200);
  });

  it.each([
    ["a missing message", {}],
    ["an empty message", { message: "   " }],
    ["a message over 10,000 characters", { message: "a".repeat(10_001) }],
    ["a message that is not a string", { message: 42 }],
    ["an unknown field", { message: "hi", admin: true }],
    ["a malformed thread id", { message: "hi", threadId: "../../etc" }],
    ["an array body", ["hi"]],
  ])("answers 400 for %s", async (_what, body) => {
    const res = await call("/api/chat", { method: "POST", key: anna, json: body });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("bad_request");
    expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
  });

  it("answers 400 for broken JSON, 413 for a huge body and 415 for a non-JSON body", async () => {
    const broken = await fetch(`${t.baseUrl}/api/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${anna}`, "content-type": "application/json" },
      body: '{"message": "hi"',
    });
    expect(broken.status).toBe(400);
    const huge = await call("/api/chat", {
      method: "POST",
      key: anna,
      json: { message: "x".repeat(70_000) },
    });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe("payload_too_large");
    const text = await fetch(`${t.baseUrl}/api/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${anna}`, "content-type": "text/plain" },
      body: "how many runs today?",
    });
    expect(text.status).toBe(415);
    expect((await errorOf(text)).code).toBe("unsupported_media_type");
    // A proxy that drops the content type: the body is read as the JSON it is.
    const untyped = await fetch(`${t.baseUrl}/api/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${anna}` },
      body: new TextEncoder().encode(JSON.stringify({ message: "how many runs today?" })),
    });
    expect(untyped.headers.get("content-type") ?? "").toMatch(/json/);
    expect(untyped.status).toBe(200);
    expect(((await untyped.json()) as { answer: string }).answer.length).toBeGreaterThan(0);
  });

  it("refuses NUL characters (which PostgreSQL cannot store) with 400, storing nothing", async () => {
    const threads = async () =>
      ((await t.db.pool.query("SELECT count(*)::int AS n FROM milhena.threads")).rows[0] as { n: number }).n;
    const before = await threads();
    for (const [path, json] of [
      ["/api/chat", { message: "how many runs today?\u0000" }],
      ["/threads", { metadata: { note: "a\u0000b" } }],
      ["/threads/search", { metadata: { "k\u0000": 1 } }],
    ] as const) {
      const res = await call(path, { method: "POST", key: anna, json });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/NUL/);
    }
    expect(await threads()).toBe(before);
  });

  it("a client-chosen thread id with '.' and ':' works on every chat route", async () => {
    const threadId = "sales.2026:q4";
    const chat = await call("/api/chat", { method: "POST", key: anna, json: { message: "ciao", threadId } });
    expect(chat.status).toBe(200);
    expect((await call(`/api/threads/${threadId}`, { key: anna })).status).toBe(200);
    expect((await call(`/api/threads/${threadId}`, { method: "DELETE", key: anna })).status).toBe(204);
    expect((await call(`/api/threads/${threadId}`, { key: anna })).status).toBe(404);
  });

  it("answers 409 while the thread is still answering", async () => {
    const threadId = (
      (await (await call("/api/chat", { method: "POST", key: anna, json: { message: "ciao" } })).json()) as {
        threadId: string;
      }
    ).threadId;
    let release!: () => void;
    const busy = t.deps.runs.run(
      threadId,
      "reject",
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    const res = await call("/api/chat", {
      method: "POST",
      key: anna,
      json: { message: "and today?", threadId },
    });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("conflict");
    release();
    await busy;
    expect(
      (await call("/api/chat", { method: "POST", key: anna, json: { message: "and today?", threadId } }))
        .status,
    ).toBe(200);
  });

  it("answers 503 while shutting down", async () => {
    t.deps.lifecycle.draining = true;
    try {
      const res = await call("/api/threads", { key: anna });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect((await call("/ready")).status).toBe(503);
    } finally {
      t.deps.lifecycle.draining = false;
    }
  });

  it("serves health, readiness, liveness and Prometheus metrics without a key", async () => {
    expect(await (await call("/health")).json()).toEqual({ status: "ok" });
    expect((await call("/live")).status).toBe(200);
    const ready = await call("/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      database: "ok",
      migrations: "ok",
      providers: {},
    });
    const metrics = await (await call("/metrics")).text();
    expect(metrics).toContain("milhena_http_request_duration_seconds_bucket");
    expect(metrics).toMatch(
      /milhena_answer_duration_seconds_count\{intent="BUSINESS_DATA",source="rules"\} \d+/,
    );
  });

  it("describes exactly its routes in /openapi.json", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    // Every route the chat and operations routers serve is documented, and vice versa.
    interface Layer {
      route?: { path: string; methods: Record<string, boolean> };
      handle?: { stack?: Layer[] };
    }
    // Routers mounted inside a router (the Agent Server API's per resource) are walked too.
    const served = (router: { stack: Layer[] }, prefix: string): string[] =>
      router.stack.flatMap((layer) => {
        const route = layer.route;
        if (!route) return layer.handle?.stack ? served({ stack: layer.handle.stack }, prefix) : [];
        return Object.keys(route.methods).map(
          (m) => `${m} ${prefix}${route.path.replace(/:(\w+)/g, "{$1}")}`,
        );
      });
    const ours = [
      ...served(chatRouter(t.deps) as unknown as { stack: Layer[] }, "/api"),
      ...served(opsRouter(t.deps) as unknown as { stack: Layer[] }, ""),
      ...served(createAgentServerRouter(t.deps) as unknown as { stack: Layer[] }, ""),
    ].sort();
    expect(ours).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it("both APIs count the same answers in the metrics and audit the same UNSAFE questions", async () => {
    const olga = await t.createKey("olga");
    const unsafe = "'; DROP TABLE n8n.execution_entity; --";
    const answers = async () => {
      const metric = (await t.deps.metrics.registry.getMetricsAsJSON()).find(
        (m) => m.name === "milhena_answer_duration_seconds",
      ) as { values: { metricName?: string; value: number; labels: Record<string, string> }[] } | undefined;
      return (
        metric?.values.find((v) => v.metricName?.endsWith("_count") && v.labels.intent === "UNSAFE")?.value ??
        0
      );
    };
    const audited = async () => {
      await t.deps.audit.settled();
      const { rows } = await t.db.pool.query<{ n: number }>(
        "SELECT coalesce(sum(occurrences), 0)::int AS n FROM milhena.audit_events WHERE event = 'unsafe_request' AND user_id = 'olga'",
      );
      return rows[0]!.n;
    };
    const before = await answers();
    const chat = await call("/api/chat", { method: "POST", key: olga, json: { message: unsafe } });
    expect(((await chat.json()) as { intent: string }).intent).toBe("UNSAFE");
    expect([(await answers()) - before, await audited()]).toEqual([1, 1]);
    const thread = (await (
      await fetch(`${t.baseUrl}/threads`, {
        method: "POST",
        headers: { "x-api-key": olga, "content-type": "application/json" },
        body: "{}",
      })
    ).json()) as { thread_id: string };
    const run = await fetch(`${t.baseUrl}/threads/${thread.thread_id}/runs/wait`, {
      method: "POST",
      headers: { "x-api-key": olga, "content-type": "application/json" },
      body: JSON.stringify({
        assistant_id: "milhena",
        input: { messages: [{ role: "user", content: unsafe }] },
      }),
    });
    expect(run.status).toBe(200);
    expect([(await answers()) - before, await audited()]).toEqual([2, 2]);
  });

  it("erases only the caller's threads, memory and cache entries", async () => {
    const carla = await t.createKey("carla");
    const dario = await t.createKey("dario");
    for (const key of [carla, dario]) {
      expect(
        (
          await call("/api/chat", {
            method: "POST",
            key,
            json: { message: "quanti ordini questa settimana?" },
          })
        ).status,
      ).toBe(200);
    }
    const counts = async (user: string) => {
      const q = async (sql: string) => ((await t.db.pool.query(sql, [user])).rows[0] as { n: number }).n;
      return {
        threads: await q("SELECT count(*)::int AS n FROM milhena.threads WHERE user_id = $1"),
        // Memory lives in LangGraph's store, under the user's namespace.
        memory: await q(
          "SELECT count(*)::int AS n FROM milhena.store WHERE namespace_path = 'users:' || $1 || ':interactions'",
        ),
        cache: await q("SELECT count(*)::int AS n FROM milhena.answer_cache WHERE user_id = $1"),
      };
    };
    // Memory and the cache are written just after each response.
    await t.runtime.settled();
    const darioBefore = await counts("dario");
    expect((await counts("carla")).memory).toBe(1);
    const res = await call("/api/me/data", { method: "DELETE", key: carla });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ erased: { threads: 1, interactions: 1 } });
    expect(await counts("carla")).toEqual({ threads: 0, memory: 0, cache: 0 });
    expect(await counts("dario")).toEqual(darioBefore);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM milhena.checkpoints WHERE thread_id IN (SELECT thread_id FROM milhena.threads WHERE user_id = 'dario')",
    );
    expect((rows[0] as { n: number }).n).toBeGreaterThan(0);
  });

  it("fuzz: no request body or header makes it fail with 5xx, and a rejected request changes nothing stored", async () => {
    const snapshot = async () => {
      const { rows } = await t.db.pool.query(`SELECT
        (SELECT count(*) FROM milhena.threads) AS threads,
        (SELECT coalesce(max(updated_at)::text, '') FROM milhena.threads) AS threads_at,
        (SELECT count(*) FROM milhena.checkpoints) AS checkpoints,
        (SELECT count(*) FROM milhena.store) AS memory,
        (SELECT count(*) FROM milhena.api_keys) AS keys`);
      return JSON.stringify(rows[0]);
    };
    const bodies = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .record({
          message: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          threadId: fc.option(fc.string()),
        })
        .map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        '{"message":',
        "\u0000",
        '{"message":"hi"}'.repeat(5000),
        "[]",
        "null",
        '{"__proto__":{"x":1}}',
      ),
    );
    const contentTypes = fc.constantFrom(
      "application/json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json; charset=latin1",
      "",
    );
    await fc.assert(
      fc.asyncProperty(
        bodies,
        contentTypes,
        fc.constantFrom("/api/chat", "/api/chat/stream"),
        async (body, type, path) => {
          const before = await snapshot();
          const headers: Record<string, string> = { authorization: `Bearer ${bruno}` };
          if (type) headers["content-type"] = type;
          const res = await fetch(`${t.baseUrl}${path}`, { method: "POST", headers, body });
          const text = await res.text();
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(JSON.parse(text)).toHaveProperty("error.code");
            expect(await snapshot()).toBe(before);
          }
        },
      ),
      { numRuns: 60, seed: 20261123 },
    );
  });
});

describe("answers stopped halfway", () => {
  let t: TestServer;
  let release: () => void = () => undefined;
  /** Rules, except that a question with "[hold]" waits until released (an answer in progress). */
  const holding: Classifier = {
    async classify(question, previousTurn) {
      if (question.includes("[hold]")) await new Promise<void>((resolve) => (release = resolve));
      return new RuleClassifier().classify(question.replace("[hold]", ""), previousTurn);
    },
  };
  const chat = (key: string, json: unknown, signal?: AbortSignal) =>
    fetch(`${t.baseUrl}/api/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(json),
      ...(signal ? { signal } : {}),
    });
  const count = async (sql: string, value: string) =>
    ((await t.db.pool.query(sql, [value])).rows[0] as { n: number }).n;
  const busy = (threadId: string) => vi.waitFor(() => expect(t.deps.runs.isBusy(threadId)).toBe(true));

  beforeAll(async () => {
    t = await startTestServer({ runtime: { classifier: holding }, executions: 100 });
  });
  afterAll(async () => {
    release();
    await t?.close();
  });

  it("erasing the user's data stops their running answer first, so nothing of theirs is left", async () => {
    const erin = await t.createKey("erin");
    const first = (await (await chat(erin, { message: "ciao" })).json()) as { threadId: string };
    const threadId = first.threadId;
    const running = chat(erin, { message: "[hold] quanti ordini oggi?", threadId });
    await busy(threadId);
    const erased = await fetch(`${t.baseUrl}/api/me/data`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${erin}` },
    });
    expect(erased.status).toBe(200);
    expect((await running).status).toBe(409);
    release();
    await vi.waitFor(() => expect(t.deps.runs.isBusy(threadId)).toBe(false));
    expect(
      await count("SELECT count(*)::int AS n FROM milhena.checkpoints WHERE thread_id = $1", threadId),
    ).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM milhena.threads WHERE user_id = $1", "erin")).toBe(0);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM milhena.store WHERE namespace_path LIKE 'users:' || $1 || ':%'",
        "erin",
      ),
    ).toBe(0);
  });

  it("a client that goes away mid-answer leaves no half turn in the conversation", async () => {
    const fede = await t.createKey("fede");
    const { threadId } = (await (await chat(fede, { message: "ciao" })).json()) as { threadId: string };
    const client = new AbortController();
    const running = chat(fede, { message: "[hold] quante email oggi?", threadId }, client.signal).catch(
      (error: unknown) => error,
    );
    await busy(threadId);
    client.abort();
    expect(await running).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(t.deps.runs.isBusy(threadId)).toBe(false));
    release();
    expect((await chat(fede, { message: "and today?", threadId })).status).toBe(200);
    const thread = (await (
      await fetch(`${t.baseUrl}/api/threads/${threadId}`, { headers: { authorization: `Bearer ${fede}` } })
    ).json()) as { messages: { role: string; content: string }[] };
    expect(thread.messages.map((m) => m.content).filter((c) => c.includes("[hold]"))).toEqual([]);
    expect(thread.messages).toHaveLength(4);
  });

  it("a cancelled first question leaves nothing: no interaction in memory, no empty thread", async () => {
    const gina = await t.createKey("gina");
    const client = new AbortController();
    const running = chat(gina, { message: "[hold] quanti ordini ieri?" }, client.signal).catch(
      (error: unknown) => error,
    );
    await vi.waitFor(() =>
      expect(
        count("SELECT count(*)::int AS n FROM milhena.threads WHERE user_id = $1", "gina"),
      ).resolves.toBe(1),
    );
    const { rows } = await t.db.pool.query<{ thread_id: string }>(
      "SELECT thread_id FROM milhena.threads WHERE user_id = $1",
      ["gina"],
    );
    const threadId = rows[0]!.thread_id;
    await busy(threadId);
    client.abort();
    expect(await running).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(t.deps.runs.isBusy(threadId)).toBe(false));
    // The held classification finishes after the cancel: what the graph did next must not be kept.
    release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      await count(
        "SELECT count(*)::int AS n FROM milhena.store WHERE namespace_path LIKE 'users:' || $1 || ':%'",
        "gina",
      ),
    ).toBe(0);
    const list = (await (
      await fetch(`${t.baseUrl}/api/threads`, { headers: { authorization: `Bearer ${gina}` } })
    ).json()) as { threads: unknown[] };
    expect(list.threads).toEqual([]);
  });
});

describe("rate limit", () => {
  it.each([
    ["in process", {}],
    ["in Redis", { REDIS_URL: "redis://127.0.0.1:6379" }],
  ] as const)(
    "refuses a user's excess requests %s with 429 and Retry-After, other users unaffected",
    async (_where, env) => {
      const prefix = `milhena-test-${Date.now()}-${Math.random().toString(36).slice(2)}:`;
      const t = await startTestServer({
        env: { RATE_LIMIT_RPM: "2", RATE_LIMIT_BURST: "2", ...env },
        deps: { redisPrefix: prefix },
        executions: 50,
      });
      try {
        // Until the Redis connection is up, the limit is kept in process: start from the shared one.
        if ("REDIS_URL" in env) await vi.waitFor(() => expect(t.deps.rateLimitMode()).toBe("redis"));
        const one = await t.createKey("one");
        const two = await t.createKey("two");
        const get = (key: string) =>
          fetch(`${t.baseUrl}/api/threads`, { headers: { authorization: `Bearer ${key}` } });
        expect((await get(one)).status).toBe(200);
        expect((await get(one)).status).toBe(200);
        const limited = await get(one);
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
        expect((await get(two)).status).toBe(200);
        await t.deps.audit.settled();
        const { rows } = await t.db.pool.query(
          "SELECT count(*)::int AS n FROM milhena.audit_events WHERE event = 'rate_limited'",
        );
        expect((rows[0] as { n: number }).n).toBe(1);
      } finally {
        await t.close();
        if ("REDIS_URL" in env) {
          const { Redis } = await import("ioredis");
          const redis = new Redis(env.REDIS_URL);
          const keys = await redis.keys(`${prefix}*`);
          if (keys.length) await redis.del(...keys);
          await redis.quit();
        }
      }
    },
  );
});

describe("rate limiter outage", () => {
  it("lets requests through when the limiter cannot answer (Redis down), instead of failing them", async () => {
    const t = await startTestServer({
      deps: { rateLimiter: { take: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6390")) } },
      executions: 20,
    });
    try {
      const key = await t.createKey("one");
      expect(
        (await fetch(`${t.baseUrl}/api/threads`, { headers: { authorization: `Bearer ${key}` } })).status,
      ).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe("the server on PGlite", () => {
  it("answers through the chat API on the embedded database", async () => {
    const t = await startTestServer({ backend: "pglite", executions: 200 });
    try {
      const key = await t.createKey("solo");
      const res = await fetch(`${t.baseUrl}/api/chat`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ message: "come sta andando oggi?" }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ language: "it", intent: "BUSINESS_DATA" });
    } finally {
      await t.close();
    }
  });
});
