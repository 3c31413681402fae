import express from "express";
import type { AppDeps } from "../deps.ts";
import { buildOpenApi } from "../openapi.ts";

/** Health, readiness, liveness, metrics and the API description: no key needed. */
export function opsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/live", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/ready", async (_req, res) => {
    const providers = deps.providerStatus?.() ?? {};
    deps.metrics.setBreakers(providers);
    let database = "ok";
    let migrations = "ok";
    try {
      const { rows } = await deps.runtime.database.pool.query<{ version: number }>(
        `SELECT max(version)::int AS version FROM ${deps.env.MILHENA_SCHEMA}.schema_migrations`,
      );
      if (!rows[0]?.version) migrations = "pending";
    } catch {
      database = "unreachable";
      migrations = "unknown";
    }
    const ready = database === "ok" && migrations === "ok" && !deps.lifecycle.draining;
    res.status(ready ? 200 : 503).json({
      status: ready ? "ready" : "not_ready",
      database,
      migrations,
      draining: deps.lifecycle.draining,
      providers,
    });
  });
  router.get("/metrics", async (_req, res) => {
    deps.metrics.setBreakers(deps.providerStatus?.() ?? {});
    res.setHeader("content-type", deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  router.get("/openapi.json", (_req, res) => {
    res.json(buildOpenApi());
  });
  return router;
}
