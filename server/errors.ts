import type express from "express";
import type { Logger as PinoLogger } from "pino";

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

/** An error with its HTTP status and a message safe to show the caller. */
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

export const notFound = (what = "Not found") => new ApiError(404, "not_found", what);

/** The error body of every route: `{ error: { code, message, requestId } }`. */
export interface ErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string; readonly requestId: string };
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

/** Database connection failures (server down, shutting down, pool closed) are 503, not 500. */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = field(error, "code");
  if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P0[1-3]|08\d\d\d|53300)$/.test(code))
    return true;
  const message = error instanceof Error ? error.message : "";
  return /Cannot use a pool after calling end|Connection terminated|connect ECONNREFUSED/i.test(message);
}

/** Maps any error to an ApiError: body-parser errors by their type, everything unknown to 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const type = field(error, "type");
  if (type === "entity.too.large")
    return new ApiError(413, "payload_too_large", "The request body is too large.");
  if (type === "entity.parse.failed")
    return new ApiError(400, "bad_request", "The request body is not valid JSON.");
  if (type === "encoding.unsupported" || type === "charset.unsupported")
    return new ApiError(415, "unsupported_media_type", "Unsupported content encoding or charset.");
  // A body that does not inflate as its Content-Encoding says (zlib's Z_DATA_ERROR, Z_BUF_ERROR…).
  const code = field(error, "code");
  if (typeof code === "string" && code.startsWith("Z_") && field(error, "status") === 400)
    return new ApiError(400, "bad_request", "The request body is not encoded as its Content-Encoding says.");
  if (typeof type === "string" && field(error, "status") === 400)
    return new ApiError(400, "bad_request", "The request body could not be read.");
  // Text PostgreSQL cannot store (a NUL character, an invalid escape in JSON): the input's fault.
  if (field(error, "code") === "22021" || field(error, "code") === "22P05")
    return new ApiError(400, "bad_request", "The request contains characters that cannot be stored.");
  // A query cancelled by a shutdown (57014): the replica is going away, another will answer.
  if (isDatabaseUnavailable(error) || field(error, "code") === "57014")
    return new ApiError(
      503,
      "unavailable",
      "Milhena cannot reach its database right now. Please retry shortly.",
      {
        "Retry-After": "5",
      },
    );
  return new ApiError(500, "internal", "Something went wrong on our side. Please retry.");
}

export function sendError(res: express.Response, error: ApiError): void {
  const requestId = typeof res.locals.requestId === "string" ? res.locals.requestId : "";
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  const body: ErrorBody = { error: { code: error.code, message: error.message, requestId } };
  res.status(error.status).json(body);
}

/** The last middleware: one error shape for every failure, never a stack trace. */
export function errorHandler(logger: PinoLogger): express.ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const apiError = toApiError(error);
    if (apiError.status >= 500) {
      logger.error(
        {
          requestId: res.locals.requestId,
          route: req.path,
          err: error instanceof Error ? error.message : String(error),
        },
        "request failed",
      );
    }
    sendError(res, apiError);
  };
}
