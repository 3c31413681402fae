import type { MilhenaResponse } from "../graph/response.ts";
import type { EvalCase, Session } from "./dataset.ts";
import { failedMetrics, scoreCase, type CaseScores, type MetricName, type Observed } from "./evaluators.ts";
import type { TruthSource } from "./truth.ts";

/** Asks Milhena one question on a thread (the compiled graph in process, or a fake in tests). */
export type AskFn = (question: string, threadId: string) => Promise<MilhenaResponse>;

export interface CaseResult {
  readonly case: EvalCase;
  /** What Milhena answered; null when the request threw. */
  readonly response: MilhenaResponse | null;
  readonly error: string | null;
  readonly truthValue: number | null | undefined;
  /** Wall-clock time of the request as the caller sees it. */
  readonly latencyMs: number;
  readonly scores: CaseScores;
  readonly failed: readonly MetricName[];
}

const FAILED_REQUEST: Observed = {
  answer: "",
  intent: "GENERAL",
  queryType: null,
  window: null,
  language: "en",
};

/** A request that threw fails every evaluator that applies to its case (it stated no wrong figure, though). */
function failAll(scores: CaseScores): CaseScores {
  const out: Record<string, boolean | null> = {};
  for (const [k, v] of Object.entries(scores)) out[k] = v === null ? null : false;
  return { ...(out as unknown as CaseScores), noWrongAnswer: true };
}

export interface RunOptions {
  readonly ask: AskFn;
  readonly truth: TruthSource;
  readonly now?: () => number;
  readonly onCase?: (result: CaseResult, done: number, total: number) => void;
}

/** What asking one case gave: the response, or the error the request threw, and how long it took. */
export interface Answered<C> {
  readonly case: C;
  readonly response: MilhenaResponse | null;
  readonly error: string | null;
  readonly latencyMs: number;
}

/**
 * Plays every session (conversation turns in order on one thread), timing each answer, and turns
 * each into a result with `score`; both suites run through it.
 */
export async function playSessions<C extends { readonly question: string }, R>(
  sessions: readonly Session<C>[],
  o: {
    readonly ask: AskFn;
    readonly now?: () => number;
    readonly onCase?: (result: R, done: number, total: number) => void;
  },
  score: (answered: Answered<C>) => Promise<R>,
): Promise<R[]> {
  const clock = o.now ?? (() => performance.now());
  const total = sessions.reduce((a, s) => a + s.cases.length, 0);
  const results: R[] = [];
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
      const result = await score({ case: c, response, error, latencyMs: clock() - started });
      results.push(result);
      o.onCase?.(result, results.length, total);
    }
  }
  return results;
}

/** Plays every session (conversation turns in order on one thread) and scores each answer. */
export async function runSessions(sessions: readonly Session[], o: RunOptions): Promise<CaseResult[]> {
  return playSessions(sessions, o, async ({ case: c, response, error, latencyMs }) => {
    const truthValue = c.truth ? await o.truth.value(c.truth.key, c.window) : undefined;
    const scores = response ? scoreCase(c, response, truthValue) : failAll(scoreCase(c, FAILED_REQUEST));
    return { case: c, response, error, truthValue, latencyMs, scores, failed: failedMetrics(scores) };
  });
}
