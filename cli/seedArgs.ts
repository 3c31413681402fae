import { parseArgs } from "node:util";
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

/** `npm run seed` arguments: `node:util` parseArgs for the shape, zod for the values. */
export function parseSeedArgs(argv: readonly string[]) {
  let raw: Record<string, string | undefined>;
  try {
    raw = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        executions: { type: "string" },
        days: { type: "string" },
        seed: { type: "string" },
        "n8n-ddl": { type: "string" },
      },
    }).values;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${SEED_USAGE}`);
  }
  const parsed = SeedArgs.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) {
    throw new Error(
      `${parsed.error.issues.map((i) => (i.path.length ? `--${i.path.join(".")}: ` : "") + i.message).join("; ")}\n${SEED_USAGE}`,
    );
  }
  const { "n8n-ddl": ddl, ...size } = parsed.data;
  return ddl ? { ...size, ddl } : size;
}
