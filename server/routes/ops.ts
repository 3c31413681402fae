import { createHash, timingSafeEqual } from "node:crypto";
import express from "express";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { buildOpenApi } from "../openapi.ts";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * With a token, the request must send `Authorization: Bearer <token>` (compared in constant time, on
 * SHA-256 digests so the lengths match too); without one, everything passes.
 */
export function requireBearer(token: string | undefined): express.RequestHandler {
  if (!token) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, _res, next) => {
    const given = /^Bearer\s+(\S+)$/i.exec(req.header("authorization")?.trim() ?? "")?.[1];
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    next(
      new ApiError(
        401,
        "unauthorized",
        given === undefined ? "A metrics token is required." : "The metrics token is not valid.",
        { "WWW-Authenticate": 'Bearer realm="milhena-metrics"' },
      ),
    );
  };
}

/** Health, readiness, liveness, metrics (behind METRICS_TOKEN when set) and the API description: no key needed. */
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
    // Redis down only makes the rate limit per process ("memory"): degraded, still ready.
    const rateLimit = deps.rateLimitMode();
    deps.metrics.setRateLimitMode(rateLimit);
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
      rateLimit,
    });
  });
  router.get("/metrics", requireBearer(deps.env.METRICS_TOKEN), async (_req, res) => {
    deps.metrics.setBreakers(deps.providerStatus?.() ?? {});
    deps.metrics.setRateLimitMode(deps.rateLimitMode());
    res.setHeader("content-type", deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  router.get("/openapi.json", (_req, res) => {
    res.json(buildOpenApi());
  });
  return router;
}
