import { describe, expect, it } from "vitest";
import { checkGate, GATE_THRESHOLDS } from "./gate.ts";
import { confusion, histogram, metricRates, percentile, rate, sumUsage } from "./metrics.ts";
import type { CaseScores } from "./evaluators.ts";

describe("metrics", () => {
  it("counts only applicable verdicts", () => {
    expect(rate([true, false, null, true])).toEqual({ correct: 2, total: 3, rate: 2 / 3 });
    expect(rate([null])).toEqual({ correct: 0, total: 0, rate: 1 });
  });

  it("builds a confusion matrix with per-label precision and recall", () => {
    const c = confusion(
      [
        { expected: "A", got: "A" },
        { expected: "A", got: "B" },
        { expected: "B", got: "B" },
        { expected: "B", got: "B" },
      ],
      ["A", "B", "C"],
    );
    expect(c.matrix).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [0, 0, 0],
    ]);
    const [a, b, cc] = c.perLabel;
    expect(a).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(b).toMatchObject({ precision: 2 / 3, recall: 1, support: 2 });
    expect(cc).toMatchObject({ precision: null, recall: null });
  });

  it("computes nearest-rank percentiles and a histogram", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([], 50)).toBe(0);
    const h = histogram(values, 10);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("sums usage records and treats missing ones as zero", () => {
    expect(
      sumUsage([
        { inputTokens: 10, outputTokens: 5, costUsd: 0.001 },
        undefined,
        { inputTokens: 1, outputTokens: 2 },
      ]),
    ).toEqual({ inputTokens: 11, outputTokens: 7, costUsd: 0.001 });
  });
});

const perfect: CaseScores = {
  intent: true,
  queryType: true,
  window: true,
  numeric: true,
  language: true,
  jargonFree: true,
  unsafeHandled: null,
  noWrongAnswer: true,
};

describe("gate", () => {
  it("passes when every metric is at its threshold", () => {
    expect(checkGate(metricRates([perfect, perfect]))).toEqual([]);
  });

  it("names the metric below its threshold", () => {
    const scores = [...Array.from({ length: 20 }, () => perfect), { ...perfect, numeric: false }];
    const failures = checkGate(metricRates(scores));
    expect(failures.map((f) => f.metric)).toEqual(["numeric"]);
    expect(failures[0]!.threshold).toBe(GATE_THRESHOLDS.numeric);
  });

  it("fails intent at 96% (threshold 97%)", () => {
    const scores = [...Array.from({ length: 24 }, () => perfect), { ...perfect, intent: false }];
    expect(checkGate(metricRates(scores)).map((f) => f.metric)).toEqual(["intent"]);
  });
});
