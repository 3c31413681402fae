import { loadEnv } from "../config/env.ts";
import { createApiKeyStore } from "../server/auth/apiKeys.ts";
import { createAuditLog } from "../server/audit.ts";
import { KeysUsageError, parseKeysArgs } from "./keysArgs.ts";
import { runCommand, withDatabase } from "./withDatabase.ts";

/** `npm run keys -- create --user ID [--role admin] [--expires-days N]` / `revoke --key-id ID`. */
runCommand(async () => {
  let args;
  try {
    args = parseKeysArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof KeysUsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const env = loadEnv({ LOG_LEVEL: "error", ...process.env });
  await withDatabase(env, async (db) => {
    const keys = createApiKeyStore(db.pool, env.MILHENA_SCHEMA);
    if (args.command === "create") {
      const expiresAt =
        args.expiresDays === undefined ? undefined : new Date(Date.now() + args.expiresDays * 86_400_000);
      const created = await keys.create(args.userId, args.role, expiresAt ? { expiresAt } : {});
      await createAuditLog(db.pool, env.MILHENA_SCHEMA, () => undefined).record({
        event: "key.created",
        userId: args.userId,
        keyId: created.keyId,
        detail: { role: args.role },
      });
      process.stdout.write(
        `API key for ${args.userId} (${args.role}), key id ${created.keyId}` +
          (expiresAt ? `, valid until ${expiresAt.toISOString()}` : "") +
          `. It is shown only this once:\n${created.key}\n`,
      );
    } else {
      const revoked = await keys.revoke(args.keyId);
      process.stdout.write(revoked ? `Key ${args.keyId} revoked.\n` : `No active key ${args.keyId}.\n`);
      if (!revoked) process.exitCode = 1;
    }
  });
});
