import express from "express";
import { z } from "zod";
import type { BaseStore, Item } from "@langchain/langgraph";
import { userNamespace, within } from "../../../memory/userMemory.ts";
import { callerOf } from "../../caller.ts";
import { ApiError } from "../../errors.ts";
import { handle, jsonBody, parse } from "../http.ts";
import { toWire } from "../wire.ts";

/**
 * The long-term store routes (Studio's memory view, the SDK's `client.store`), on the caller's own
 * namespaces only: everything of a user is under `["users", <their label>]`. A namespace of another
 * user is not found for reads and writes, and a search or a listing never reaches past the caller's own.
 */

const label = z
  .string()
  .min(1)
  .max(100)
  .refine((l) => !/[.:%_\\]/.test(l), "namespace labels cannot contain '.', ':', '%', '_' or '\\'");
const namespace = z.array(label).min(1).max(10);
const prefix = z.array(label).max(10);
const key = z.string().min(1).max(200);
const value = z
  .record(z.string(), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 16_384, "a value is at most 16 KB of JSON");

const PutBody = z.object({
  namespace,
  key,
  value,
  index: z.unknown().optional(),
  ttl: z.unknown().optional(),
});
const DeleteBody = z.object({ namespace, key });
const GetQuery = z.object({
  namespace: z.string().min(1).max(1000),
  key,
  refresh_ttl: z.unknown().optional(),
});
const SearchBody = z.object({
  namespace_prefix: prefix.default([]),
  filter: z.record(z.string(), z.unknown()).nullish(),
  limit: z.number().int().min(1).max(1000).default(10),
  offset: z.number().int().min(0).max(100_000).default(0),
  query: z.string().max(1000).nullish(),
  refresh_ttl: z.unknown().optional(),
});
const NamespacesBody = z.object({
  prefix: prefix.nullish(),
  suffix: prefix.nullish(),
  max_depth: z.number().int().min(1).max(10).nullish(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).max(100_000).default(0),
});

/** The most items a user keeps in the store (memory included): a user cannot fill the database. */
export const MAX_ITEMS_PER_USER = 500;

const startsWith = (path: readonly string[], start: readonly string[]) =>
  start.every((part, i) => path[i] === part);

/** The caller's part of a requested prefix: the prefix itself inside their namespace, their namespace when it is wider, or none. */
function ownPart(userId: string, requested: readonly string[]): string[] | null {
  const own = userNamespace(userId);
  if (startsWith(requested, own)) return [...requested];
  if (startsWith(own, requested)) return own;
  return null;
}

function ownNamespaceOr404(userId: string, requested: readonly string[]): string[] {
  if (!startsWith(requested, userNamespace(userId)))
    throw new ApiError(404, "not_found", "Namespace not found");
  return [...requested];
}

const itemToWire = (item: Item) => ({
  namespace: item.namespace,
  key: item.key,
  value: toWire(item.value) ?? {},
  created_at: new Date(item.createdAt).toISOString(),
  updated_at: new Date(item.updatedAt).toISOString(),
});

export function storeRoutes(deps: { readonly store: BaseStore }): express.Router {
  const { store } = deps;
  const router = express.Router();

  router.put(
    "/store/items",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const body = parse(PutBody, jsonBody(req), "store item");
      const target = ownNamespaceOr404(userId, body.namespace);
      if (!(await store.get(target, body.key))) {
        const own = userNamespace(userId);
        const held = within(own, await store.search(own, { limit: MAX_ITEMS_PER_USER + 100, offset: 0 }));
        if (held.length >= MAX_ITEMS_PER_USER) {
          throw new ApiError(
            409,
            "conflict",
            `At most ${MAX_ITEMS_PER_USER} items are kept per user; delete some first.`,
          );
        }
      }
      await store.put(target, body.key, body.value);
      res.status(204).end();
    }),
  );

  router.get(
    "/store/items",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const query = parse(GetQuery, req.query, "query");
      const path = parse(namespace, query.namespace.split("."), "namespace");
      const item = await store.get(ownNamespaceOr404(userId, path), query.key);
      res.json(item ? itemToWire(item) : null);
    }),
  );

  router.delete(
    "/store/items",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const body = parse(DeleteBody, jsonBody(req), "store item");
      await store.delete(ownNamespaceOr404(userId, body.namespace), body.key);
      res.status(204).end();
    }),
  );

  router.post(
    "/store/items/search",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const body = parse(SearchBody, jsonBody(req), "store search");
      const scope = ownPart(userId, body.namespace_prefix);
      if (!scope) {
        res.json({ items: [] });
        return;
      }
      const items = await store.search(scope, {
        ...(body.filter ? { filter: body.filter } : {}),
        ...(body.query ? { query: body.query } : {}),
        limit: body.limit,
        offset: body.offset,
      });
      res.json({ items: within(scope, items).map(itemToWire) });
    }),
  );

  router.post(
    "/store/namespaces",
    handle(async (req, res) => {
      const { userId } = callerOf(res);
      const body = parse(NamespacesBody, jsonBody(req), "namespace listing");
      const scope = ownPart(userId, body.prefix ?? []);
      if (!scope) {
        res.json({ namespaces: [] });
        return;
      }
      const namespaces = await store.listNamespaces({
        prefix: scope,
        ...(body.suffix ? { suffix: body.suffix } : {}),
        ...(body.max_depth ? { maxDepth: body.max_depth } : {}),
        limit: body.limit,
        offset: body.offset,
      });
      res.json({ namespaces: namespaces.filter((ns) => startsWith(ns, scope)) });
    }),
  );

  return router;
}
