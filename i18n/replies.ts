import type { Intent, Language } from "../graph/labels.ts";

type FixedIntent = Extract<Intent, "GREETING" | "HELP" | "GENERAL" | "UNSAFE">;

const REPLIES: Record<FixedIntent, Record<Language, string>> = {
  GREETING: {
    it: "Ciao! Sono Milhena, la tua assistente per le automazioni aziendali. Chiedimi pure, per esempio: «cosa è successo oggi?» o «quante email sono arrivate ieri?».",
    en: "Hi! I'm Milhena, your assistant for the company's automations. Ask me, for example: “what happened today?” or “how many emails came in yesterday?”.",
  },
  HELP: {
    it: "Posso dirti cosa hanno fatto le vostre automazioni: quante esecuzioni, email e ordini ci sono stati oggi, ieri, questa settimana o negli ultimi giorni; quali processi si sono interrotti e perché; quanto sono affidabili; come sta andando rispetto al periodo precedente; e cosa aspettarsi nei prossimi giorni.",
    en: "I can tell you what your automations have been doing: how many runs, emails and orders came in today, yesterday, this week or over the last few days; which processes stopped and why; how reliable they are; how things compare with the previous period; and what to expect in the coming days.",
  },
  GENERAL: {
    it: "Su questo non posso aiutarti: mi occupo solo delle automazioni della tua azienda. Prova a chiedermi, per esempio, «come sta andando oggi?» o «quali processi hanno avuto problemi questa settimana?».",
    en: "I can't help with that: I only look after your company's automations. Try asking, for example, “how is it going today?” or “which processes had problems this week?”.",
  },
  UNSAFE: {
    it: "Mi dispiace, non posso farlo. Posso però risponderti su come stanno andando le vostre automazioni: email, ordini, errori e previsioni.",
    en: "Sorry, I can't do that. I'm happy to answer questions about how your automations are doing: emails, orders, failures and forecasts.",
  },
};

export function fixedReply(intent: FixedIntent, lang: Language): string {
  return REPLIES[intent][lang];
}

/** Said when the data could not be read (database down, timeout): no details, nothing lost. */
export function unavailableReply(lang: Language): string {
  return lang === "it"
    ? "In questo momento non riesco a leggere i dati delle automazioni. Riprova tra poco."
    : "I can't read the automation data right now. Please try again in a moment.";
}

/** What a user asks about, as the greeting says it ("mi chiedi degli ordini", "you ask me about orders"). */
const ASKED_ABOUT: Record<string, Record<Language, string>> = {
  TODAY_ACTIVITY: { it: "dell'attività del giorno", en: "the day's activity" },
  EMAILS: { it: "delle email", en: "emails" },
  ORDERS: { it: "degli ordini", en: "orders" },
  ERRORS: { it: "degli errori", en: "failures" },
  PERFORMANCE: { it: "dell'affidabilità", en: "reliability" },
  OVERVIEW: { it: "del quadro generale", en: "the overall picture" },
  WORKFLOWS: { it: "dei workflow", en: "your workflows" },
};

/**
 * The greeting of a returning user: it names what they usually ask about (the topics their memory
 * counts most, at least twice each), never a figure. Null when memory has nothing worth saying.
 */
export function returningGreeting(topics: Readonly<Record<string, number>>, lang: Language): string | null {
  const usual = Object.entries(topics)
    .filter(([topic, n]) => ASKED_ABOUT[topic] !== undefined && n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 2)
    .flatMap(([topic]) => ASKED_ABOUT[topic]?.[lang] ?? []);
  if (usual.length === 0) return null;
  return lang === "it"
    ? `Ciao, bentornato! Di solito mi chiedi ${usual.join(" e ")}: vuoi sapere come va oggi?`
    : `Hi, welcome back! You usually ask me about ${usual.join(" and ")}: shall I tell you how it looks today?`;
}

/** The answer to a stated preference: the language Milhena will answer in from now on (null: the user's own). */
export function preferenceReply(answerLanguage: Language | null, lang: Language): string {
  if (answerLanguage === "en") return "All right: from now on I'll answer you in English.";
  if (answerLanguage === "it") return "D'accordo: da ora in poi ti rispondo in italiano.";
  return lang === "it"
    ? "D'accordo: torno a risponderti nella lingua in cui mi scrivi."
    : "All right: I'll answer in the language you write in again.";
}

/** "What did I ask last time?": the user's own previous question, quoted (null: none remembered). */
export function lastQuestionReply(question: string | null, lang: Language): string {
  if (question === null)
    return lang === "it"
      ? "Non ricordo ancora nessuna tua domanda: è la prima volta che mi scrivi, o la memoria è stata cancellata."
      : "I don't remember any question of yours yet: this is your first, or your memory was erased.";
  return lang === "it"
    ? `L'ultima volta mi hai chiesto: «${question}».`
    : `Last time you asked me: “${question}”.`;
}
