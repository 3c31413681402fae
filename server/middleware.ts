import { randomUUID } from "node:crypto";
import type express from "express";
import { withLogContext } from "../config/logger.ts";
import type { AppDeps } from "./deps.ts";
import { callerOf, requestIdOf } from "./caller.ts";
import { ApiError } from "./errors.ts";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Gives every request an id (the caller's `x-request-id` when well-formed), logs and times it. */
export function requestLifecycle(deps: AppDeps): express.RequestHandler {
  return (req, res, next) => {
    const given = req.header("x-request-id");
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.on("finish", () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routeLabel(req);
      deps.metrics.observeRequest(route, req.method, res.statusCode, seconds);
      const caller: unknown = res.locals.caller;
      deps.logger.info(
        {
          requestId,
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          userId: caller && typeof caller === "object" && "userId" in caller ? caller.userId : undefined,
        },
        "request",
      );
    });
    withLogContext({ requestId }, next);
  };
}

/** The matched route pattern (not the raw path, which carries ids). */
function routeLabel(req: express.Request): string {
  const route: unknown = req.route;
  const path =
    route && typeof route === "object" && "path" in route && typeof route.path === "string"
      ? route.path
      : null;
  return path ? `${req.baseUrl}${path}` : "unmatched";
}

/** During shutdown new requests are refused with 503 so a load balancer moves on. */
export function refuseWhileDraining(deps: AppDeps): express.RequestHandler {
  return (_req, _res, next) => {
    if (deps.lifecycle.draining) {
      next(
        new ApiError(503, "unavailable", "Milhena is restarting. Please retry in a moment.", {
          "Retry-After": "5",
        }),
      );
      return;
    }
    next();
  };
}

/** The key from `Authorization: Bearer <key>` or `x-api-key` (the LangGraph SDK's header). */
export function keyFrom(req: express.Request): string | null {
  const header = req.header("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match?.[1] ?? "";
  }
  const apiKey = req.header("x-api-key");
  return apiKey === undefined ? null : apiKey.trim();
}

/**
 * Authenticates every request behind it; failures are 401 and audited (without the key). A client
 * address that failed too often is refused with 429 before its key is looked up (a key this process
 * verified recently still passes: it costs nothing to check).
 */
export function authenticate(deps: AppDeps): express.RequestHandler {
  return (req, res, next) => {
    const key = keyFrom(req);
    const address = req.ip ?? "";
    const audit = (event: "auth.missing_key" | "auth.invalid_key" | "auth.throttled") =>
      void deps.audit.record({ event, requestId: requestIdOf(res), route: req.path, ip: address });
    const fail = (event: "auth.missing_key" | "auth.invalid_key") => {
      deps.failedAuth.failed(address);
      audit(event);
      next(
        new ApiError(
          401,
          "unauthorized",
          key === null ? "An API key is required." : "The API key is not valid.",
          { "WWW-Authenticate": 'Bearer realm="milhena"' },
        ),
      );
    };
    const known = key ? deps.keys.verifyCached(key) : null;
    if (known) {
      res.locals.caller = known;
      return next();
    }
    const waitMs = deps.failedAuth.retryAfterMs(address);
    if (waitMs > 0) {
      audit("auth.throttled");
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      return next(
        new ApiError(
          429,
          "rate_limited",
          `Too many failed sign-ins from this address. Please wait ${seconds} s.`,
          { "Retry-After": String(seconds) },
        ),
      );
    }
    if (key === null) return fail("auth.missing_key");
    deps.keys.verify(key).then(
      (caller) => {
        if (!caller) return fail("auth.invalid_key");
        res.locals.caller = caller;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** Per-user token bucket; 429 with Retry-After when the user's bucket is empty. */
export function rateLimit(deps: AppDeps): express.RequestHandler {
  return (req, res, next) => {
    const caller = callerOf(res);
    deps.rateLimiter.take(caller.userId).then(
      (decision) => {
        if (decision.allowed) return next();
        const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
        deps.metrics.rateLimited();
        void deps.audit.record({
          event: "rate_limited",
          userId: caller.userId,
          keyId: caller.keyId,
          requestId: requestIdOf(res),
          route: req.path,
        });
        next(
          new ApiError(429, "rate_limited", `Too many requests. Please wait ${seconds} s.`, {
            "Retry-After": String(seconds),
          }),
        );
      },
      (error: unknown) => {
        // A limiter that cannot answer must not take the service down with it: let the request through.
        // (A Redis outage does not end here: the shared limiter falls back to per-process buckets.)
        deps.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          "rate limiter unavailable",
        );
        next();
      },
    );
  };
}

/** Requests with a body must send JSON; a body-less POST (cancel) is fine. */
/**
 * Request bodies are JSON. A body without a content type (some proxies, a common Next.js passthrough
 * among them, drop the header) is read as JSON; a body declared as anything else is refused with 415.
 */
export function refusedBodyType(req: express.Request): ApiError | null {
  const hasBody =
    Number(req.header("content-length") ?? 0) > 0 || req.header("transfer-encoding") !== undefined;
  if (!hasBody || !["POST", "PUT", "PATCH"].includes(req.method)) return null;
  if (req.header("content-type") === undefined) {
    req.headers["content-type"] = "application/json";
    return null;
  }
  return req.is("application/json")
    ? null
    : new ApiError(415, "unsupported_media_type", "Send the request body as application/json.");
}

export const requireJson: express.RequestHandler = (req, _res, next) => {
  next(refusedBodyType(req) ?? undefined);
};

/** A UTF-16 surrogate not part of a pair (in `u` mode a proper pair is one code point, not `Cs`). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether a parsed JSON value holds a NUL character or a lone UTF-16 surrogate in any string or key
 * (PostgreSQL cannot store either) or nests deeper than 64 levels (no request of this API does).
 */
export function unstorable(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000") || LONE_SURROGATE.test(value);
  if (value === null || typeof value !== "object") return false;
  if (depth >= 64) return true;
  if (Array.isArray(value)) return value.some((v) => unstorable(v, depth + 1));
  return Object.entries(value).some(
    ([k, v]) => k.includes("\u0000") || LONE_SURROGATE.test(k) || unstorable(v, depth + 1),
  );
}

/** After the JSON parser: such a body is refused before anything is stored. */
export const refuseUnstorable: express.RequestHandler = (req, _res, next) => {
  if (unstorable(req.body as unknown)) {
    next(
      new ApiError(
        400,
        "bad_request",
        "Invalid request: text must not contain NUL characters or unpaired surrogate characters, nor JSON nest deeper than 64 levels.",
      ),
    );
    return;
  }
  next();
};
