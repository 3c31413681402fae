import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { ChannelVersions, Checkpoint, CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyServerTimeouts, createApp, SERVER_TIMEOUTS } from "../../server/app.ts";
import { CancellableCheckpointer } from "../../server/cancellableCheckpointer.ts";
import { createRunService } from "../../server/runs/runService.ts";
import { startTestServer, type TestServer } from "../support/testServer.ts";

/** Faults and abuse the server must turn into clear answers, on the real PostgreSQL. */
describe("the server under abuse", () => {
  let t: TestServer;
  let anna: string;

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${t.baseUrl}${path}`, { method: "POST", headers, body });

  beforeAll(async () => {
    t = await startTestServer({ executions: 60, env: { AUTH_FAILURES_PER_MINUTE: "20" } });
    anna = await t.createKey("anna");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a flood of bad keys from one address is refused before the key store, and audited in a few rows", async () => {
    const verify = vi.spyOn(t.deps.keys, "verify");
    const flooder = { "x-forwarded-for": "203.0.113.7" };
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${t.baseUrl}/api/threads`, {
        headers: { ...flooder, authorization: `Bearer mk_${"0".repeat(15)}1_${"A".repeat(43)}` },
      });
      statuses.push(res.status);
    }
    // 20 a minute: the burst of 20, plus one more for every 3 s the flood lasted (a slow machine).
    const elapsedMs = Date.now() - started;
    const refused = statuses.filter((s) => s === 401).length;
    expect(refused).toBeGreaterThanOrEqual(20);
    expect(refused).toBeLessThanOrEqual(20 + Math.ceil(elapsedMs / 3_000));
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - refused);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(refused);
    // Another address, and a valid key, are not affected.
    const fine = await fetch(`${t.baseUrl}/api/threads`, {
      headers: { "x-forwarded-for": "198.51.100.2", authorization: `Bearer ${anna}` },
    });
    expect(fine.status).toBe(200);
    verify.mockRestore();
    await t.deps.audit.settled();
    const { rows } = await t.db.pool.query<{ rows: number; occurrences: number }>(
      `SELECT count(*)::int AS rows, coalesce(sum(occurrences), 0)::int AS occurrences
         FROM milhena.audit_events WHERE ip = '203.0.113.7'`,
    );
    expect(rows[0]?.occurrences).toBe(200);
    // Two kinds of event (bad key, throttled), each at most two rows per 10-second window.
    expect(rows[0]?.rows).toBeLessThanOrEqual(4 * (Math.ceil(elapsedMs / 10_000) + 1));
  });

  it("a gzip Content-Encoding on a body that is not compressed is a 400", async () => {
    const res = await post("/api/chat", JSON.stringify({ message: "ciao" }), {
      authorization: `Bearer ${anna}`,
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });

  it("a lone surrogate in thread metadata is a 400 and stores nothing", async () => {
    const before = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM milhena.threads WHERE user_id = 'anna'",
    );
    const res = await post("/threads", '{"metadata":{"note":"\\ud800"}}', {
      authorization: `Bearer ${anna}`,
      "content-type": "application/json",
    });
    expect(res.status).toBe(400);
    const after = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM milhena.threads WHERE user_id = 'anna'",
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it("a client-chosen message id cannot overwrite an earlier message", async () => {
    const headers = { authorization: `Bearer ${anna}`, "content-type": "application/json" };
    const thread = (await (await post("/threads", "{}", headers)).json()) as { thread_id: string };
    const run = (content: string) =>
      post(
        `/threads/${thread.thread_id}/runs/wait`,
        JSON.stringify({
          assistant_id: "milhena",
          input: { messages: [{ role: "user", content, id: "m1" }] },
        }),
        headers,
      );
    expect((await run("how many workflow runs today?")).status).toBe(200);
    expect((await run("and yesterday?")).status).toBe(200);
    const state = (await (
      await fetch(`${t.baseUrl}/threads/${thread.thread_id}/state`, { headers })
    ).json()) as { values: { messages: { type: string; content: string; id: string }[] } };
    const questions = state.values.messages.filter((m) => m.type === "human");
    expect(questions.map((m) => m.content)).toEqual(["how many workflow runs today?", "and yesterday?"]);
    expect(questions.map((m) => m.id)).not.toContain("m1");
  });

  it("API answers carry Cache-Control: no-store", async () => {
    for (const res of [
      await fetch(`${t.baseUrl}/api/threads`, { headers: { authorization: `Bearer ${anna}` } }),
      await fetch(`${t.baseUrl}/api/threads`),
      await fetch(`${t.baseUrl}/ready`),
    ]) {
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("an expired key is refused; a used key records when it was last used", async () => {
    const expired = await t.deps.keys.create("carla", "user", { expiresAt: new Date(Date.now() - 1_000) });
    const res = await fetch(`${t.baseUrl}/api/threads`, {
      headers: { authorization: `Bearer ${expired.key}` },
    });
    expect(res.status).toBe(401);
    const fresh = await t.deps.keys.create("carla", "user", { expiresAt: new Date(Date.now() + 60_000) });
    const ok = await fetch(`${t.baseUrl}/api/threads`, { headers: { authorization: `Bearer ${fresh.key}` } });
    expect(ok.status).toBe(200);
    const { rows } = await t.db.pool.query<{ key_id: string; used: boolean }>(
      "SELECT key_id, last_used_at IS NOT NULL AS used FROM milhena.api_keys WHERE user_id = 'carla' ORDER BY key_id",
    );
    expect(Object.fromEntries(rows.map((r) => [r.key_id, r.used]))).toEqual({
      [expired.keyId]: false,
      [fresh.keyId]: true,
    });
  });

  it("a revoked key stops working at once in the process that revoked it", async () => {
    const key = await t.deps.keys.create("dario", "user");
    const get = () => fetch(`${t.baseUrl}/api/threads`, { headers: { authorization: `Bearer ${key.key}` } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    await t.deps.keys.revoke(key.keyId);
    expect((await get()).status).toBe(401);
  });

  it("request and header timeouts fit a chat API instead of Node's 300 s", () => {
    const server = http.createServer();
    applyServerTimeouts(server);
    expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestMs);
    expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    expect(server.requestTimeout).toBeLessThan(300_000);
  });

  it("a client gone after the answer was written but before its turn was saved leaves nothing anywhere", async () => {
    // The save of each turn waits until the test lets it go: the client leaves in between.
    let held: () => void = () => undefined;
    let holding: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (holding = resolve));
    class HeldSave extends CancellableCheckpointer {
      constructor(inner: BaseCheckpointSaver) {
        super(inner, { wasCancelled: () => false, seal: () => true });
      }
      override async put(
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        versions: ChannelVersions,
      ) {
        holding();
        await new Promise<void>((resolve) => (held = resolve));
        return super.put(config, checkpoint, metadata, versions);
      }
    }
    const deps = {
      ...t.deps,
      runService: createRunService(t.deps, { wrapCheckpointer: (inner) => new HeldSave(inner) }),
    };
    const server = http.createServer(createApp(deps));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const zeno = await t.createKey("zeno");
      const client = new AbortController();
      const answer = fetch(`${base}/api/chat`, {
        method: "POST",
        headers: { authorization: `Bearer ${zeno}`, "content-type": "application/json" },
        body: JSON.stringify({ message: "quanti ordini questa settimana?" }),
        signal: client.signal,
      }).catch((error: unknown) => error);
      await reached;
      const cancel = vi.spyOn(t.deps.runs, "cancel");
      client.abort();
      expect(await answer).toBeInstanceOf(Error);
      // The server saw the client go (and cancelled the run) while the save was held: let it go on.
      await vi.waitFor(() => expect(cancel).toHaveBeenCalled());
      cancel.mockRestore();
      held();
      await vi.waitFor(async () => {
        const { rows } = await t.db.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM milhena.threads WHERE user_id = 'zeno'",
        );
        // Cancelled: the thread made for this question is gone again.
        expect(rows[0]?.n).toBe(0);
      });
      await t.runtime.settled();
      const { rows } = await t.db.pool.query<{ memory: number; cache: number }>(
        `SELECT (SELECT count(*) FROM milhena.store WHERE namespace_path LIKE 'users:zeno:%')::int AS memory,
                (SELECT count(*) FROM milhena.answer_cache WHERE user_id = 'zeno')::int AS cache`,
      );
      expect(rows[0]).toEqual({ memory: 0, cache: 0 });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
