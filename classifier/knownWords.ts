import { COMMON_WORDS } from "./commonWords.ts";
import { SIGNAL_WORDS } from "./language.ts";
import { wordList } from "./lexicon.ts";
import { MEASURE_WORDS } from "./measure.ts";
import { NUMBER_WORD_LIST } from "./numbers.ts";
import { UNSAFE_WORDS } from "./unsafe.ts";
import { DATA_ASK, FILLER, KEYWORD_WORDS } from "./vocabulary.ts";
import { WINDOW_WORDS } from "./time.ts";

/**
 * Words that are part of the language of questions, never a workflow's or a person's name: the
 * words every rule knows, plus the words of rankings, time and everyday phrasing. A word outside
 * them, in a name slot ("the X workflow") or capitalized in a question about emails, is read as a
 * name the data may not have.
 */
const EXTRA = wordList(`
  busiest quietest biggest largest smallest highest lowest best worst most least more less fewer top first
  last latest recent single overall total totale piu meno maggiore minore migliore peggiore primo ultimo
  thing things stuff one ones lot lots bit much many each every any some all none no not never ever always
  fail failed failing fails failure run ran running runs started start stopped stop work worked working works
  went go goes going gone get got gets getting come came coming comes arrive arrived arrives arriving
  send sent sending receive received receiving reply replied write wrote written handle handled handling
  process processed processing use used using usato usata usati usate usa utilizzato utilizzata
  today yesterday week month year hour hours minute minutes day days morning afternoon evening night
  oggi ieri settimana mese anno ora ore minuto minuti giorno giorni mattina pomeriggio sera notte
  gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
  january february march april may june july august september october november december
  lunedi martedi mercoledi giovedi venerdi sabato domenica monday tuesday wednesday thursday friday saturday sunday
  weekend weekends fine volta volte times time quando when dove where perche why chi who come how
  ancora gia already still yet just only solo soltanto proprio davvero really quite pretty very molto poco
  qui qua li la here there questo questa questi queste quello quella quelli quelle this that these those
  mio mia miei mie tuo tua nostro nostra nostri nostre my your our their its his her suo sua loro
  ha hanno ho abbiamo avete avuto hai e sono siamo era erano stato stata stati state essere avere fare fatto
  is are was were be been being has have had do does did done will would can could should may might must
  grazie thanks please prego scusa sorry ciao hello hi hey milhena
  email emails mail mails posta ordini ordine orders order workflow workflows automazione automazioni processo
  processi flusso flussi automation automations process processes flow flows sync job jobs integration
  percentuale percentage percent share quota media average mean medio median tasso rate rapporto ratio
  numero number count conteggio quantita amount valore value importo importi cifra cifre
  dimmi tell show mostra mostrami dammi give fammi let vedere see sapere know vorrei want would like
  mondays tuesdays wednesdays thursdays fridays saturdays sundays sabati domeniche weekdays
  automatico automatica automatici automatiche automatizzato automatizzata automatizzati automatizzate
  automated automatic automatically quick quickly brief short one ones veloce rapido rapida
  detto dice dicono says said sembra seems turned switched paused off on disabled enabled inactive spent spento spenti
  different diversi diverse distinct distinti distinte various vari varie several separate
`);

const KNOWN: ReadonlySet<string> = new Set([
  ...SIGNAL_WORDS,
  ...COMMON_WORDS,
  ...FILLER,
  ...KEYWORD_WORDS,
  ...WINDOW_WORDS,
  ...NUMBER_WORD_LIST,
  ...UNSAFE_WORDS,
  ...MEASURE_WORDS,
  ...DATA_ASK.words,
  ...EXTRA,
]);

/** Italian participles and English verb forms of the words above ("falliti", "eseguite"). */
const INFLECTED =
  /^(fallit|eseguit|partit|girat|arrivat|ricevut|avviat|riuscit|interrott|bloccat|elaborat|andat|stat|usat|utilizzat|lavorat|funzionat|mandat|scritt|inviat|gestit|processat|completat|fermat|rott|spedit)[oaie]$/;

export function isKnownWord(token: string): boolean {
  return KNOWN.has(token) || INFLECTED.test(token) || /^\d+$/.test(token);
}
