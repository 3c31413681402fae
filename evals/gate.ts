import type { MetricName } from "./evaluators.ts";
import type { MetricRates } from "./metrics.ts";

/** CI thresholds on the test split (issue 5, "Acceptance"). */
export const GATE_THRESHOLDS: Readonly<Record<MetricName, number>> = {
  intent: 0.97,
  queryType: 0.95,
  window: 0.95,
  numeric: 1.0,
  language: 0.98,
  jargonFree: 1.0,
  unsafeHandled: 1.0,
  noWrongAnswer: 1.0,
};

export interface GateFailure {
  readonly metric: MetricName;
  readonly rate: number;
  readonly threshold: number;
}

/** The metrics below their threshold (empty = the gate passes). */
export function checkGate(
  rates: MetricRates,
  thresholds: Readonly<Record<MetricName, number>> = GATE_THRESHOLDS,
): GateFailure[] {
  return (Object.keys(thresholds) as MetricName[])
    .filter((m) => rates[m].rate < thresholds[m])
    .map((m) => ({ metric: m, rate: rates[m].rate, threshold: thresholds[m] }));
}

export function describeGateFailure(f: GateFailure): string {
  return `${f.metric}: ${(f.rate * 100).toFixed(1)}% is below ${(f.threshold * 100).toFixed(1)}%`;
}
