import { findJargon } from "../i18n/jargon.ts";
import { checkFacts, type Facts } from "./factGuard.ts";

/** Longest LLM text Milhena passes on (answers are short by design). */
export const MAX_LLM_ANSWER_CHARS = 700;

/**
 * Whether an LLM text may reach the user: every fact checks out, no technical jargon, not too long.
 * Returns the reasons when it may not (for logs and counters; never shown).
 */
export function reviewLlmText(text: string, facts: Facts): readonly string[] {
  const problems = [...checkFacts(text, facts).problems];
  if (findJargon(text).length > 0) problems.push("technical text");
  if (text.length > MAX_LLM_ANSWER_CHARS) problems.push("too long");
  return problems;
}
