import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { Language } from "../graph/labels.ts";
import { analysisSystemPrompt, analysisUserPrompt } from "../prompts/analysis.ts";
import { generalSystemPrompt } from "../prompts/general.ts";
import { rephraseSystemPrompt, rephraseUserPrompt } from "../prompts/rephrase.ts";
import type { PlanResult } from "../tools/semantic/result.ts";
import { textCall } from "./invoke.ts";
import type { LlmTask } from "./router.ts";

/** A brief, in-scope answer to a GENERAL question (fast model). */
export function generalAnswerTask(question: string, language: Language): LlmTask<string> {
  const messages = [new SystemMessage(generalSystemPrompt(language)), new HumanMessage(question)];
  return { name: "general", tier: "fast", call: textCall(messages, "general") };
}

/** Keys of a plan result that are machinery, not facts: never shown to an LLM. */
const MACHINERY = new Set(["id", "key", "spec", "timeZone", "today", "coverage", "horizonDays"]);

/** The facts of a result as JSON for a prompt, without ids and internal fields. */
export function factsJson(result: PlanResult): string {
  return JSON.stringify(result, (k, v: unknown) => (MACHINERY.has(k) ? undefined : v));
}

/** An ANALYSIS narrative over statistics Milhena computed (strong model). */
export function analysisNarrativeTask(
  question: string,
  result: PlanResult,
  reference: string,
  language: Language,
): LlmTask<string> {
  const messages = [
    new SystemMessage(analysisSystemPrompt(language)),
    new HumanMessage(analysisUserPrompt(question, factsJson(result), reference)),
  ];
  return { name: "analysis", tier: "strong", call: textCall(messages, "analysis") };
}

/** A friendlier wording of a template answer (fast model). */
export function rephraseTask(question: string, answer: string, language: Language): LlmTask<string> {
  const messages = [
    new SystemMessage(rephraseSystemPrompt(language)),
    new HumanMessage(rephraseUserPrompt(question, answer)),
  ];
  return { name: "rephrase", tier: "fast", call: textCall(messages, "rephrase") };
}
