import cors from "cors";
import type express from "express";

/** Headers a browser client may read from an answer (the SDK reads the run's location, paging totals and the request id). */
const EXPOSED = [
  "Content-Location",
  "Location",
  "Retry-After",
  "X-Request-Id",
  "X-Pagination-Total",
  "X-Pagination-Next",
];

/**
 * CORS for browser clients on other origins (LangGraph Studio, agent-chat UIs): only the configured
 * origins get CORS headers (`*` allows any), and a preflight is answered here, before authentication
 * (a browser sends it without the key). Keys travel in headers, never in cookies: credentials are
 * never allowed, so `*` can never be combined with them.
 */
export function corsFor(origins: readonly string[]): express.RequestHandler {
  const any = origins.includes("*");
  const allowed = new Set(origins.map((o) => o.toLowerCase()));
  return cors({
    origin: (origin, callback) => {
      if (!origin) return callback(null, false);
      callback(null, any ? "*" : allowed.has(origin.toLowerCase()) ? origin : false);
    },
    methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    exposedHeaders: EXPOSED,
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}
