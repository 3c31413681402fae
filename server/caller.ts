import type express from "express";
import { ApiError } from "./errors.ts";

/** Who is calling: set by the auth middleware from the API key. */
export interface Caller {
  readonly userId: string;
  readonly role: "user" | "admin";
  readonly keyId: string;
}

function isCaller(value: unknown): value is Caller {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.userId === "string" && (v.role === "user" || v.role === "admin") && typeof v.keyId === "string"
  );
}

export function callerOf(res: express.Response): Caller {
  const caller: unknown = res.locals.caller;
  if (!isCaller(caller)) throw new ApiError(401, "unauthorized", "An API key is required.");
  return caller;
}

export function requestIdOf(res: express.Response): string {
  return typeof res.locals.requestId === "string" ? res.locals.requestId : "";
}
