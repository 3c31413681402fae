import { normalizeText } from "../../classifier/normalize.ts";

/**
 * A small bilingual glossary of the words workflow names are made of, so that "the invoice
 * reminders" names «Solleciti fatture scadute» and "backup dei documenti" names «Backup documenti su
 * Drive». Each group is one concept; a name token and a question token match when they belong to
 * the same concept. Words of business in general (emails, orders, customers…) are *generic*: they
 * say what kind of work a workflow does, not which workflow it is.
 */
const GROUPS: ReadonlyArray<readonly [concept: string, generic: boolean, words: string]> = [
  ["email", true, "email emails mail mails posta messaggi messaggio messages message e-mail"],
  ["order", true, "ordine ordini order orders vendita ordinazioni ordinazione"],
  ["sales", true, "vendite sales selling"],
  ["customer", true, "cliente clienti customer customers client clients"],
  ["lead", true, "lead leads contatto contatti contact contacts prospect prospects"],
  ["invoice", true, "fattura fatture invoice invoices billing fatturazione"],
  ["report", true, "report reports reporting rapporto rapporti resoconto resoconti riepilogo"],
  ["crm", true, "crm"],
  [
    "workflow",
    true,
    "workflow workflows automazione automazioni processo processi flusso flussi automation automations process processes flow flows",
  ],
  ["reminder", false, "sollecito solleciti reminder reminders promemoria"],
  ["overdue", false, "scaduta scadute scaduto scaduti overdue expired unpaid insolute insoluti"],
  ["sorting", false, "smistamento smistare sorting triage routing sort"],
  ["support", false, "supporto support assistenza helpdesk"],
  ["inbox", true, "inbox casella mailbox"],
  ["processing", false, "elaborazione elaborare processing handling gestione"],
  ["capture", false, "acquisizione acquisire capture capturing acquisition raccolta"],
  ["site", false, "sito website site web"],
  ["sync", false, "sincronizzazione sincronizza sync synchronization synchronisation syncing"],
  // How often a workflow runs describes it but does not tell it apart ("riassunto settimanale").
  ["weekly", true, "settimanale weekly"],
  ["daily", true, "giornaliero giornaliera daily"],
  ["monthly", true, "mensile monthly"],
  ["backup", false, "backup backups"],
  ["document", false, "documenti documento documents document docs files"],
  ["christmas", false, "natale natalizia natalizio christmas xmas"],
  ["promo", false, "promo promozione promozioni promotion promotions campagna campaign"],
  ["old", false, "vecchio vecchia old legacy"],
  ["task", false, "task tasks compiti"],
  ["newsletter", false, "newsletter"],
  ["shipping", false, "spedizioni spedizione shipping shipments shipment"],
  ["payment", false, "pagamenti pagamento payments payment"],
  ["stock", false, "magazzino inventario inventory stock"],
];

const CONCEPT = new Map<string, string>();
const GENERIC = new Set<string>();
for (const [concept, generic, words] of GROUPS) {
  for (const word of words.split(" ")) CONCEPT.set(normalizeText(word), concept);
  if (generic) GENERIC.add(concept);
}

/** The concept a word belongs to, or the word itself. */
export function conceptOf(token: string): string {
  return CONCEPT.get(token) ?? token;
}

/** Are two words the same concept of the glossary ("invoice" and "fatture")? */
export function sameConcept(a: string, b: string): boolean {
  const c = CONCEPT.get(a);
  return c !== undefined && c === CONCEPT.get(b);
}

/** Is this concept a kind of work rather than a name ("email", "orders")? */
export function isGenericConcept(concept: string): boolean {
  return GENERIC.has(concept);
}

/** Words that only join other words in names and questions. */
export const NAME_STOPWORDS: ReadonlySet<string> = new Set(
  "di da del dello della dei degli delle dal dallo dalla dai dagli dalle su sul sullo sulla sui sugli sulle per con il lo la le i gli l un una uno e ed a ad al allo alla ai agli alle in nel nello nella nei negli nelle tra fra the of for and on to from with an by via at".split(
    " ",
  ),
);

/** A name or a question as matching tokens: normalized words without joining words. */
export function nameTokens(text: string): string[] {
  return normalizeText(text)
    .split(" ")
    .filter((t) => t !== "" && !NAME_STOPWORDS.has(t));
}
