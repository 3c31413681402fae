import type { Language } from "../graph/labels.ts";
import { wordList } from "./lexicon.ts";

/**
 * Signal words: common words that say which language a question is in. Words spelled the same in
 * both languages ("email", "workflow", "trend", "status", "no", "in") are in neither list.
 */
const ITALIAN = new Set(
  wordList(`
  ciao salve buongiorno buonasera buondi buon pomeriggio sera novita dobbiamo possiamo grazie favore prego scusa scusami chi sei che quanti quante quanto
  quanta quale quali qual cosa cos come com dove quando perche oggi ieri domani settimana settimane scorsa
  scorso scorsi scorse mese mesi ultimi ultime ultimo ultima prossima prossimo prossimi prossime giorni giorno
  sono siamo stati state stato stata ci c e era erano ha hanno ho abbiamo avete avuto avremo fatto fatti
  successo successe accaduto andata andato andati andate andando sta stanno va vanno il lo la le gli un una uno
  del dello della dei delle degli nel nello nella nei negli nelle al allo alla ai agli alle con su sul sulla
  sui sugli sulle di da dal dalla dai dagli dalle tra fra dall nell sull posta ordini ordine errori errore
  falliti fallite fallito fallita fallisce falliscono problemi problema esecuzioni esecuzione eseguiti processi
  processo automazioni automazione flussi attivi attive attivo attiva tasso affidabile affidabili affidabilita
  previsione previsioni aspettarsi aspettarci aspettare andamento rispetto confronto confronta tendenza
  causa motivo motivi riepilogo panoramica riassunto situazione tutto tutti tutte bene male aiuto aiutami sai
  fare puoi funzioni funziona dimmi mostrami dammi fammi vedere vorrei sapere arrivate arrivati arrivato
  arrivata ricevute ricevuti ricevuto ricevuta entrate entrati elaborati elaborate interrotti funzionato casini
  casino questa questo quest quei quelle quelli piu meno anche invece ed mi ti si noi voi vendite venduto
  clienti fatture stamattina stasera stanotte finora adesso ancora sempre molto molti poco pochi ogni nuove
  nuovi nuovo nuova qualche qualcosa niente nulla volte partiti girato lavorato mille buona giornata crescendo
  aumento calo storto intoppi ragione durata tempi lento lenti veloce migliore peggiore meglio peggio messaggi
  risposte fatturato incassato arriveranno saranno dura medio media poi prima dopo ora settimanale mensile
  lunedi inizio messi procede posto
  `),
);

const ENGLISH = new Set(
  wordList(`
  hi hello hey thanks thank please sorry should how many much what whats which who where when why is are was were been
  be the an of on at for to from with and or by today yesterday tomorrow tonight week weeks month months last
  past previous next days day this that these those emails inbox orders order errors error failed failures
  failure fail fails failing problems problem issues issue trouble broke broken wrong crashed crash runs run
  ran executions execution executed workflows automations automation active enabled rate success successful
  succeeded reliable reliability slow slowest fastest forecast predict prediction expect expected will
  compare compared versus than cause causes caused reason reasons summary overview going doing help can you do
  tell me show give did does have has had we our us they got get happened came coming received processed went
  most more less fewer about also sales sold sell customers invoices morning so far any anything everything
  something all good okay new there here it its s d my your their whole average long time times over since ago
  couple few hours up look looking things sent wrote written revenue purchases shipped let see list number
  count total main increasing growing
  `),
);

/** Language by signal words; ties go to Italian when it has any signal, else English. */
export function detectLanguage(tokens: readonly string[]): { language: Language; signal: number } {
  let it = 0;
  let en = 0;
  for (const t of tokens) {
    if (ITALIAN.has(t)) it++;
    else if (ENGLISH.has(t)) en++;
  }
  if (it === 0 && en === 0) return { language: "en", signal: 0 };
  return { language: it >= en ? "it" : "en", signal: it + en };
}

/** Every signal word (protected from typo correction: they are real words). */
export const SIGNAL_WORDS: ReadonlySet<string> = new Set([...ITALIAN, ...ENGLISH]);
