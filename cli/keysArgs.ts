import { z } from "zod";
import { USER_ID } from "../server/auth/apiKeys.ts";

export const KEYS_USAGE = `Usage:
  npm run keys -- create --user ID [--role admin] [--expires-days N]
                                                    prints a new API key once (only its hash is stored)
  npm run keys -- revoke --key-id KEY_ID            revokes a key`;

export type KeysArgs =
  | {
      readonly command: "create";
      readonly userId: string;
      readonly role: "user" | "admin";
      /** Days until the key stops working (none: never). */
      readonly expiresDays?: number;
    }
  | { readonly command: "revoke"; readonly keyId: string };

const CreateSchema = z.object({
  command: z.literal("create"),
  userId: z.string().regex(USER_ID, "--user must be 1–64 letters, digits, dots, @, _ or -"),
  role: z.enum(["user", "admin"]).default("user"),
  expiresDays: z.coerce
    .number({ message: "--expires-days must be a number of days" })
    .int("--expires-days must be a whole number of days")
    .min(1, "--expires-days must be at least 1")
    .max(3650, "--expires-days must be at most 3650")
    .optional(),
});
const RevokeSchema = z.object({
  command: z.literal("revoke"),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, "--key-id must be the 16 hex characters printed at creation"),
});

export class KeysUsageError extends Error {}

/** Parses `create --user ID [--role admin]` or `revoke --key-id ID`. */
export function parseKeysArgs(argv: readonly string[]): KeysArgs {
  const [command, ...rest] = argv;
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i] ?? "";
    const value = rest[i + 1];
    if (!/^--(user|role|key-id|expires-days)$/.test(flag) || value === undefined || value.startsWith("--")) {
      throw new KeysUsageError(`Unexpected argument "${flag}".\n${KEYS_USAGE}`);
    }
    flags[flag.slice(2)] = value;
    i++;
  }
  const parsed =
    command === "create"
      ? CreateSchema.safeParse({
          command,
          userId: flags.user ?? "",
          role: flags.role,
          expiresDays: flags["expires-days"],
        })
      : command === "revoke"
        ? RevokeSchema.safeParse({ command, keyId: flags["key-id"] ?? "" })
        : null;
  if (!parsed) throw new KeysUsageError(KEYS_USAGE);
  if (!parsed.success)
    throw new KeysUsageError(`${parsed.error.issues[0]?.message ?? "invalid arguments"}\n${KEYS_USAGE}`);
  return parsed.data;
}
