import { normalizeText } from "./normalize.ts";

/** "What did I ask last time?": the user wants their own previous question back, from memory. */
const ASKS_FOR_LAST_QUESTION = [
  /\b(?:cosa|che cosa|che) ti ho chiesto\b(?:\s+\w+){0,3}?\s+(?:l ultima volta|prima|ieri)\b/,
  /\b(?:qual e|quale era|qual era|ripetimi|dimmi) (?:la )?(?:mia )?ultima domanda\b/,
  /\bwhat did i (?:just )?ask(?: you)?\b(?:\s+\w+){0,2}?\s*(?:last time|before|earlier)\b/,
  /\bwhat (?:was|is) my (?:last|previous) question\b/,
];

export function asksForLastQuestion(question: string): boolean {
  const text = normalizeText(question);
  return ASKS_FOR_LAST_QUESTION.some((p) => p.test(text));
}
