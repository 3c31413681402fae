import type express from "express";
import type { z } from "zod";
import { ApiError } from "../errors.ts";
import { refusedBodyType } from "../middleware.ts";
import { resolveAssistantId } from "./assistant.ts";
import { parseWith } from "./requests.ts";

/** What every Agent Server route does with a request: parsing, params, errors. */

type Handler = (req: express.Request, res: express.Response) => void | Promise<void>;

/** Sends what a handler throws or rejects with to the error handler (keeps handlers void-typed for lint). */
export const handle =
  (fn: Handler): express.RequestHandler =>
  (req, res, next) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);
  };

export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw new ApiError(400, "bad_request", `Invalid ${what}: ${parsed.problems}`);
  return parsed.value;
}

/** The body rule of the whole app (refusedBodyType), also when the router is mounted on its own. */
export function requireJson(req: express.Request): void {
  const refused = refusedBodyType(req);
  if (refused) throw refused;
}

/** The JSON body ({} when there is none), after requireJson. */
export function jsonBody(req: express.Request): unknown {
  requireJson(req);
  return req.body === undefined ? {} : (req.body as unknown);
}

/** A route parameter as one string (express types allow arrays for wildcard params). */
export function param(req: express.Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === "string" ? value : "";
}

/** The assistant's id for an assistant id or graph id, with the official server's 404 otherwise. */
export function assistantOr404(idOrGraphId: string): string {
  const id = resolveAssistantId(idOrGraphId);
  if (id === null) {
    throw new ApiError(
      404,
      "not_found",
      `No assistant found for ${JSON.stringify(idOrGraphId)}. Make sure the assistant ID is for a valid assistant or a valid graph ID.`,
    );
  }
  return id;
}
