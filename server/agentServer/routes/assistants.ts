import express from "express";
import type { MilhenaGraph } from "../../../graph/builder.ts";
import { callerOf } from "../../caller.ts";
import { GRAPH_ID, milhenaAssistant } from "../assistant.ts";
import { MILHENA_SCHEMAS } from "../graphSchemas.ts";
import { assistantOr404, handle, jsonBody, param, parse } from "../http.ts";
import { jsonContains } from "../jsonContains.ts";
import { AssistantSearchBody, GraphQuery } from "../requests.ts";
import { selectFields } from "../wire.ts";

/** The one assistant (Milhena's graph): search, read, its drawing, schemas and (no) subgraphs. */
export function assistantRoutes(deps: { readonly graph: MilhenaGraph }): express.Router {
  const router = express.Router();
  const startedAt = new Date();
  const drawables = new Map<string, unknown>();

  router.post(
    "/assistants/search",
    handle((req, res) => {
      callerOf(res);
      const body = parse(AssistantSearchBody, jsonBody(req), "assistant search");
      const assistant = milhenaAssistant(startedAt);
      const matches =
        (!body.graph_id || body.graph_id === GRAPH_ID) &&
        (!body.name || assistant.name.toLowerCase().includes(body.name.toLowerCase())) &&
        (!body.metadata || jsonContains(assistant.metadata, body.metadata));
      const all = matches ? [assistant] : [];
      res.setHeader("X-Pagination-Total", String(all.length));
      res.json(
        all
          .slice(body.offset, body.offset + body.limit)
          .map((a) => selectFields(a, body.select ?? undefined)),
      );
    }),
  );

  router.get(
    "/assistants/:assistantId",
    handle((req, res) => {
      callerOf(res);
      assistantOr404(param(req, "assistantId"));
      res.json(milhenaAssistant(startedAt));
    }),
  );

  router.get(
    "/assistants/:assistantId/graph",
    handle(async (req, res) => {
      callerOf(res);
      assistantOr404(param(req, "assistantId"));
      const { xray } = parse(GraphQuery, req.query, "query");
      const key = String(xray ?? false);
      let drawable = drawables.get(key);
      if (drawable === undefined) {
        drawable = (await deps.graph.getGraphAsync(xray !== undefined ? { xray } : {})).toJSON();
        drawables.set(key, drawable);
      }
      res.json(drawable);
    }),
  );

  router.get(
    "/assistants/:assistantId/schemas",
    handle((req, res) => {
      callerOf(res);
      assistantOr404(param(req, "assistantId"));
      res.json(MILHENA_SCHEMAS);
    }),
  );

  // Studio asks for an assistant's subgraphs: Milhena's graph has none (its nodes are plain functions),
  // and the graph itself is asked, so the answer stays true if that ever changes.
  const subgraphs = handle(async (req, res) => {
    callerOf(res);
    assistantOr404(param(req, "assistantId"));
    const namespace = param(req, "namespace") || undefined;
    const recurse = req.query.recurse === "true" || req.query.recurse === "1";
    const found: Record<string, unknown> = {};
    for await (const [ns] of deps.graph.getSubgraphsAsync(namespace, recurse)) found[ns] = {};
    res.json(found);
  });
  router.get("/assistants/:assistantId/subgraphs", subgraphs);
  router.get("/assistants/:assistantId/subgraphs/:namespace", subgraphs);

  return router;
}
