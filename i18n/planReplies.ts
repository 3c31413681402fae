import type { Language } from "../graph/labels.ts";
import type { Clarification, MeasureName, UnsupportedPlan, UnsupportedTopic } from "../graph/plan.ts";
import { MEASURE_DEFS } from "../tools/semantic/measures.ts";
import { joinList, quoteName } from "./format.ts";

/**
 * What Milhena says when it cannot answer a data question precisely: which workflow or sender was
 * meant, what it does not know, a period still to come. Never a figure that could be read as the
 * answer; always what it can tell instead.
 */

/** "Which one did you mean?" with the closest names (quoted, no figures). */
export function clarifyReply(plan: Clarification, lang: Language): string {
  const names = joinList(
    plan.candidates.map((c) => quoteName(c, lang)),
    lang,
  )
    .replace(/ e (?=[^,]*$)/, " o ")
    .replace(/ and (?=[^,]*$)/, " or ");
  const mention = quoteName(plan.mention, lang);
  if (plan.entity === "sender") {
    if (plan.reason === "ambiguous")
      return lang === "it"
        ? `Più mittenti corrispondono a ${mention}: ${names}. Di chi parli?`
        : `Several senders match ${mention}: ${names}. Who do you mean?`;
    return lang === "it"
      ? `Non trovo email da ${mention}.${names ? ` I mittenti più simili sono ${names}: intendevi uno di loro?` : ""}`
      : `I can't find any email from ${mention}.${names ? ` The closest senders are ${names}: did you mean one of them?` : ""}`;
  }
  if (plan.reason === "ambiguous")
    return lang === "it"
      ? `${mention} può indicare più processi: ${names}. Quale intendi?`
      : `${mention} could mean more than one process: ${names}. Which one do you mean?`;
  return lang === "it"
    ? `Non trovo un processo che corrisponda a ${mention}.${names ? ` I più simili sono ${names}: intendevi uno di questi?` : ""}`
    : `I can't find a process matching ${mention}.${names ? ` The closest are ${names}: did you mean one of them?` : ""}`;
}

const TOPIC: Record<UnsupportedTopic, Record<Language, string>> = {
  products: {
    it: "Non so quali prodotti o articoli contengano gli ordini: leggo solo quanti ordini arrivano e quanto valgono.",
    en: "I don't know which products or items the orders contain: I only read how many orders come in and what they are worth.",
  },
  places: {
    it: "Non so da quali paesi o città arrivano ordini ed email: i dati che leggo non lo dicono.",
    en: "I don't know which countries or cities orders and emails come from: the data I read doesn't say.",
  },
  profit: {
    it: "Non conosco costi e margini, quindi non posso dirti il profitto: vedo solo il valore degli ordini ricevuti.",
    en: "I don't know costs or margins, so I can't tell you the profit: I only see the value of the orders received.",
  },
  email_content: {
    it: "Non leggo di cosa parlano le email: conto quante ne arrivano, chi le manda e a quante l'assistente risponde.",
    en: "I don't read what emails are about: I count how many come in, who sends them and how many get a reply.",
  },
  people: {
    it: "Non so chi del team ha gestito cosa: vedo solo quello che fanno le automazioni.",
    en: "I don't know who in the team handled what: I only see what the automations do.",
  },
  single_record: {
    it: "Non cerco singoli ordini o esecuzioni (per numero, il primo di un giorno, i dettagli di uno): ti dico i totali e le tendenze.",
    en: "I don't look up single orders or runs (by number, the first of a day, the details of one): I give you totals and trends.",
  },
  server: {
    it: "Non vedo lo stato del server di n8n (processore, memoria, disco): vedo solo cosa hanno fatto le automazioni.",
    en: "I can't see the n8n server's health (CPU, memory, disk): I only see what the automations did.",
  },
  currency_conversion: {
    it: "Non converto gli importi tra valute: ti dico i totali nella valuta in cui sono arrivati gli ordini.",
    en: "I don't convert amounts between currencies: I give totals in the currency the orders came in.",
  },
  amount_filter: {
    it: "Non separo gli ordini per importo: di ogni periodo ti dico quanti sono, quanto valgono in tutto e in media, il più grande e il più piccolo.",
    en: "I don't split orders by amount: for any period I can tell you how many there were, their total and average value, the largest and the smallest.",
  },
  refunds: {
    it: "Non vedo rimborsi, resi o annullamenti: vedo gli ordini arrivati, quelli elaborati e quelli non andati a buon fine.",
    en: "I don't see refunds, returns or cancellations: I see the orders that came in, those processed and those that could not be processed.",
  },
  live_status: {
    it: "Non vedo cosa è in esecuzione o in attesa in questo momento: conto le esecuzioni partite in un periodo e come sono andate.",
    en: "I can't see what is running or waiting right now: I count the runs started in a period and how they went.",
  },
  combination: {
    it: "Non riesco a calcolarlo con precisione in questa combinazione.",
    en: "I can't work that out precisely in this combination.",
  },
  invalid_date: {
    it: "Quel giorno non c'è nel calendario: controlla la data e chiedimelo di nuovo.",
    en: "That day isn't in the calendar: check the date and ask me again.",
  },
  unread_period: {
    it: "Non so leggere con precisione il periodo che hai indicato: chiedimelo per un giorno, una settimana, un mese o un anno, oppure con delle date (per esempio «dal 3 al 10 novembre»).",
    en: "I can't read the period you named precisely: ask me about a day, a week, a month or a year, or give dates (for example “from 3 to 10 November”).",
  },
  other: {
    it: "Non riesco a rispondere con precisione a questa domanda.",
    en: "I can't answer that precisely.",
  },
};

const OFFER: Record<string, Record<Language, string>> = {
  email: {
    it: "Posso dirti, per esempio, quante email sono arrivate, da chi e a quante è stata preparata una risposta.",
    en: "I can tell you, for example, how many emails came in, from whom, and how many got a reply.",
  },
  order: {
    it: "Posso dirti, per esempio, quanti ordini sono arrivati, quanto valgono e quanti non sono andati a buon fine.",
    en: "I can tell you, for example, how many orders came in, what they were worth and how many failed.",
  },
  any: {
    it: "Posso dirti quante esecuzioni, email e ordini ci sono stati, quali processi si sono interrotti e perché, e cosa aspettarsi.",
    en: "I can tell you how many runs, emails and orders there were, which processes failed and why, and what to expect.",
  },
};

function offerFor(measure: MeasureName, lang: Language): string {
  const kind = MEASURE_DEFS[measure].category;
  return (OFFER[kind === "email" || kind === "order" ? kind : "any"] ?? OFFER.any!)[lang];
}

/** The honest answer to a question about the business that the data cannot answer precisely. */
export function unsupportedReply(plan: UnsupportedPlan, lang: Language): string {
  return `${TOPIC[plan.topic][lang]} ${offerFor(plan.measure, lang)}`;
}

/** A period that has not come yet: no figures, a forecast offered instead. */
export function futureReply(measure: MeasureName, lang: Language): string {
  const noun = MEASURE_DEFS[measure].noun[lang][1];
  return lang === "it"
    ? `Quel periodo non è ancora arrivato, quindi non ho dati. Posso però farti una previsione: chiedimi, per esempio, «che previsioni ci sono per la prossima settimana?» (${noun}).`
    : `That period hasn't come yet, so there is no data. I can make a forecast instead: ask me, for example, “what should we expect next week?” (${noun}).`;
}
