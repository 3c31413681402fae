import { z } from "zod";
import { N8N_DDL_VERSIONS } from "../db/n8nDdl.ts";

export const SEED_USAGE = `Usage: npm run seed -- [--executions N] [--days D] [--seed S] [--n8n-ddl ${N8N_DDL_VERSIONS.join("|")}]`;

const SeedArgs = z
  .object({
    executions: z.coerce
      .number()
      .int("--executions must be a whole number")
      .min(1)
      .max(5_000_000)
      .default(5000),
    days: z.coerce.number().int("--days must be a whole number").min(1).max(366).default(30),
    seed: z.coerce
      .number()
      .int("--seed must be a whole number")
      .min(0)
      .max(2 ** 31)
      .default(42),
    /** Create n8n's tables with the real DDL of this n8n line (when they do not exist yet). */
    "n8n-ddl": z.enum(N8N_DDL_VERSIONS).optional(),
  })
  .strict();

export function parseSeedArgs(argv: readonly string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (!flag.startsWith("--") || value === undefined || value.startsWith("--")) {
      throw new Error(`${flag} needs a value\n${SEED_USAGE}`);
    }
    raw[flag.slice(2)] = value;
  }
  const parsed = SeedArgs.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${parsed.error.issues.map((i) => (i.path.length ? `--${i.path.join(".")}: ` : "") + i.message).join("; ")}\n${SEED_USAGE}`,
    );
  }
  const { "n8n-ddl": ddl, ...size } = parsed.data;
  return ddl ? { ...size, ddl } : size;
}
