import { detectLanguage } from "./language.ts";
import { readSignals } from "./signals.ts";

/**
 * Whether the question itself says which language it is in (a bare number, a workflow name or "ok"
 * do not): only then does the user's remembered language decide the answer's.
 */
export function hasLanguageSignal(question: string): boolean {
  return detectLanguage(readSignals(question).tokens).signal > 0;
}
