import { z } from "zod";

export const PROVIDERS = ["rules", "gemini", "groq", "hybrid"] as const;
export const ProviderSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof ProviderSchema>;

interface ProviderPlan {
  readonly env: Readonly<Record<string, string>>;
  readonly requiredKeys: readonly string[];
}

/** The LLM routing contract: env overrides passed to loadEnv for each provider choice. */
const PLANS: Record<Provider, ProviderPlan> = {
  rules: { env: { LLM_POLICY: "rules" }, requiredKeys: [] },
  gemini: { env: { LLM_POLICY: "llm", LLM_PROVIDERS: "gemini" }, requiredKeys: ["GEMINI_API_KEY"] },
  groq: { env: { LLM_POLICY: "llm", LLM_PROVIDERS: "groq" }, requiredKeys: ["GROQ_API_KEY"] },
  hybrid: {
    env: { LLM_POLICY: "hybrid", LLM_PROVIDERS: "gemini,groq" },
    requiredKeys: ["GEMINI_API_KEY", "GROQ_API_KEY"],
  },
};

/** Env overrides for `provider`; throws a clear error when a key it needs is absent. */
export function providerEnv(provider: Provider, env: NodeJS.ProcessEnv): Record<string, string> {
  const plan = PLANS[provider];
  const missing = plan.requiredKeys.filter((k) => !env[k]?.trim());
  if (missing.length) {
    throw new Error(`--provider ${provider} needs ${missing.join(" and ")} in the environment`);
  }
  return { ...plan.env };
}
