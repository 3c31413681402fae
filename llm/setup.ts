import type { AppEnv } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { HybridClassifier } from "../classifier/hybrid.ts";
import type { Classifier } from "../classifier/types.ts";
import { createProviderModels } from "./chatModels.ts";
import { createPlanCache, type PlanCache } from "./planCache.ts";
import { CircuitBreaker } from "./circuitBreaker.ts";
import { TokenBucket } from "./rateLimiter.ts";
import { ResilientProvider, type ResilienceOptions } from "./resilientProvider.ts";
import { LlmRouter } from "./router.ts";
import type { BreakerState } from "./types.ts";
import { createLlmWriter, type LlmWriter } from "./writer.ts";

/** Knobs tests turn (clocks, sleeps, delays); production uses the defaults. */
export interface LlmTuning extends Partial<Omit<ResilienceOptions, "timeoutMs">> {
  readonly failureThreshold?: number;
  readonly openMs?: number;
  readonly maxQueue?: number;
  /** Key prefix of the plan cache in Redis (tests use a unique one). */
  readonly planCachePrefix?: string;
}

export interface LlmStack {
  readonly router: LlmRouter;
  readonly classifier: Classifier;
  readonly writer: LlmWriter;
  /** Breaker state per configured provider; empty when Milhena runs on rules only. */
  status(): Record<string, BreakerState>;
  /** Releases the plan cache's Redis connection, if any. */
  close(): Promise<void>;
}

type LlmEnv = Pick<
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
  | "LLM_POLICY"
  | "LLM_TIMEOUT_MS"
  | "LLM_DEADLINE_MS"
  | "GEMINI_RPM"
  | "GROQ_RPM"
  | "LLM_REPHRASE"
  | "REDIS_URL"
>;

/**
 * Providers from the environment (Gemini, then Groq, as LLM_PROVIDERS orders them; those without a key
 * left out), each behind its own breaker and token bucket; the hybrid classifier (LLM plans cached
 * in Redis with REDIS_URL, else in process) and the text writer on top. With no keys the router is empty and everything runs on rules, exactly as offline.
 */
export function createLlmStack(env: LlmEnv, logger: Logger, tuning: LlmTuning = {}): LlmStack {
  const providers = createProviderModels(env).map((models) => {
    const perMinute = models.name === "gemini" ? env.GEMINI_RPM : env.GROQ_RPM;
    return new ResilientProvider(
      models,
      new CircuitBreaker({
        failureThreshold: tuning.failureThreshold ?? 5,
        openMs: tuning.openMs ?? 60_000,
        ...(tuning.now ? { now: tuning.now } : {}),
      }),
      new TokenBucket({
        perMinute,
        burst: Math.max(1, Math.min(5, Math.floor(perMinute / 3))),
        maxQueue: tuning.maxQueue ?? 20,
        ...(tuning.now ? { now: tuning.now } : {}),
        ...(tuning.sleep ? { sleep: tuning.sleep } : {}),
      }),
      { ...tuning, timeoutMs: env.LLM_TIMEOUT_MS },
      logger,
    );
  });
  const router = new LlmRouter(providers, logger);
  // Plans are cached only when an LLM writes them: on rules only there is nothing to save.
  const cache: PlanCache | undefined =
    providers.length > 0
      ? createPlanCache(
          {
            ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
            ...(tuning.planCachePrefix ? { keyPrefix: tuning.planCachePrefix } : {}),
          },
          logger,
        )
      : undefined;
  return {
    router,
    classifier: new HybridClassifier({
      policy: env.LLM_POLICY,
      router,
      defaultBudgetMs: env.LLM_DEADLINE_MS,
      ...(cache ? { cache } : {}),
    }),
    writer: createLlmWriter(router, { deadlineMs: env.LLM_DEADLINE_MS, rephrase: env.LLM_REPHRASE }),
    status: () => router.status(),
    close: async () => cache?.close(),
  };
}
