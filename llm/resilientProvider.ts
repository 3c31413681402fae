import type { Logger } from "../config/logger.ts";
import type { CircuitBreaker } from "./circuitBreaker.ts";
import {
  CallTimeoutError,
  ProviderUnavailableError,
  describeFailure,
  isRetryable,
  type ProviderFailure,
} from "./errors.ts";
import { sleep as realSleep, type TokenBucket } from "./rateLimiter.ts";
import type { BreakerState, LlmReply, ModelTier, ProviderModels, ProviderName } from "./types.ts";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

export interface ResilienceOptions {
  /** Per-call timeout (default 8 s); never longer than what is left of the request's deadline. */
  readonly timeoutMs: number;
  /** Retries after the first attempt, for 429, 5xx and timeouts only (default 2). */
  readonly maxRetries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One call to one model: what the provider is asked to do. */
export type ModelCall<T> = (
  model: BaseChatModel,
  context: { readonly provider: ProviderName; readonly modelId: string; readonly signal: AbortSignal },
) => Promise<LlmReply<T>>;

export interface ProviderSuccess<T> {
  readonly reply: LlmReply<T>;
  readonly modelId: string;
  readonly attempts: number;
  readonly failures: readonly ProviderFailure[];
}

/** Every attempt on this provider failed, or the policy did not let a call go out. */
export class ProviderCallError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly failures: readonly ProviderFailure[],
    readonly attempts: number,
  ) {
    super(`${provider} failed: ${failures.map((f) => f.kind).join(", ") || "unavailable"}`);
    this.name = "ProviderCallError";
  }
}

/** Exponential backoff with jitter: base·2^attempt, capped, scaled by a random factor in [0.5, 1). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** The least time a call is worth starting with (or the per-call timeout, when that is shorter). */
export const MIN_CALL_MS = 250;

/**
 * Whether a failure is the provider's fault, for its breaker: not a timeout cut short by the request's
 * own deadline, nor a 400 about this request's content (a 401 or 403 is: the key does not work).
 */
export function countsAgainstProvider(failure: ProviderFailure, timeoutShortened: boolean): boolean {
  if (failure.kind === "timeout") return !timeoutShortened;
  if (failure.kind === "client") return failure.status === 401 || failure.status === 403;
  return true;
}

/**
 * A provider behind Milhena's policy: circuit breaker, token bucket, per-call timeout, retries with
 * backoff and jitter (429/5xx/timeouts only, honouring retry-after), all bounded by the request deadline.
 */
export class ResilientProvider {
  readonly name: ProviderName;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  /** Set by a 429 whose retry-after reaches past the caller's deadline: skip the provider until then. */
  private coolDownUntil = 0;

  constructor(
    private readonly provider: ProviderModels,
    private readonly breaker: CircuitBreaker,
    private readonly limiter: TokenBucket,
    private readonly options: ResilienceOptions,
    private readonly logger: Logger,
  ) {
    this.name = provider.name;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.maxRetries = options.maxRetries ?? 2;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 4_000;
  }

  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  modelId(tier: ModelTier): string {
    return this.provider.models[tier].id;
  }

  async call<T>(
    tier: ModelTier,
    call: ModelCall<T>,
    deadlineAt: number,
    signal?: AbortSignal,
  ): Promise<ProviderSuccess<T>> {
    const { id: modelId, model } = this.provider.models[tier];
    const failures: ProviderFailure[] = [];
    let attempts = 0;
    const unavailable = (reason: ProviderUnavailableError["reason"]) => {
      failures.push({ kind: "unavailable", message: reason });
      return new ProviderCallError(this.name, failures, attempts);
    };
    if (this.now() < this.coolDownUntil) throw unavailable("rate_limited");
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      const left = deadlineAt - this.now();
      if (left <= 0) throw unavailable("deadline");
      if (!this.breaker.tryAcquire()) throw unavailable("circuit_open");
      const slot = await this.limiter.acquire(left, signal);
      if (!slot.ok) {
        this.breaker.onNeutral();
        if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("aborted");
        throw unavailable(slot.reason === "aborted" ? "deadline" : "rate_limited");
      }
      // Too little of the request's time left for a fair call: skipping it says nothing of the provider.
      const remaining = deadlineAt - this.now();
      if (remaining < Math.min(this.options.timeoutMs, MIN_CALL_MS)) {
        this.breaker.onNeutral();
        throw unavailable("deadline");
      }
      const timeoutMs = Math.min(this.options.timeoutMs, remaining);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new CallTimeoutError(timeoutMs)), timeoutMs);
      const onParentAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", onParentAbort, { once: true });
      attempts += 1;
      try {
        const reply = await raceAbort(
          call(model, { provider: this.name, modelId, signal: controller.signal }),
          controller.signal,
        );
        this.breaker.onSuccess();
        return { reply, modelId, attempts, failures };
      } catch (error) {
        if (signal?.aborted) {
          this.breaker.onNeutral();
          throw error;
        }
        const failure = describeFailure(error, this.now());
        failures.push(failure);
        if (countsAgainstProvider(failure, timeoutMs < this.options.timeoutMs)) this.breaker.onFailure();
        else this.breaker.onNeutral();
        this.logger.warn(
          {
            event: "llm.call_failed",
            provider: this.name,
            model: modelId,
            kind: failure.kind,
            status: failure.status,
            attempt: attempts,
          },
          "llm call failed",
        );
        if (!isRetryable(failure) || attempt === this.maxRetries) break;
        const delay =
          failure.retryAfterMs ?? backoffDelay(attempt, this.baseDelayMs, this.maxDelayMs, this.random);
        if (this.now() + delay >= deadlineAt) {
          if (failure.retryAfterMs !== undefined) this.coolDownUntil = this.now() + failure.retryAfterMs;
          break;
        }
        await this.sleep(delay, signal);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onParentAbort);
      }
    }
    throw new ProviderCallError(this.name, failures, attempts);
  }
}
