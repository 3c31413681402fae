import { requestDeadline } from "./deadline.ts";
import type { LlmOutcome, LlmRouter, LlmTask } from "./router.ts";
import type { BreakerState } from "./types.ts";

/** What nodes use to have an LLM write text (GENERAL answers, ANALYSIS narratives, rephrasing). */
export interface LlmWriter {
  /** False with no provider configured: nodes then use their templates. */
  readonly enabled: boolean;
  /** Rephrase template data answers too (LLM_REPHRASE). */
  readonly rephrase: boolean;
  /** Circuit-breaker state per provider, reported with each answer's usage. */
  breakers(): Record<string, BreakerState>;
  write(
    task: LlmTask<string>,
    request: { readonly startedAtMs: number },
    signal?: AbortSignal,
  ): Promise<LlmOutcome<string>>;
}

export function createLlmWriter(
  router: LlmRouter,
  options: { deadlineMs: number; rephrase: boolean },
): LlmWriter {
  return {
    enabled: router.enabled,
    rephrase: options.rephrase,
    breakers: () => router.status(),
    write: (task, request, signal) =>
      router.run(task, requestDeadline(request.startedAtMs, options.deadlineMs), signal),
  };
}

/** The writer of a rules-only Milhena: never called, since it is not enabled. */
export const OFFLINE_WRITER: LlmWriter = {
  enabled: false,
  rephrase: false,
  breakers: () => ({}),
  write: () => Promise.reject(new Error("no LLM provider is configured")),
};
