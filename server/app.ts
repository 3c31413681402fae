import type http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { createAgentServerRouter } from "./agentServer/router.ts";
import type { AppDeps } from "./deps.ts";
import { corsFor } from "./cors.ts";
import { ApiError, errorHandler } from "./errors.ts";
import {
  authenticate,
  rateLimit,
  refuseUnstorable,
  refuseWhileDraining,
  requestLifecycle,
  requireJson,
} from "./middleware.ts";
import { chatRouter } from "./routes/chat.ts";
import { opsRouter } from "./routes/ops.ts";

export const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "public");
/** Largest JSON body accepted (a 10,000-character message fits with room to spare). */
export const BODY_LIMIT = "64kb";

/**
 * Timeouts that fit a chat API: a client has 10 s to send its headers and 30 s for its whole request
 * (bodies are at most 64 KB), instead of Node's 60 s and 300 s; the answer itself may take longer.
 */
export const SERVER_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 65_000 } as const;

export function applyServerTimeouts(server: http.Server): void {
  server.headersTimeout = SERVER_TIMEOUTS.headersMs;
  server.requestTimeout = SERVER_TIMEOUTS.requestMs;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveMs;
}

/**
 * The express app: CORS for the configured origins, web chat and operations without a key; then authentication, the per-user rate limit,
 * JSON bodies, the chat API under /api and the LangGraph Agent Server API at the root.
 */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(requestLifecycle(deps));
  app.use((_req, res, next) => {
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    next();
  });
  // Browser clients of other origins: their preflight is answered here, before any key is asked for.
  app.use(corsFor(deps.env.CORS_ORIGINS));
  app.use(
    express.static(PUBLIC_DIR, {
      index: "index.html",
      setHeaders: (res) => {
        res.setHeader(
          "content-security-policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
        );
      },
    }),
  );
  // What the API answers is per caller and per moment: no cache may keep it.
  app.use((_req, res, next) => {
    res.setHeader("cache-control", "no-store");
    next();
  });
  app.use(opsRouter(deps));
  app.use(refuseWhileDraining(deps));
  app.use(authenticate(deps));
  app.use(rateLimit(deps));
  app.use(requireJson);
  app.use(express.json({ limit: BODY_LIMIT, strict: true, type: "application/json" }));
  app.use(refuseUnstorable);
  app.use("/api", chatRouter(deps));
  app.use(createAgentServerRouter(deps));
  app.use((_req, _res, next) => next(new ApiError(404, "not_found", "No such route.")));
  app.use(errorHandler(deps.logger));
  return app;
}
