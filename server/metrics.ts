import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { MilhenaResponse } from "../graph/response.ts";
import type { RateLimitMode } from "./rateLimit.ts";

/** Prometheus metrics of one server (its own registry, not the global one). */
export interface Metrics {
  readonly registry: Registry;
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  observeAnswer(response: MilhenaResponse, seconds: number): void;
  rateLimited(): void;
  setBreakers(states: Readonly<Record<string, string>>): void;
  /** 1 for the mode the rate limit is in ("redis": shared; "memory": per process), 0 for the other. */
  setRateLimitMode(mode: RateLimitMode): void;
}

const RATE_LIMIT_MODES: readonly RateLimitMode[] = ["redis", "memory"];

const BREAKER_VALUE: Record<string, number> = { closed: 0, half_open: 1, open: 2 };

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "milhena_" });
  const requests = new Histogram({
    name: "milhena_http_request_duration_seconds",
    help: "HTTP request latency by route",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const answers = new Histogram({
    name: "milhena_answer_duration_seconds",
    help: "Time to answer a question, by intent and by who answered",
    labelNames: ["intent", "source"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });
  const cacheHits = new Counter({
    name: "milhena_cache_hits_total",
    help: "Answers served from the cache",
    registers: [registry],
  });
  const llmCalls = new Counter({
    name: "milhena_llm_calls_total",
    help: "LLM provider calls (attempts)",
    registers: [registry],
  });
  const llmFailures = new Counter({
    name: "milhena_llm_failures_total",
    help: "Failed LLM provider calls",
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: "milhena_llm_fallbacks_total",
    help: "Moves to the next provider or to the rules",
    registers: [registry],
  });
  const guard = new Counter({
    name: "milhena_llm_guard_rejections_total",
    help: "LLM texts discarded by the fact guard",
    registers: [registry],
  });
  const tokens = new Counter({
    name: "milhena_llm_tokens_total",
    help: "LLM tokens by direction",
    labelNames: ["direction"],
    registers: [registry],
  });
  const cost = new Counter({
    name: "milhena_llm_cost_usd_total",
    help: "Estimated LLM cost in USD",
    registers: [registry],
  });
  const limited = new Counter({
    name: "milhena_rate_limited_total",
    help: "Requests refused by the rate limit",
    registers: [registry],
  });
  const breakers = new Gauge({
    name: "milhena_llm_breaker_state",
    help: "Circuit breaker per provider: 0 closed, 1 half-open, 2 open",
    labelNames: ["provider"],
    registers: [registry],
  });
  const rateLimitMode = new Gauge({
    name: "milhena_rate_limit_mode",
    help: 'Where the per-user rate limit is kept: 1 for the current mode ("redis" shared, "memory" per process)',
    labelNames: ["mode"],
    registers: [registry],
  });

  return {
    registry,
    observeRequest: (route, method, status, seconds) =>
      requests.observe({ route, method, status: String(status) }, seconds),
    observeAnswer(response, seconds) {
      answers.observe({ intent: response.intent, source: response.source }, seconds);
      if (response.cached) cacheHits.inc();
      const u = response.usage ?? {};
      const add = (c: Counter, v: number | undefined) => {
        if (v && v > 0) c.inc(v);
      };
      add(llmCalls, u.llmCalls);
      add(llmFailures, u.llmFailures);
      add(fallbacks, u.fallbacks);
      add(guard, u.guardRejections);
      add(cost, u.costUsd);
      if (u.inputTokens) tokens.inc({ direction: "input" }, u.inputTokens);
      if (u.outputTokens) tokens.inc({ direction: "output" }, u.outputTokens);
    },
    rateLimited: () => limited.inc(),
    setBreakers(states) {
      for (const [provider, state] of Object.entries(states))
        breakers.set({ provider }, BREAKER_VALUE[state] ?? -1);
    },
    setRateLimitMode(mode) {
      for (const m of RATE_LIMIT_MODES) rateLimitMode.set({ mode: m }, m === mode ? 1 : 0);
    },
  };
}
