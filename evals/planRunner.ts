import type { Category } from "../graph/plan.ts";
import type { MilhenaResponse } from "../graph/response.ts";
import type { Session } from "./dataset.ts";
import type { PlanCase } from "./planCase.ts";
import { PLAN_METRICS, scorePlanCase, type PlanMetricName, type PlanScores } from "./planEvaluators.ts";
import type { Truth, TruthSource } from "./planTruth.ts";
import { playSessions, type AskFn } from "./runner.ts";

export interface PlanCaseResult {
  readonly case: PlanCase;
  readonly response: MilhenaResponse | null;
  readonly error: string | null;
  readonly truth: Truth;
  readonly latencyMs: number;
  readonly scores: PlanScores;
  readonly failed: readonly PlanMetricName[];
}

export interface PlanRunOptions {
  readonly ask: AskFn;
  readonly truth: TruthSource;
  readonly timeZone: string;
  readonly workflowsOfCategory: (c: Category) => readonly string[];
  readonly now?: () => number;
  readonly onCase?: (result: PlanCaseResult, done: number, total: number) => void;
}

/** The metrics a plan case failed (empty when every applicable evaluator passed). */
export const failedPlanMetrics = (s: PlanScores): PlanMetricName[] =>
  PLAN_METRICS.filter((m) => s[m] === false);

/** Plays every session (conversation turns in order on one thread) and scores each answer. */
export async function runPlanSessions(
  sessions: readonly Session<PlanCase>[],
  o: PlanRunOptions,
): Promise<PlanCaseResult[]> {
  return playSessions(sessions, o, async ({ case: c, response, error, latencyMs }) => {
    const truth: Truth = c.expect === "answer" && c.plan ? await o.truth.truthOf(c.plan) : { kind: "none" };
    const scores = scorePlanCase(c, response, truth, o.timeZone, o.workflowsOfCategory);
    return { case: c, response, error, truth, latencyMs, scores, failed: failedPlanMetrics(scores) };
  });
}
