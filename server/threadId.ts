import { z } from "zod";

/**
 * One thread id rule for the chat API and the Agent Server API: UUIDs from the SDK or the server,
 * or a short id a client chose (letters, digits, '.', '_', ':' or '-', at most 128 characters).
 */
export const ThreadIdSchema = z
  .string()
  .min(1, "a thread id is not empty")
  .max(128, "a thread id is at most 128 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "a thread id is letters, digits, '.', '_', ':' or '-'");
