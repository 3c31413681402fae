import type { EvalCase } from "./dataset.ts";
import { METRICS, type CaseScores, type MetricName } from "./evaluators.ts";

/** Share of applicable cases that passed one evaluator. */
export interface Rate {
  readonly correct: number;
  readonly total: number;
  /** correct / total; 1 when nothing applied (nothing to get wrong). */
  readonly rate: number;
}

export function rate(verdicts: readonly (boolean | null)[]): Rate {
  const applicable = verdicts.filter((v): v is boolean => v !== null);
  const correct = applicable.filter(Boolean).length;
  return { correct, total: applicable.length, rate: applicable.length ? correct / applicable.length : 1 };
}

export interface LabelStats {
  readonly label: string;
  readonly support: number;
  readonly predicted: number;
  readonly truePositives: number;
  /** null when nothing was predicted with this label. */
  readonly precision: number | null;
  /** null when no case has this label. */
  readonly recall: number | null;
}

export interface Confusion {
  /** Row labels = expected, column labels = got (rows and columns share one list). */
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly number[])[];
  readonly perLabel: readonly LabelStats[];
}

/** Confusion matrix and per-label precision/recall of expected vs got labels. */
export function confusion(
  pairs: readonly { expected: string; got: string }[],
  knownLabels: readonly string[] = [],
): Confusion {
  const labels = [...knownLabels];
  for (const p of pairs) {
    if (!labels.includes(p.expected)) labels.push(p.expected);
    if (!labels.includes(p.got)) labels.push(p.got);
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const p of pairs) matrix[index.get(p.expected)!]![index.get(p.got)!]! += 1;
  const perLabel = labels.map((label, i) => {
    const support = matrix[i]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[i]!, 0);
    const tp = matrix[i]![i]!;
    return {
      label,
      support,
      predicted,
      truePositives: tp,
      precision: predicted ? tp / predicted : null,
      recall: support ? tp / support : null,
    };
  });
  return { labels, matrix, perLabel };
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface Histogram {
  readonly bucketMs: number;
  readonly counts: readonly number[];
}

/** Latencies in equal buckets (about 20 over the range up to p99, the rest in the last one). */
export function histogram(values: readonly number[], buckets = 20): Histogram {
  const top = Math.max(1, percentile(values, 99));
  const bucketMs = Math.max(1, Math.ceil(top / buckets));
  const counts = Array.from({ length: buckets }, () => 0);
  for (const v of values) counts[Math.min(buckets - 1, Math.floor(v / bucketMs))]! += 1;
  return { bucketMs, counts };
}

/** Tokens and cost summed from the responses' optional `usage` records (0 when absent). */
export interface UsageTotals {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

export function sumUsage(records: readonly (Readonly<Record<string, number>> | undefined)[]): UsageTotals {
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd = 0;
  for (const u of records) {
    if (!u) continue;
    inputTokens += Number.isFinite(u.inputTokens) ? u.inputTokens! : 0;
    outputTokens += Number.isFinite(u.outputTokens) ? u.outputTokens! : 0;
    costUsd += Number.isFinite(u.costUsd) ? u.costUsd! : 0;
  }
  return { inputTokens, outputTokens, costUsd };
}

export type MetricRates = Record<MetricName, Rate>;

export function metricRates(scores: readonly CaseScores[]): MetricRates {
  return Object.fromEntries(METRICS.map((m) => [m, rate(scores.map((s) => s[m]))])) as MetricRates;
}

/** Rates of every metric per value of `groupOf` (e.g. per language or per expected intent). */
export function ratesBy(
  rows: readonly { case: EvalCase; scores: CaseScores }[],
  groupOf: (c: EvalCase) => string,
): Record<string, MetricRates> {
  const groups = new Map<string, CaseScores[]>();
  for (const r of rows) {
    const g = groupOf(r.case);
    groups.set(g, [...(groups.get(g) ?? []), r.scores]);
  }
  return Object.fromEntries([...groups].map(([g, s]) => [g, metricRates(s)]));
}
