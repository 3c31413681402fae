import type { ProviderName, TokenCount } from "./types.ts";

/** USD per million tokens (input, output). Estimates for cost accounting; update with the providers' lists. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
}

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gemini:gemini-2.5-flash-lite": { input: 0.1, output: 0.4 },
  "gemini:gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "gemini:gemini-2.5-pro": { input: 1.25, output: 10 },
  "groq:llama-3.1-8b-instant": { input: 0.05, output: 0.08 },
  "groq:llama-3.3-70b-versatile": { input: 0.59, output: 0.79 },
};

/** Estimated cost of one call; unknown models cost 0 (and are still counted in tokens). */
export function estimateCost(
  provider: ProviderName,
  model: string,
  tokens: TokenCount,
  prices: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES,
): number {
  const price = prices[`${provider}:${model}`];
  if (!price) return 0;
  return (tokens.inputTokens * price.input + tokens.outputTokens * price.output) / 1_000_000;
}
