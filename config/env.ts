import { z } from "zod";

const identifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL identifier (letters, digits, underscore)");

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  MILHENA_DATA_DIR: z.string().min(1).default("./.milhena"),
  N8N_SCHEMA: identifier.default("n8n"),
  MILHENA_SCHEMA: identifier.default("milhena"),
  BUSINESS_TZ: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Rome").default("UTC"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8089),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});
export type AppEnv = Readonly<z.infer<typeof EnvSchema>>;

/** Reads and validates the environment; empty strings count as unset. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): AppEnv {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== "") cleaned[key] = value.trim();
  }
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return Object.freeze(parsed.data);
}
