import type { GateFailure } from "./gate.ts";
import { confusion, rate, type Confusion, type Rate } from "./metrics.ts";
import { PLAN_METRICS, type PlanMetricName, type PlanScores } from "./planEvaluators.ts";
import type { PlanCaseResult } from "./planRunner.ts";

/**
 * The plans suite's part of a report: rates of every plan metric, wrong answers, per-tag and
 * per-expectation rates, the gate and every case's record.
 */
export type PlanRates = Record<PlanMetricName, Rate>;

/** CI thresholds on the plans test split (issue "Answer the question that was asked", "Acceptance"). */
export const PLAN_GATE_THRESHOLDS: Readonly<Partial<Record<PlanMetricName, number>>> = {
  intent: 0.97,
  measure: 0.95,
  filters: 0.95,
  period: 0.95,
  correct: 0.95,
  noWrongAnswer: 1.0,
  jargonFree: 1.0,
};

export interface PlanCaseRecord {
  readonly id: string;
  readonly question: string;
  readonly language: string;
  readonly tags: readonly string[];
  readonly conversation: string | null;
  readonly expect: string;
  readonly expectedIntent: string;
  readonly expectedPlan: unknown;
  readonly truth: unknown;
  readonly gotIntent: string | null;
  readonly gotPlan: unknown;
  readonly answer: string;
  readonly error: string | null;
  readonly latencyMs: number;
  readonly scores: PlanScores;
  readonly failed: readonly PlanMetricName[];
}

export interface PlanReport {
  readonly cases: number;
  readonly metrics: PlanRates;
  readonly wrongAnswers: number;
  readonly byExpect: Record<string, PlanRates>;
  readonly byTag: Record<string, PlanRates>;
  readonly intentConfusion: Confusion;
  readonly gate: readonly {
    readonly metric: PlanMetricName;
    readonly rate: number;
    readonly threshold: number;
  }[];
  readonly results: readonly PlanCaseRecord[];
}

export const planRates = (scores: readonly PlanScores[]): PlanRates =>
  Object.fromEntries(PLAN_METRICS.map((m) => [m, rate(scores.map((s) => s[m]))])) as PlanRates;

export function checkPlanGate(
  rates: PlanRates,
  thresholds: Readonly<Partial<Record<PlanMetricName, number>>> = PLAN_GATE_THRESHOLDS,
): PlanReport["gate"] {
  return (Object.entries(thresholds) as [PlanMetricName, number][])
    .filter(([m, t]) => rates[m].rate < t)
    .map(([metric, threshold]) => ({ metric, rate: rates[metric].rate, threshold }));
}

export const describePlanGateFailure = (f: PlanReport["gate"][number]): string =>
  `plans ${f.metric}: ${(f.rate * 100).toFixed(1)}% is below ${(f.threshold * 100).toFixed(1)}%`;

function toRecord(r: PlanCaseResult): PlanCaseRecord {
  return {
    id: r.case.id,
    question: r.case.question,
    language: r.case.language,
    tags: r.case.tags,
    conversation: r.case.conversation ?? null,
    expect: r.case.expect,
    expectedIntent: r.case.intent,
    expectedPlan: r.case.plan ?? null,
    truth: r.truth,
    gotIntent: r.response?.intent ?? null,
    gotPlan: r.response?.plan ?? null,
    answer: r.response?.answer ?? "",
    error: r.error,
    latencyMs: Math.round(r.latencyMs * 100) / 100,
    scores: r.scores,
    failed: r.failed,
  };
}

export function buildPlanReport(results: readonly PlanCaseResult[]): PlanReport {
  const metrics = planRates(results.map((r) => r.scores));
  const group = (key: (r: PlanCaseResult) => readonly string[]) => {
    const out: Record<string, PlanRates> = {};
    for (const k of [...new Set(results.flatMap(key))].sort()) {
      out[k] = planRates(results.filter((r) => key(r).includes(k)).map((r) => r.scores));
    }
    return out;
  };
  return {
    cases: results.length,
    metrics,
    wrongAnswers: results.filter((r) => !r.scores.noWrongAnswer).length,
    byExpect: group((r) => [r.case.expect]),
    byTag: group((r) => r.case.tags),
    intentConfusion: confusion(
      results.map((r) => ({ expected: r.case.intent, got: r.response?.intent ?? "(error)" })),
    ),
    gate: checkPlanGate(metrics),
    results: results.map(toRecord),
  };
}

export type { GateFailure };
