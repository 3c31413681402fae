import type { Language } from "../graph/labels.ts";
import { normalizeText } from "./normalize.ts";

/** A preference about Milhena itself, said in chat: the language to answer in, or forgetting it (null). */
export interface StatedPreference {
  readonly answerLanguage: Language | null;
}

const LANGUAGE_WORD: Readonly<Record<string, Language>> = {
  inglese: "en",
  english: "en",
  italiano: "it",
  italian: "it",
};

const ASK_IN_LANGUAGE = [
  // "rispondimi sempre in inglese", "d'ora in poi parlami in italiano", "scrivimi in inglese per favore"
  /\b(?:rispondimi|rispondi|parlami|scrivimi|parla|scrivi)\b(?:\s+\w+){0,3}?\s+in\s+(inglese|italiano)\b/,
  /\b(?:d ?ora in poi|da ora in poi|da adesso)\b(?:\s+\w+){0,3}?\s+in\s+(inglese|italiano)\b/,
  // "always answer in English", "please reply in Italian from now on", "speak English to me"
  /\b(?:answer|reply|respond|talk|write|speak)\b(?:\s+\w+){0,3}?\s+in\s+(english|italian)\b/,
  /\bfrom now on\b(?:\s+\w+){0,3}?\s+in\s+(english|italian)\b/,
];

const FORGET_LANGUAGE = [
  /\b(?:dimentica|scorda|lascia perdere)\b(?:\s+\w+){0,4}?\s+lingua\b/,
  /\brispondimi nella (?:mia )?lingua\b/,
  /\bforget\b(?:\s+\w+){0,4}?\s+language\b/,
  /\banswer in (?:my|the) (?:own )?language\b/,
];

/**
 * The preference a message states, if it is one: "rispondimi sempre in inglese" sets the answer
 * language, "forget my language preference" clears it. Anything else (a data question that mentions a
 * language) is not a preference.
 */
export function readStatedPreference(question: string): StatedPreference | null {
  const text = normalizeText(question);
  if (FORGET_LANGUAGE.some((p) => p.test(text))) return { answerLanguage: null };
  for (const pattern of ASK_IN_LANGUAGE) {
    const word = pattern.exec(text)?.[1];
    const language = word ? LANGUAGE_WORD[word] : undefined;
    if (language) return { answerLanguage: language };
  }
  return null;
}
