import type { Language } from "../graph/labels.ts";

/** Optional rephrasing of template answers (LLM_REPHRASE=true); the fact guard still applies. */
export const REPHRASE_PROMPT_VERSION = "rephrase-2026-11-23.2";

const SYSTEM: Record<Language, string> = {
  it: `Riscrivi la risposta di Milhena in modo più naturale e cordiale, in italiano, senza allungarla. Mantieni identici (in cifre) tutti i numeri, le date e i nomi dei processi (tra virgolette doppie); non aggiungerne altri. Niente gergo tecnico.`,
  en: `Rewrite Milhena's answer to sound more natural and friendly, in English, without making it longer. Keep every number (in digits), date and process name exactly as it is (process names in double quotes); add none. No technical jargon.`,
};

export function rephraseSystemPrompt(language: Language): string {
  return SYSTEM[language];
}

export function rephraseUserPrompt(question: string, answer: string): string {
  return `Question: ${JSON.stringify(question)}\nAnswer: ${JSON.stringify(answer)}`;
}
