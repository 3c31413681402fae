import { parseArgs } from "node:util";
import { z } from "zod";
import { SPLITS } from "./dataset.ts";
import { ProviderSchema } from "./providers.ts";

const positiveInt = z.coerce.number().int().min(1);

/** Friday 20 November 2026, 16:30 in Rome: the datasets' labels are computed from this instant. */
export const EVAL_NOW = "2026-11-20T15:30:00Z";

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const EvalArgsSchema = z
  .object({
    split: z.enum(SPLITS).default("dev"),
    provider: ProviderSchema.default("rules"),
    gate: z.boolean().default(false),
    langsmith: z.boolean().default(false),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
    seed: z.coerce.number().int().default(42),
    executions: positiveInt.max(2_000_000).default(20_000),
    days: positiveInt.max(400).default(60),
    /** The evaluation's clock: the labelled dates of the datasets are computed from it. */
    now: z.string().datetime().default(EVAL_NOW),
    timeZone: z
      .string()
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Rome")
      .default("Europe/Rome"),
    limit: positiveInt.optional(),
    reportsDir: z.string().min(1).default("evals/reports"),
  })
  .strict();
export type EvalArgs = z.infer<typeof EvalArgsSchema>;

export const USAGE = `npm run eval -- [--split dev|test] [--provider rules|gemini|groq|hybrid] [--gate] [--langsmith]
  [--database-url postgres://…] [--seed N] [--executions N] [--days N] [--now ISO] [--time-zone TZ] [--limit N]
  [--reports-dir DIR]`;

/** Parses and validates the command line; DATABASE_URL is the default of --database-url. */
export function parseEvalArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): EvalArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      split: { type: "string" },
      provider: { type: "string" },
      gate: { type: "boolean" },
      langsmith: { type: "boolean" },
      "database-url": { type: "string" },
      seed: { type: "string" },
      executions: { type: "string" },
      days: { type: "string" },
      now: { type: "string" },
      "time-zone": { type: "string" },
      limit: { type: "string" },
      "reports-dir": { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const databaseUrl = values["database-url"] ?? (env.DATABASE_URL?.trim() || undefined);
  const parsed = EvalArgsSchema.safeParse({
    split: values.split,
    provider: values.provider,
    gate: values.gate,
    langsmith: values.langsmith,
    databaseUrl,
    seed: values.seed,
    executions: values.executions,
    days: values.days,
    now: values.now,
    timeZone: values["time-zone"],
    limit: values.limit,
    reportsDir: values["reports-dir"],
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${problems}\nusage: ${USAGE}`);
  }
  return parsed.data;
}
