/**
 * The absolute time (Date.now() clock) by which a request's LLM work must be over: the request's
 * overall budget minus what it has already spent (measured from its start, performance clock).
 */
export function requestDeadline(startedAtMs: number, budgetMs: number, now: () => number = Date.now): number {
  const spent = Math.max(0, performance.now() - startedAtMs);
  return now() + Math.max(0, budgetMs - spent);
}
