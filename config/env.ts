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

const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, "must be an http(s) URL");
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  MILHENA_DATA_DIR: z.string().min(1).default("./.milhena"),
  N8N_SCHEMA: identifier.default("n8n"),
  /** n8n's DB_TABLE_PREFIX: the prefix of every n8n table name (empty by default). */
  N8N_TABLE_PREFIX: z
    .string()
    .regex(
      /^[a-z0-9_]{0,30}$/,
      "must be lower-case letters, digits and underscores, as n8n's DB_TABLE_PREFIX",
    )
    .default(""),
  /**
   * n8n's storage folder (`<n8n user folder>/storage`), read-only: where n8n 2.x keeps execution data
   * with N8N_EXECUTION_DATA_STORAGE_MODE=filesystem.
   */
  N8N_STORAGE_PATH: z.string().min(1).optional(),
  MILHENA_SCHEMA: identifier.default("milhena"),
  BUSINESS_TZ: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Rome").default("UTC"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8089),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),

  // LLM routing (all optional: without keys Milhena answers with rules only).
  GEMINI_API_KEY: z.string().min(1).optional(),
  GROQ_API_KEY: z.string().min(1).optional(),
  GEMINI_BASE_URL: httpUrl.optional(),
  GROQ_BASE_URL: httpUrl.optional(),
  GEMINI_MODEL: z.string().min(1).default("gemini-2.5-flash-lite"),
  GEMINI_MODEL_STRONG: z.string().min(1).default("gemini-2.5-flash"),
  GROQ_MODEL: z.string().min(1).default("llama-3.1-8b-instant"),
  GROQ_MODEL_STRONG: z.string().min(1).default("llama-3.3-70b-versatile"),
  /** Classification policy: confident rules first (hybrid), LLM first (llm), or rules only. */
  LLM_POLICY: z.enum(["hybrid", "llm", "rules"]).default("hybrid"),
  /** Providers in the order they are tried; those without a key are skipped. */
  LLM_PROVIDERS: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((p) => p.trim().toLowerCase())
        .filter((p) => p !== ""),
    )
    .pipe(z.array(z.enum(["gemini", "groq"])).max(2))
    .default(["gemini", "groq"]),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  LLM_DEADLINE_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  GEMINI_RPM: z.coerce.number().int().min(1).max(100_000).default(15),
  GROQ_RPM: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Rephrase template answers with the LLM (the fact guard still applies). */
  LLM_REPHRASE: booleanFlag.default(false),

  /** Per-user request rate of the server: requests a minute on average, and the burst allowed. */
  RATE_LIMIT_RPM: z.coerce.number().int().min(1).max(100_000).default(60),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(10_000).default(20),

  /** Failed authentications allowed per client address a minute, before the key store is asked. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** How long a verified API key is trusted from the in-process cache (0 = ask the database each time). */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(30),
  /** Longest a shutdown may take: in-flight answers finish, then blocked queries are cancelled. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(25_000),
  /** When set, `/metrics` needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * Web origins whose browser pages may call the API (CORS), comma-separated: each `scheme://host[:port]`,
   * or `*` for any. None by default. LangGraph Studio's is `https://smith.langchain.com`.
   */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim().replace(/\/+$/, ""))
        .filter((origin) => origin.length > 0),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(\*|https?:\/\/[a-z0-9.-]+(:\d{1,5})?)$/i,
            "each origin must be scheme://host[:port] (no path), or *",
          ),
      ),
    ),

  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(),
  LANGSMITH_TRACING: booleanFlag.default(false),
  LANGSMITH_API_KEY: z.string().min(1).optional(),
  LANGSMITH_ENDPOINT: httpUrl.optional(),
  LANGSMITH_PROJECT: z.string().min(1).default("milhena"),
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
