import { INTENTS, QUERY_TYPES, windowKey, type TimeWindow } from "../graph/labels.ts";
import type { EvalCase, Split } from "./dataset.ts";
import type { CaseScores, MetricName } from "./evaluators.ts";
import { checkGate, type GateFailure } from "./gate.ts";
import {
  confusion,
  histogram,
  metricRates,
  percentile,
  rate,
  ratesBy,
  sumUsage,
  type Confusion,
  type Histogram,
  type MetricRates,
  type Rate,
  type UsageTotals,
} from "./metrics.ts";
import type { Provider } from "./providers.ts";
import type { CaseResult } from "./runner.ts";
import type { PlanReport } from "./planReport.ts";

export const REPORT_VERSION = 1;

export interface CaseRecord {
  readonly id: string;
  readonly question: string;
  readonly language: EvalCase["language"];
  readonly tags: readonly string[];
  readonly conversation: string | null;
  readonly expected: {
    readonly intent: string;
    readonly queryType: string | null;
    readonly window: string | null;
    readonly truthKey: string | null;
    readonly truthValue: number | null;
  };
  readonly got: {
    readonly intent: string | null;
    readonly queryType: string | null;
    readonly window: string | null;
    readonly language: string | null;
    readonly source: string | null;
  };
  readonly answer: string;
  readonly error: string | null;
  readonly latencyMs: number;
  readonly scores: CaseScores;
  readonly failed: readonly MetricName[];
}

export interface RunInfo {
  readonly split: Split;
  readonly provider: Provider;
  readonly promptVersions: Readonly<Record<string, string>>;
  readonly database: "pglite" | "postgres";
  readonly seed: number;
  readonly executions: number;
  readonly days: number;
  readonly now: string;
  readonly timeZone: string;
  readonly startedAt: string;
  readonly durationMs: number;
}

export interface EvalReport {
  readonly version: typeof REPORT_VERSION;
  readonly run: RunInfo;
  readonly cases: number;
  readonly metrics: MetricRates;
  /** Diagnostic, not gated: numeric truth on the cases whose intent, queryType and window were right. */
  readonly numericWhenLabelled: Rate;
  readonly byLanguage: Record<string, MetricRates>;
  readonly byIntent: Record<string, MetricRates>;
  readonly byTag: Record<string, MetricRates>;
  readonly intentConfusion: Confusion;
  readonly queryTypeConfusion: Confusion;
  readonly latency: {
    readonly p50: number;
    readonly p95: number;
    readonly max: number;
    readonly histogram: Histogram;
  };
  readonly usage: UsageTotals;
  readonly gate: readonly GateFailure[];
  readonly results: readonly CaseRecord[];
  /** The plans suite of the same split (query plans, truths, wrong answers). */
  readonly plans?: PlanReport;
}

const w = (x: TimeWindow | null | undefined) => (x ? windowKey(x) : null);
const round = (x: number) => Math.round(x * 100) / 100;

export function toRecord(r: CaseResult): CaseRecord {
  return {
    id: r.case.id,
    question: r.case.question,
    language: r.case.language,
    tags: r.case.tags,
    conversation: r.case.conversation ?? null,
    expected: {
      intent: r.case.intent,
      queryType: r.case.queryType,
      window: w(r.case.window),
      truthKey: r.case.truth?.key ?? null,
      truthValue: r.truthValue ?? null,
    },
    got: {
      intent: r.response?.intent ?? null,
      queryType: r.response?.queryType ?? null,
      window: w(r.response?.window),
      language: r.response?.language ?? null,
      source: r.response?.source ?? null,
    },
    answer: r.response?.answer ?? "",
    error: r.error,
    latencyMs: round(r.latencyMs),
    scores: r.scores,
    failed: r.failed,
  };
}

const isData = (intent: string) =>
  intent === "BUSINESS_DATA" || intent === "ANALYSIS" || intent === "PREDICTION";

export function buildReport(results: readonly CaseResult[], run: RunInfo, plans?: PlanReport): EvalReport {
  const rows = results.map((r) => ({ case: r.case, scores: r.scores }));
  const metrics = metricRates(results.map((r) => r.scores));
  const byTag: Record<string, MetricRates> = {};
  const tags = [...new Set(results.flatMap((r) => r.case.tags))].sort();
  for (const tag of tags) {
    byTag[tag] = metricRates(results.filter((r) => r.case.tags.includes(tag)).map((r) => r.scores));
  }
  const latencies = results.map((r) => r.latencyMs);
  return {
    version: REPORT_VERSION,
    run,
    cases: results.length,
    metrics,
    numericWhenLabelled: rate(
      results
        .filter((r) => r.scores.intent && r.scores.queryType !== false && r.scores.window !== false)
        .map((r) => r.scores.numeric),
    ),
    byLanguage: ratesBy(rows, (c) => c.language),
    byIntent: ratesBy(rows, (c) => c.intent),
    byTag,
    intentConfusion: confusion(
      results.map((r) => ({ expected: r.case.intent, got: r.response?.intent ?? "(error)" })),
      INTENTS,
    ),
    queryTypeConfusion: confusion(
      results
        .filter((r) => isData(r.case.intent))
        .map((r) => ({ expected: r.case.queryType ?? "none", got: r.response?.queryType ?? "none" })),
      [...QUERY_TYPES, "none"],
    ),
    latency: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      max: round(Math.max(0, ...latencies)),
      histogram: histogram(latencies),
    },
    usage: sumUsage(results.map((r) => r.response?.usage)),
    gate: checkGate(metrics),
    results: results.map(toRecord),
    ...(plans ? { plans } : {}),
  };
}

export interface Comparison {
  readonly previousStartedAt: string;
  readonly deltas: Record<MetricName, number>;
  /** Cases that passed every evaluator before and fail one now. */
  readonly regressions: readonly CaseRecord[];
  /** Cases that failed before and pass now. */
  readonly fixes: readonly CaseRecord[];
}

/** Compares two runs of the same split case by case (cases are matched by id). */
export function compareReports(current: EvalReport, previous: EvalReport): Comparison {
  const before = new Map(previous.results.map((r) => [r.id, r]));
  const regressions: CaseRecord[] = [];
  const fixes: CaseRecord[] = [];
  for (const r of current.results) {
    const old = before.get(r.id);
    if (!old) continue;
    if (old.failed.length === 0 && r.failed.length > 0) regressions.push(r);
    if (old.failed.length > 0 && r.failed.length === 0) fixes.push(r);
  }
  const deltas = Object.fromEntries(
    (Object.keys(current.metrics) as MetricName[]).map((m) => [
      m,
      current.metrics[m].rate - (previous.metrics[m]?.rate ?? 0),
    ]),
  ) as Record<MetricName, number>;
  return { previousStartedAt: previous.run.startedAt, deltas, regressions, fixes };
}
