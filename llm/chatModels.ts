import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { ChatGroq } from "@langchain/groq";
import type { AppEnv } from "../config/env.ts";
import type { ProviderModels, ProviderName } from "./types.ts";

type ModelEnv = Pick<
  AppEnv,
  | "GEMINI_API_KEY"
  | "GROQ_API_KEY"
  | "GEMINI_BASE_URL"
  | "GROQ_BASE_URL"
  | "GEMINI_MODEL"
  | "GEMINI_MODEL_STRONG"
  | "GROQ_MODEL"
  | "GROQ_MODEL_STRONG"
  | "LLM_PROVIDERS"
>;

function gemini(env: ModelEnv, apiKey: string, model: string) {
  // The SDK's own retries are off: the retry policy is Milhena's (llm/resilientProvider.ts).
  return new ChatGoogleGenerativeAI({
    model,
    apiKey,
    maxRetries: 0,
    temperature: 0,
    ...(env.GEMINI_BASE_URL ? { baseUrl: env.GEMINI_BASE_URL } : {}),
  });
}

function groq(env: ModelEnv, apiKey: string, model: string) {
  return new ChatGroq({
    model,
    apiKey,
    maxRetries: 0,
    temperature: 0,
    ...(env.GROQ_BASE_URL ? { baseUrl: env.GROQ_BASE_URL } : {}),
  });
}

/** The configured providers, in LLM_PROVIDERS order; a provider without a key is left out. */
export function createProviderModels(env: ModelEnv): ProviderModels[] {
  const build: Record<ProviderName, () => ProviderModels | null> = {
    gemini: () => {
      const key = env.GEMINI_API_KEY;
      if (!key) return null;
      return {
        name: "gemini",
        models: {
          fast: { id: env.GEMINI_MODEL, model: gemini(env, key, env.GEMINI_MODEL) },
          strong: { id: env.GEMINI_MODEL_STRONG, model: gemini(env, key, env.GEMINI_MODEL_STRONG) },
        },
      };
    },
    groq: () => {
      const key = env.GROQ_API_KEY;
      if (!key) return null;
      return {
        name: "groq",
        models: {
          fast: { id: env.GROQ_MODEL, model: groq(env, key, env.GROQ_MODEL) },
          strong: { id: env.GROQ_MODEL_STRONG, model: groq(env, key, env.GROQ_MODEL_STRONG) },
        },
      };
    },
  };
  return [...new Set(env.LLM_PROVIDERS)]
    .map((name) => build[name]())
    .filter((p): p is ProviderModels => p !== null);
}
