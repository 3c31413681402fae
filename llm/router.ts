import type { Logger } from "../config/logger.ts";
import { estimateCost, type ModelPrice, DEFAULT_PRICES } from "./pricing.ts";
import { ProviderCallError, type ModelCall, type ResilientProvider } from "./resilientProvider.ts";
import {
  addUsage,
  NO_USAGE,
  type BreakerState,
  type LlmUsage,
  type ModelTier,
  type ProviderName,
} from "./types.ts";

/** One thing Milhena asks an LLM to do (classify, write a narrative, …). */
export interface LlmTask<T> {
  /** Short name for logs and traces ("classify", "analysis"). */
  readonly name: string;
  readonly tier: ModelTier;
  readonly call: ModelCall<T>;
}

export interface LlmOutcome<T> {
  /** null when every provider failed or none is configured: the caller uses rules. */
  readonly value: T | null;
  readonly provider: ProviderName | null;
  readonly modelId: string | null;
  readonly usage: LlmUsage;
}

/** Tries the providers in order (Gemini, then Groq); each applies its own resilience policy. */
export class LlmRouter {
  constructor(
    private readonly providers: readonly ResilientProvider[],
    private readonly logger: Logger,
    private readonly prices: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES,
  ) {}

  /** Whether any provider is configured (with no keys Milhena is rules-only). */
  get enabled(): boolean {
    return this.providers.length > 0;
  }

  /** Breaker state per configured provider (for /ready and metrics). */
  status(): Record<string, BreakerState> {
    return Object.fromEntries(this.providers.map((p) => [p.name, p.breakerState]));
  }

  async run<T>(task: LlmTask<T>, deadlineAt: number, signal?: AbortSignal): Promise<LlmOutcome<T>> {
    let usage = NO_USAGE;
    for (const provider of this.providers) {
      try {
        const done = await provider.call(task.tier, task.call, deadlineAt, signal);
        const tokens = done.reply.tokens;
        const costUsd = estimateCost(provider.name, done.modelId, tokens, this.prices);
        usage = addUsage(usage, {
          llmCalls: done.attempts,
          llmFailures: done.failures.length,
          retries: Math.max(0, done.attempts - 1),
          inputTokens: tokens.inputTokens,
          outputTokens: tokens.outputTokens,
          costUsd,
          byModel: {
            [`${provider.name}:${done.modelId}`]: { ...tokens, calls: done.attempts, costUsd },
          },
        });
        return { value: done.reply.value, provider: provider.name, modelId: done.modelId, usage };
      } catch (error) {
        if (!(error instanceof ProviderCallError)) throw error; // the caller's own abort
        const failed = error.failures.filter((f) => f.kind !== "unavailable").length;
        usage = addUsage(usage, {
          llmCalls: error.attempts,
          llmFailures: failed,
          retries: Math.max(0, error.attempts - 1),
          fallbacks: 1,
        });
        this.logger.info(
          {
            event: "llm.fallback",
            task: task.name,
            provider: provider.name,
            reasons: error.failures.map((f) => f.kind),
          },
          "llm fallback",
        );
      }
    }
    return { value: null, provider: null, modelId: null, usage };
  }
}
