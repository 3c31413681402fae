import type { UnsupportedTopic } from "../graph/plan.ts";

/**
 * Questions about the business that the data cannot answer precisely (docs/query-plans.md, "Honest
 * answers"): what was ordered, where customers are, profit and costs, what emails said, who in the
 * team did something, one record looked up by its number, the n8n server's health, currency
 * conversions. Matched on normalized text; the answer says so and what Milhena can tell instead.
 */
const TOPICS: ReadonlyArray<readonly [UnsupportedTopic, RegExp, RegExp?]> = [
  [
    "profit",
    /\b(profitt[oi]|profit|profits|profitable|margin[ei]?|margins?|marginalita|utile netto|utili|net income|earnings after|costi|costo|costs?|spese|expenses|spending|guadagno netto|net profit|roi)\b/,
  ],
  [
    "products",
    /\b(prodott[oi]|articol[oi]|items?|products?|sku|skus|best ?sellers?|bestseller|piu vendut[oi]|sold best|top selling|selling best|inventario|inventory|magazzino|giacenz[ae]|scorte|stock level|in stock|taglia|taglie|colore|colori)\b/,
  ],
  [
    "places",
    /\b(paes[ei]|countr(y|ies)|nazion[ei]|nations?|citta|cities|city|region[ei]|regions?|province|provincia|da dove|where (do|did|are) (our |the )?(orders|customers|clients|emails|they)|from where|geograph\w*|state[s]? (do|did) )\b/,
  ],
  [
    "email_content",
    /\b(di cosa parla\w*|di che cosa parla\w*|cosa dicono|what did .{1,40} (write|wrote|say|ask) about|what did .{1,40} (write|say|ask)\b(?! (many|much))|(wrote|written|writing) about|cosa (ci |mi )?(ha|hanno) (scritto|chiesto|detto)|di cosa (ci |mi )?(ha|hanno) scritto|scritto (riguardo|a proposito)|cosa diceva\w*|what (were|are|was|did) (the |our )?(emails?|mails?|messages?) (about|say)|what .{0,20}(emails?|mails?) (were|are) about|argoment[oi]|topics?|oggett[oi] delle|subject lines?|subjects?|contenut[oi]|content of|sentiment|tono delle|tone of|lamentel[ae]|complain\w*|reclam[oi]|arrabbiat[oi]|angry|happy customers|soddisf\w*|satisf\w*)\b/,
  ],
  [
    "people",
    /\b(chi del team|chi di noi|quale collega|quale dipendente|which (colleague|team member|employee|staff)|who (in the team|on the team|handled|answered|processed|approved)|chi ha gestito|chi ha risposto|chi ha approvato|dipendent[ei]|colleghi|employees?|staff member)\b/,
  ],
  [
    "single_record",
    /\b((ordine|order|esecuzione|execution|fattura|invoice|ticket|pratica)( numero| number| n| no| nr| id| #)? ?\d{3,}|stato dell ordine|status of (the |my |our )?order|order status|dov e il mio ordine|where is my order|tracking)\b/,
  ],
  [
    "server",
    /\b(cpu|memoria|memory|ram|disco|disk|storage space|spazio su disco|server|uptime del server|carico del server|server load|load average|versione di n8n|n8n version|database size|dimensione del database)\b/,
  ],
  [
    "amount_filter",
    /\b(sopra|sotto|oltre|piu di|meno di|superiori? a|inferiori? a|maggiori? di|minori? di|over|above|under|below|more than|less than|greater than|at least|almeno)( i| gli| the| a| an)? ?(€ ?)?\d+([.,]\d+)? ?(€|euro|eur|dollari|dollars|usd|\$)/,
  ],
  [
    "refunds",
    /\b(lost orders?|orders? (did |have )?we (lose|lost)|orders? (were |was |got )?lost|lose orders|ordini persi|ordini perduti|(quanti |gli |degli )?ordini abbiamo perso|abbiamo perso (degli |gli )?ordini|rimbors\w*|refund\w*|res[io] (dei|degli|di) (clienti|ordini|prodotti)|returned orders?|product returns?|chargebacks?|storni|ordini annullati|annullat[io] dai clienti|cancell?ed orders?|order cancellations?|disdett\w*)\b/,
  ],
  [
    "live_status",
    /\b((sono|e|ancora|attualmente|adesso|ora|stanno) (in corso|in esecuzione|in attesa(?! di rispost)|in coda|girando)|esecuzioni in (corso|attesa|coda)|in esecuzione (adesso|ora|in questo momento)|(running|waiting|pending|queued) (right )?now|(currently|still) (running|waiting|pending)|(are|is) (running|waiting|pending|queued)|in progress)\b/,
    // "how many automations are running?" asks how many are switched on (active workflows).
    /^(?!.*\b(esecuzion\w*|runs?|executions?)\b).*\b(automazion\w*|workflows?|processi|flussi|automations?|processes|flows)\b/,
  ],
  [
    // "how many orders do we get on average per day?": an average of a count per day.
    "other",
    /^(?!.*\b(valore|value|importo|amount|worth|scontrino|durat\w*|duration|long)\b)(?=.*\b(quant[ieo]|how many)\b).*\b((on average|in media|mediamente|average|media)\b.{0,40}\b(per day|a day|al giorno|per giorno|daily|giornalier[aoie]|each day|ogni giorno))\b/,
  ],
  [
    // "how many senders wrote more than 10 emails?": a count of those above a threshold.
    "other",
    /\b(senders|mittenti|workflows?|processi|automazioni|automations|people|persone|clienti|customers)\b.{0,40}\b(more than|less than|fewer than|at least|almeno|piu di|meno di|oltre)\s\d+/,
  ],
  [
    // "the first order today", "how long did it take last time": one event's own details.
    "single_record",
    /\b((the )?first (order|email|mail|run|execution|lead|failure|error)|(il )?primo (ordine|contatto|errore)|la prima (email|mail|esecuzione)|(how long|quanto tempo|quanto ci).{0,40}(last time|l ultima volta|ultima esecuzione|latest run|last run))\b/,
  ],
  [
    // "the last 90 minutes": spans of minutes that are not whole hours.
    "other",
    /\b(ultimi|last|past|previous|scorsi) (?!(60|120|180|240|300|360|420|480|540|600|660|720) )\d+ (minuti|minutes|minute|mins|min)\b/,
  ],
  [
    // "la prima settimana di novembre": a week counted inside a month is not a period Milhena reads.
    "other",
    /\b((prima|seconda|terza|quarta|ultima) settimana (di|del mese di|d)|(first|second|third|fourth|last) week (of|in)) (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|january|february|march|april|may|june|july|august|september|october|november|december)\b/,
  ],
  [
    // Conversion rates (leads into orders, visits into sales): n8n's executions do not link them.
    "other",
    /\b(conversion rates?|tass[oi] di conversione|convertion rate)\b/,
  ],
  [
    "currency_conversion",
    /\b(in dollari|in dollars|in usd|in us dollars|in sterline|in pounds|in gbp|in franchi|in yen|converti\w*(?! rate)|conversion(?! rate)|convert|tasso di cambio|exchange rate|cambio valuta)\b/,
  ],
];

/** What a question asks that Milhena cannot say precisely, or null. */
export function unsupportedTopic(text: string): UnsupportedTopic | null {
  return TOPICS.find(([, re, unless]) => re.test(text) && !unless?.test(text))?.[0] ?? null;
}
