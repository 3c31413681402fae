import type express from "express";
import { ApiError } from "./errors.ts";

export interface Caller {
  readonly userId: string;
  readonly role: "user" | "admin";
  readonly keyId: string;
}

/** The authenticated caller (set by the auth middleware); ApiError 401 when there is none. */
export function callerOf(res: express.Response): Caller {
  const caller = (res.locals as { caller?: Caller }).caller;
  if (!caller) throw new ApiError(401, "unauthorized", "Missing or invalid API key");
  return caller;
}
