/** Why a provider call failed, as far as the retry and fallback policy cares. */
export type FailureKind =
  "rate_limited" | "server" | "timeout" | "client" | "malformed" | "network" | "unavailable";

export interface ProviderFailure {
  readonly kind: FailureKind;
  readonly status?: number;
  /** From a `retry-after` header (seconds or HTTP date), when the provider sent one. */
  readonly retryAfterMs?: number;
  readonly message: string;
}

/** Thrown by Milhena's own policy: the breaker is open or the rate limiter shed the call. */
export class ProviderUnavailableError extends Error {
  constructor(
    readonly provider: string,
    readonly reason: "circuit_open" | "rate_limited" | "deadline",
  ) {
    super(`${provider} unavailable: ${reason}`);
    this.name = "ProviderUnavailableError";
  }
}

/** Thrown when a reply arrived but its content is unusable (not JSON, wrong shape). */
export class MalformedOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedOutputError";
  }
}

export class CallTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`provider call timed out after ${timeoutMs} ms`);
    this.name = "CallTimeoutError";
  }
}

/** Retries only where a second try can help: 429, 5xx and timeouts. Never 400/401/403. */
export function isRetryable(failure: ProviderFailure): boolean {
  return failure.kind === "rate_limited" || failure.kind === "server" || failure.kind === "timeout";
}

export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = field(error, "headers") ?? field(field(error, "response"), "headers");
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = field(headers, name);
  return typeof value === "string" ? value : undefined;
}

/** Gemini puts the wait in the error body instead of a header: google.rpc.RetryInfo { retryDelay: "26s" }. */
function retryInfoDelay(error: unknown): number | undefined {
  const details = field(error, "errorDetails");
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const type = field(detail, "@type");
    const delay = field(detail, "retryDelay");
    if (typeof type === "string" && type.endsWith("RetryInfo") && typeof delay === "string") {
      const seconds = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (seconds) return Math.round(Number(seconds[1]) * 1000);
    }
  }
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  for (const candidate of [field(error, "status"), field(field(error, "response"), "status")]) {
    if (typeof candidate === "number" && candidate >= 100 && candidate < 600) return candidate;
  }
  // Some SDK errors only carry the status in their message ("[429 Too Many Requests]").
  const message = error instanceof Error ? error.message : "";
  const match = /\[(\d{3})(?: [^\]]*)?\]/.exec(message) ?? /^(\d{3}) /.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** Maps whatever an SDK threw to the policy's view of it. Messages are kept short and secret-free. */
export function describeFailure(error: unknown, nowMs: number): ProviderFailure {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
  if (error instanceof CallTimeoutError) return { kind: "timeout", message };
  if (error instanceof ProviderUnavailableError) return { kind: "unavailable", message };
  if (error instanceof MalformedOutputError || error instanceof SyntaxError)
    return { kind: "malformed", message };
  const name = error instanceof Error ? error.name : "";
  if (/OutputParser/i.test(name)) return { kind: "malformed", message };
  if (/Timeout/i.test(name)) return { kind: "timeout", message };
  const status = statusOf(error);
  if (status !== undefined) {
    const retryAfterMs = parseRetryAfter(headerOf(error, "retry-after"), nowMs) ?? retryInfoDelay(error);
    const base = { status, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    if (status === 429) return { kind: "rate_limited", ...base };
    if (status === 408) return { kind: "timeout", ...base };
    if (status >= 500) return { kind: "server", ...base };
    return { kind: "client", ...base };
  }
  if (/json|parse|unexpected token|malformed/i.test(message)) return { kind: "malformed", message };
  return { kind: "network", message };
}
