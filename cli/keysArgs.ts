import { parseArgs } from "node:util";
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

/** Parses `create --user ID [--role admin]` or `revoke --key-id ID` (`node:util` parseArgs, then zod). */
export function parseKeysArgs(argv: readonly string[]): KeysArgs {
  let shape: { values: Record<string, string | undefined>; positionals: string[] };
  try {
    shape = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        user: { type: "string" },
        role: { type: "string" },
        "key-id": { type: "string" },
        "expires-days": { type: "string" },
      },
    });
  } catch (error) {
    throw new KeysUsageError(`${error instanceof Error ? error.message : String(error)}\n${KEYS_USAGE}`);
  }
  const { values: flags, positionals } = shape;
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new KeysUsageError(`Unexpected argument "${extra[0]}".\n${KEYS_USAGE}`);
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
