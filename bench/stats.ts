/** Latency statistics for the in-process phases, and the summary of one autocannon run. */
import { performance } from "node:perf_hooks";
import type autocannon from "autocannon";

export interface LatencyStats {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly n: number;
}

export function stats(samples: number[]): LatencyStats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), p99: +q(0.99).toFixed(2), n: s.length };
}

/** Runs `fn` n times in a row; the milliseconds each call took. `onEach` is told after each call. */
export async function time(
  n: number,
  fn: (i: number) => Promise<unknown>,
  onEach?: (done: number, total: number) => void,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
    onEach?.(i + 1, n);
  }
  return out;
}

/** One HTTP load run at a fixed concurrency, as reported. */
export interface HttpRunReport {
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second over autocannon's per-second samples. */
  readonly rps: {
    readonly mean: number;
    readonly median: number;
    readonly min: number;
    readonly max: number;
  };
  readonly latencyMs: {
    readonly p50: number;
    readonly p97_5: number;
    readonly p99: number;
    readonly mean: number;
    readonly max: number;
  };
  /** Responses received (any status). */
  readonly responses: number;
  /** Connection errors and timeouts, as autocannon counts them. */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  /** Responses per status code (a 409 means two runs met on one thread). */
  readonly statusCodes: Record<string, number>;
  /** Share of 200 responses that said `cached: true`. */
  readonly hitRatio: number;
}

const round = (n: number, digits = 2) => +n.toFixed(digits);

export function summarizeRun(result: autocannon.Result, ok: number, cached: number): HttpRunReport {
  const statusCodes: Record<string, number> = {};
  for (const [code, entry] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = entry.count ?? 0;
  return {
    connections: result.connections,
    seconds: round(result.duration, 1),
    rps: {
      mean: round(result.requests.mean, 1),
      median: round(result.requests.p50, 1),
      min: round(result.requests.min, 1),
      max: round(result.requests.max, 1),
    },
    latencyMs: {
      p50: round(result.latency.p50),
      p97_5: round(result.latency.p97_5),
      p99: round(result.latency.p99),
      mean: round(result.latency.mean),
      max: round(result.latency.max),
    },
    responses: Object.values(statusCodes).reduce((a, b) => a + b, 0),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    hitRatio: ok > 0 ? round(cached / ok, 4) : 0,
  };
}
