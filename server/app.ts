import { randomUUID } from "node:crypto";
import express from "express";
import { createAgentServerRouter } from "./agentServer/router.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError, errorHandler } from "./errors.ts";

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const requestId =
      typeof incoming === "string" && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    next();
  });
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use((req, res, next) => {
    const key = req.headers["x-api-key"];
    if (typeof key !== "string" || key.length === 0) {
      next(new ApiError(401, "unauthorized", "Missing or invalid API key"));
      return;
    }
    deps.keys.verify(key).then(
      (caller) => {
        if (!caller) {
          next(new ApiError(401, "unauthorized", "Missing or invalid API key"));
          return;
        }
        res.locals.caller = caller;
        next();
      },
      (error: unknown) => next(error),
    );
  });
  app.use(express.json({ limit: "64kb" }));
  app.use("/", createAgentServerRouter(deps));
  app.use((_req, _res, next) => next(new ApiError(404, "not_found", "Not found")));
  app.use(errorHandler(deps.logger));
  return app;
}
