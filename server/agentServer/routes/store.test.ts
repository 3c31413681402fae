import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InMemoryStore } from "@langchain/langgraph";
import express from "express";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { errorHandler } from "../../errors.ts";
import { MAX_ITEMS_PER_USER, storeRoutes } from "./store.ts";

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function start() {
  const store = new InMemoryStore();
  const app = express();
  app.use((req, res, next) => {
    const user = req.headers["x-user"];
    if (typeof user === "string") res.locals.caller = { userId: user, role: "user", keyId: "k" };
    next();
  });
  app.use(express.json());
  app.use(storeRoutes({ store }));
  app.use(errorHandler(pino({ level: "silent" })));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = (method: string, path: string, user: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { "x-user": user, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return { call, store };
}

describe("store routes", () => {
  it("serve the caller's own namespace; another user's is not found and never searched", async () => {
    const { call } = await start();
    const put = (user: string, namespace: string[], key: string) =>
      call("PUT", "/store/items", user, { namespace, key, value: { text: `${user}'s ${key}` } });
    expect((await put("ann", ["users", "ann", "notes"], "a")).status).toBe(204);
    expect((await put("annabel", ["users", "annabel", "notes"], "b")).status).toBe(204);
    expect((await put("ann", ["users", "annabel", "notes"], "c")).status).toBe(404);
    const got = await call("GET", "/store/items?namespace=users.ann.notes&key=a", "ann");
    expect(await got.json()).toMatchObject({
      namespace: ["users", "ann", "notes"],
      key: "a",
      value: { text: "ann's a" },
    });
    expect((await call("GET", "/store/items?namespace=users.ann.notes&key=missing", "ann")).status).toBe(200);
    expect((await call("GET", "/store/items?namespace=users.ann.notes&key=a", "annabel")).status).toBe(404);
    expect(
      (await call("DELETE", "/store/items", "annabel", { namespace: ["users", "ann", "notes"], key: "a" }))
        .status,
    ).toBe(404);
    // "users:ann" is a prefix of "users:annabel": the search still sees only Ann's.
    const searched = (await (
      await call("POST", "/store/items/search", "ann", { namespace_prefix: ["users"], limit: 100 })
    ).json()) as {
      items: { key: string }[];
    };
    expect(searched.items.map((i) => i.key)).toEqual(["a"]);
    const none = (await (
      await call("POST", "/store/items/search", "ann", { namespace_prefix: ["users", "annabel"] })
    ).json()) as {
      items: unknown[];
    };
    expect(none.items).toEqual([]);
    const listed = (await (await call("POST", "/store/namespaces", "ann", {})).json()) as {
      namespaces: string[][];
    };
    expect(listed.namespaces).toEqual([["users", "ann", "notes"]]);
    expect(
      (
        await call("PUT", "/store/items", "ann", {
          namespace: ["users", "ann", "no_underscore"],
          key: "x",
          value: {},
        })
      ).status,
    ).toBe(400);
  });

  it("keep a user's items bounded", async () => {
    const { call, store } = await start();
    for (let i = 0; i < MAX_ITEMS_PER_USER; i++) await store.put(["users", "zed", "notes"], `k${i}`, { i });
    const more = await call("PUT", "/store/items", "zed", {
      namespace: ["users", "zed", "notes"],
      key: "one-more",
      value: {},
    });
    expect(more.status).toBe(409);
    // Changing an item already kept is still allowed.
    const again = await call("PUT", "/store/items", "zed", {
      namespace: ["users", "zed", "notes"],
      key: "k1",
      value: { i: 1 },
    });
    expect(again.status).toBe(204);
  });
});
