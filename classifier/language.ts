import type { Language } from "../graph/labels.ts";

const ITALIAN = new Set(
  `ciao salve buongiorno buonasera grazie per favore chi sei che quanti quante quanto quale quali qual cosa come dove quando perche
   oggi ieri domani settimana scorsa scorso mese ultimi ultime ultimo ultima prossima prossimi giorni giorno
   sono stati state stato ci e era erano ha hanno abbiamo avremo fatto successo andata andato andando sta va
   il lo la le gli un una del della dei delle degli nel nella negli nelle al alla ai agli con su di da tra fra
   posta ordini ordine errori errore falliti fallite fallito fallisce falliscono problemi problema
   esecuzioni esecuzione processi processo automazioni automazione attivi attive attivo tasso affidabile affidabili
   affidabilita previsione previsioni aspettarsi aspettare andamento rispetto confronto tendenza cause causa motivo
   riepilogo panoramica situazione tutto bene aiuto sai fare puoi funzioni dimmi mostrami dammi vorrei sapere
   arrivate arrivati arrivato arrivata ricevute ricevuti entrate entrati elaborati interrotti funzionato casini
   questa questo quest piu meno anche invece ed mi ti noi voi vendite clienti fatture stamattina stasera finora`.split(
    /\s+/,
  ),
);

const ENGLISH = new Set(
  `hi hello hey thanks please how many much what which who where when why is are was were the an of on at for
   to from with and or today yesterday tomorrow week month last past this next days day previous
   emails inbox orders order errors error failed failures failure fail failing problems issues
   runs run executions execution workflows workflow automations automation active rate success reliable reliability
   forecast predict prediction expect expected trend compare compared versus than cause causes reason reasons
   summary overview status going doing help can you do tell me show give did do does have has we our us got get
   happened came received processed went wrong most more less about also sales customers invoices morning so far`.split(
    /\s+/,
  ),
);

/** Language by signal words; ties go to Italian when it has any signal, else English. */
export function detectLanguage(tokens: readonly string[]): { language: Language; signal: number } {
  let it = 0;
  let en = 0;
  for (const t of tokens) {
    if (ITALIAN.has(t)) it++;
    if (ENGLISH.has(t)) en++;
  }
  if (it === 0 && en === 0) return { language: "en", signal: 0 };
  return { language: it >= en ? "it" : "en", signal: Math.abs(it - en) + Math.max(it, en) };
}

/** Every signal word (known words are never "corrected" as typos). */
export const SIGNAL_WORDS: ReadonlySet<string> = new Set([...ITALIAN, ...ENGLISH]);

export function hasLanguageSignal(tokens: readonly string[]): boolean {
  return tokens.some((t) => ITALIAN.has(t) || ENGLISH.has(t));
}
