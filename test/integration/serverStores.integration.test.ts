import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../config/env.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import { createMilhenaRuntime, type MilhenaRuntime } from "../../graph/runtime.ts";
import { createApiKeyStore } from "../../server/auth/apiKeys.ts";
import { createThreadStore } from "../../server/threadStore.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

describe.each(TEST_BACKENDS)("server stores on %s", (kind) => {
  let db: TestDatabase;
  let runtime: MilhenaRuntime;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    runtime = await createMilhenaRuntime(loadEnv({ LOG_LEVEL: "silent" }), { database: db });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 50, days: 5, seed: 1, now: new Date() });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("API keys: shown once, stored as a hash, verified, revoked", async () => {
    const keys = createApiKeyStore(db.pool, "milhena");
    const { key, keyId } = await keys.create("anna", "admin");
    expect(key).toMatch(/^mk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const { rows } = await db.pool.query<{ key_hash: string }>(
      "SELECT key_hash FROM milhena.api_keys WHERE key_id = $1",
      [keyId],
    );
    expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(key.slice(20));
    expect(await keys.verify(key)).toEqual({ userId: "anna", role: "admin", keyId });
    expect(await keys.verify(key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"))).toBeNull();
    expect(await keys.verify("garbage")).toBeNull();
    expect(await keys.revoke(keyId)).toBe(true);
    expect(await keys.verify(key)).toBeNull();
    await expect(keys.create("not a user id", "user")).rejects.toThrow(/user id/);
  });

  it("threads: owned, listed newest first, titled, deleted with their checkpoints", async () => {
    const threads = createThreadStore(db.pool, "milhena", runtime.checkpointer);
    const a = await threads.create("anna", { metadata: { source: "web" } });
    const b = await threads.create("anna", { threadId: "chosen-id" });
    await expect(threads.create("bruno", { threadId: "chosen-id" })).rejects.toMatchObject({ status: 404 });
    await expect(
      threads.create("bruno", { threadId: "chosen-id", ifExists: "do_nothing" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(threads.create("anna", { threadId: "chosen-id" })).rejects.toMatchObject({ status: 409 });
    expect((await threads.create("anna", { threadId: "chosen-id", ifExists: "do_nothing" })).threadId).toBe(
      "chosen-id",
    );
    expect(await threads.get("bruno", "chosen-id")).toBeNull();
    await runtime.ask("ciao", { threadId: a.threadId, userId: "anna" });
    await threads.touch("anna", a.threadId, { title: "ciao" });
    await threads.touch("anna", a.threadId, { title: "second question does not retitle" });
    const list = await threads.list("anna", { limit: 10, offset: 0 });
    expect(list.map((t) => t.threadId)).toEqual([a.threadId, b.threadId]);
    expect(list[0]?.title).toBe("ciao");
    expect(
      (await threads.list("anna", { limit: 10, offset: 0, metadata: { source: "web" } })).map(
        (t) => t.threadId,
      ),
    ).toEqual([a.threadId]);
    expect(await threads.delete("bruno", a.threadId)).toBe(false);
    expect(await threads.delete("anna", a.threadId)).toBe(true);
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM milhena.checkpoints WHERE thread_id = $1",
      [a.threadId],
    );
    expect((rows[0] as { n: number }).n).toBe(0);
    expect(await threads.deleteAllFor("anna")).toBe(1);
  });

  it("threads: filtered by status, sorted as asked, their metadata merged and status kept", async () => {
    const threads = createThreadStore(db.pool, "milhena", runtime.checkpointer);
    const first = await threads.create("carla", { metadata: { source: "sdk" } });
    const second = await threads.create("carla", { metadata: { source: "sdk" } });
    const changed = await threads.touch("carla", first.threadId, {
      status: "error",
      metadata: { graph_id: "milhena" },
      title: "una domanda",
    });
    expect(changed).toMatchObject({
      status: "error",
      title: "una domanda",
      metadata: { source: "sdk", graph_id: "milhena" },
    });
    expect(await threads.touch("bruno", first.threadId, { status: "idle" })).toBeNull();
    const ids = async (options: Parameters<typeof threads.list>[1]) =>
      (await threads.list("carla", options)).map((t) => t.threadId);
    const page = { limit: 10, offset: 0 };
    expect(await ids({ ...page, status: "error" })).toEqual([first.threadId]);
    expect(await ids({ ...page, status: "idle" })).toEqual([second.threadId]);
    expect(await ids({ ...page, sortBy: "created_at", sortOrder: "asc" })).toEqual([
      first.threadId,
      second.threadId,
    ]);
    expect(await ids({ ...page, sortBy: "created_at", sortOrder: "desc" })).toEqual([
      second.threadId,
      first.threadId,
    ]);
    // The first was touched last.
    expect(await ids({ ...page, sortBy: "updated_at" })).toEqual([first.threadId, second.threadId]);
    expect(await ids({ limit: 1, offset: 1, sortBy: "created_at", sortOrder: "asc" })).toEqual([
      second.threadId,
    ]);
  });

  it("threads: an id with saved conversation but no owner cannot be claimed", async () => {
    const threads = createThreadStore(db.pool, "milhena", runtime.checkpointer);
    await runtime.ask("ciao", { threadId: "cli-conversation", userId: "cli" });
    await expect(threads.create("bruno", { threadId: "cli-conversation" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      threads.create("bruno", { threadId: "cli-conversation", ifExists: "do_nothing" }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await threads.idsOf("bruno")).toEqual([]);
    expect((await threads.create("bruno", { threadId: "never-used" })).threadId).toBe("never-used");
    expect(await threads.idsOf("bruno")).toEqual(["never-used"]);
  });
});
