import { Client } from "langsmith";
import type { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import type { AppEnv } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";

export interface Tracing {
  readonly enabled: boolean;
  /** Callbacks for graph runs: a LangSmith tracer when enabled, none otherwise. */
  readonly callbacks: BaseCallbackHandler[];
  /** Waits (bounded) for pending trace uploads; never throws, also when LangSmith is unreachable. */
  flush(timeoutMs?: number): Promise<void>;
}

const OFF: Tracing = { enabled: false, callbacks: [], flush: () => Promise.resolve() };

/**
 * LangSmith tracing when LANGSMITH_TRACING=true and a key is set: every graph run is traced with one
 * readable run per node (cacheCheck, classify, …) and per LLM call (classify, general, analysis,
 * rephrase). Uploads happen in the background; an unreachable LangSmith only costs a log line.
 */
export function createTracing(
  env: Pick<AppEnv, "LANGSMITH_TRACING" | "LANGSMITH_API_KEY" | "LANGSMITH_ENDPOINT" | "LANGSMITH_PROJECT">,
  logger: Logger,
): Tracing {
  if (!env.LANGSMITH_TRACING) return OFF;
  if (!env.LANGSMITH_API_KEY) {
    logger.warn(
      {
        event: "tracing.disabled",
      },
      "LANGSMITH_TRACING is on but LANGSMITH_API_KEY is not set: tracing stays off",
    );
    return OFF;
  }
  const client = new Client({
    apiKey: env.LANGSMITH_API_KEY,
    ...(env.LANGSMITH_ENDPOINT ? { apiUrl: env.LANGSMITH_ENDPOINT } : {}),
    timeout_ms: 5_000,
    callerOptions: { maxRetries: 1 },
  });
  const tracer = new LangChainTracer({ client, projectName: env.LANGSMITH_PROJECT });
  return {
    enabled: true,
    callbacks: [tracer],
    flush: async (timeoutMs = 5_000) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      try {
        await Promise.race([client.awaitPendingTraceBatches().catch(() => undefined), timeout]);
      } catch (error) {
        logger.warn({ event: "tracing.flush_failed", error: String(error) }, "trace upload failed");
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
