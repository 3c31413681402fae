import type express from "express";
import type pino from "pino";

export type ApiErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

/** An error with an HTTP status, a stable code and a message safe to show the client. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const CODE_OF_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "unavailable",
};

/** Errors thrown by body parsers carry `status`/`statusCode` and `expose`. */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error !== null && typeof error === "object") {
    const e = error as { status?: unknown; statusCode?: unknown; expose?: unknown; type?: unknown };
    const status =
      typeof e.status === "number" ? e.status : typeof e.statusCode === "number" ? e.statusCode : 500;
    const code = CODE_OF_STATUS[status];
    if (code && status < 500) {
      const message = e.type === "entity.parse.failed" ? "The request body is not valid JSON" : "Bad request";
      return new ApiError(status, code, status === 413 ? "The request body is too large" : message);
    }
  }
  return new ApiError(500, "internal", "Internal error");
}

export function errorHandler(logger: pino.Logger): express.ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const apiError = toApiError(error);
    const requestId = typeof res.locals.requestId === "string" ? res.locals.requestId : "";
    if (apiError.status >= 500) logger.error({ err: error, requestId }, "request failed");
    for (const [name, value] of Object.entries(apiError.headers)) res.setHeader(name, value);
    res
      .status(apiError.status)
      .json({ error: { code: apiError.code, message: apiError.message, requestId } });
  };
}
