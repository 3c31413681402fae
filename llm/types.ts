import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

export type ProviderName = "gemini" | "groq";
/** fast: classification and short answers; strong: ANALYSIS narratives. */
export type ModelTier = "fast" | "strong";
export type BreakerState = "closed" | "open" | "half_open";

/** The chat models of one provider, built from the environment (SDK retries off). */
export interface ProviderModels {
  readonly name: ProviderName;
  readonly models: Readonly<Record<ModelTier, { readonly id: string; readonly model: BaseChatModel }>>;
}

export interface TokenCount {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** What one successful provider call produced. */
export interface LlmReply<T> {
  readonly value: T;
  readonly tokens: TokenCount;
}

/** Counters of one request's LLM use; flattened into the response's `usage`. */
export interface LlmUsage {
  readonly llmCalls: number;
  readonly llmFailures: number;
  readonly retries: number;
  /** Times a stage moved on to the next provider, or to rules, because one failed or was unavailable. */
  readonly fallbacks: number;
  /** LLM texts discarded because a number, date or name did not match the facts. */
  readonly guardRejections: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Per provider and model: "gemini:gemini-2.5-flash" → tokens and cost. */
  readonly byModel: Readonly<
    Record<string, TokenCount & { readonly calls: number; readonly costUsd: number }>
  >;
}

export const NO_USAGE: LlmUsage = Object.freeze({
  llmCalls: 0,
  llmFailures: 0,
  retries: 0,
  fallbacks: 0,
  guardRejections: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  byModel: Object.freeze({}),
});

export function addUsage(a: LlmUsage, b: Partial<LlmUsage>): LlmUsage {
  const byModel: Record<string, TokenCount & { calls: number; costUsd: number }> = { ...a.byModel };
  for (const [key, m] of Object.entries(b.byModel ?? {})) {
    const prev = byModel[key] ?? { inputTokens: 0, outputTokens: 0, calls: 0, costUsd: 0 };
    byModel[key] = {
      inputTokens: prev.inputTokens + m.inputTokens,
      outputTokens: prev.outputTokens + m.outputTokens,
      calls: prev.calls + m.calls,
      costUsd: prev.costUsd + m.costUsd,
    };
  }
  return {
    llmCalls: a.llmCalls + (b.llmCalls ?? 0),
    llmFailures: a.llmFailures + (b.llmFailures ?? 0),
    retries: a.retries + (b.retries ?? 0),
    fallbacks: a.fallbacks + (b.fallbacks ?? 0),
    guardRejections: a.guardRejections + (b.guardRejections ?? 0),
    inputTokens: a.inputTokens + (b.inputTokens ?? 0),
    outputTokens: a.outputTokens + (b.outputTokens ?? 0),
    costUsd: a.costUsd + (b.costUsd ?? 0),
    byModel,
  };
}

const BREAKER_CODE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * The response's flat `usage` record (numbers only), or undefined when no LLM was involved.
 * Breaker states are numbers for metrics: `breaker:gemini` 0 closed, 1 half-open, 2 open.
 */
export function usageRecord(
  usage: LlmUsage,
  breakers: Readonly<Record<string, BreakerState>> = {},
): Record<string, number> | undefined {
  if (usage.llmCalls === 0 && usage.fallbacks === 0 && usage.guardRejections === 0) return undefined;
  const record: Record<string, number> = {
    llmCalls: usage.llmCalls,
    llmFailures: usage.llmFailures,
    retries: usage.retries,
    fallbacks: usage.fallbacks,
    guardRejections: usage.guardRejections,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd: Math.round(usage.costUsd * 1e8) / 1e8,
  };
  for (const [key, m] of Object.entries(usage.byModel)) {
    record[`${key}:inputTokens`] = m.inputTokens;
    record[`${key}:outputTokens`] = m.outputTokens;
    record[`${key}:calls`] = m.calls;
    record[`${key}:costUsd`] = Math.round(m.costUsd * 1e8) / 1e8;
  }
  for (const [provider, state] of Object.entries(breakers))
    record[`breaker:${provider}`] = BREAKER_CODE[state];
  return record;
}
