import { createRequire } from "node:module";
import express from "express";
import { callerOf } from "../../caller.ts";
import { GRAPH_ID } from "../assistant.ts";
import { handle } from "../http.ts";

const require = createRequire(import.meta.url);
const VERSIONS = {
  milhena: (require("../../../package.json") as { version: string }).version,
  langgraph: (require("@langchain/langgraph/package.json") as { version: string }).version,
};

/** `GET /info`: what this server is (Studio reads its flags). */
export function metaRoutes(): express.Router {
  const router = express.Router();
  router.get(
    "/info",
    handle((_req, res) => {
      callerOf(res);
      res.json({
        version: VERSIONS.milhena,
        langgraph_js_version: VERSIONS.langgraph,
        context: "js",
        flags: { assistants: true, crons: false, langsmith: false, langsmith_tracing_replicas: false },
        metadata: { service: "milhena", graphs: [GRAPH_ID] },
      });
    }),
  );
  return router;
}
