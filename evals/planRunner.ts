import type { Category } from "../graph/plan.ts";
import type { MilhenaResponse } from "../graph/response.ts";
import type { Session } from "./dataset.ts";
import type { PlanCase } from "./planCase.ts";
import { PLAN_METRICS, scorePlanCase, type PlanMetricName, type PlanScores } from "./planEvaluators.ts";
import type { Truth, TruthSource } from "./planTruth.ts";
import type { AskFn } from "./runner.ts";

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
  const clock = o.now ?? (() => performance.now());
  const total = sessions.reduce((a, s) => a + s.cases.length, 0);
  const results: PlanCaseResult[] = [];
  for (const session of sessions) {
    const threadId = `eval-${session.id}`;
    for (const c of session.cases) {
      const started = clock();
      let response: MilhenaResponse | null = null;
      let error: string | null = null;
      try {
        response = await o.ask(c.question, threadId);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      const latencyMs = clock() - started;
      const truth: Truth = c.expect === "answer" && c.plan ? await o.truth.truthOf(c.plan) : { kind: "none" };
      const scores = scorePlanCase(c, response, truth, o.timeZone, o.workflowsOfCategory);
      const result: PlanCaseResult = {
        case: c,
        response,
        error,
        truth,
        latencyMs,
        scores,
        failed: failedPlanMetrics(scores),
      };
      results.push(result);
      o.onCase?.(result, results.length, total);
    }
  }
  return results;
}
