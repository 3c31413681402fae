import { z } from "zod";

export const SEED_USAGE = "Usage: npm run seed -- [--executions N] [--days D] [--seed S]";

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
  return parsed.data;
}
