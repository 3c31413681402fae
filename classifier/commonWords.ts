import { wordList } from "./lexicon.ts";

/**
 * Everyday words one typo away from a keyword: the typo fixer must leave them alone ("grande" is
 * not "grane", "porta" is not "posta", "telling" is not "selling", "older" is not "order").
 * Found by running the fixer over Italian and English word lists and keeping the common words
 * whose "correction" would change the meaning of a question.
 */
export const COMMON_WORDS: readonly string[] = wordList(`
  porta porte volta svolta svolte volle volpe volge volse colte tolte folte volute volate volete pausa pause
  carlo caldo calmo grande grandi grave gravi gente letto letti letta lette lotta retta cotta botta botti notti
  dotti ritto mense monte monti fieri poggi pesche parche comprare compari compra rendere rendita tendere
  venuto venuta venuti veduto scontro domini frana frane grata grava soldi lascio precisione revisione
  revisioni precedere precedi preveniamo temei tempia treni treno mirato tirato irato virato giurato intesi
  sosta sposta tosta poeta posata terrore orrore errare asino asini camino carino casoni fattore fattori cassa
  casse cauta cauto promesso promessi professo regione regioni salate salite saluti saluto saluta valute gusto
  gusti stile stili stiva stipa pianta piante piantare fogna sogna regna lusso lussi nonna donna durante
  presto posto costa costi sotto tutto fatto detto tanto punto conto sento vanno fanno sanno danno stanno
  mesi sera serata tempo ordina ordinare ordinario vendi vendo rotte sorte morte forte parte parti arte
  causali casuale cause pesta messa messe massa brutto dritto dritti stretto pronto pronti stato stati
  older odder border borders lower flower shower tower power tales tiles limes tides tires times mouth
  season treason clause cases pause pauses tissue control expert protected protection provision revision
  precision domain trash clash crush falls falling filed filing mailed mailing sailing railing jailed tailed
  nailed hailed spend spending spell smell shell swell telling yelling spelling scales saves safes stepped
  topped relied relies replay repay deport resort retort worker forked wealth raising riding arising growl
  treads tends brake downs drown statues suture toady cashed cashes rates dates gates later latest laser
  sells cells calls walls halls bills kills fills pills mills tells wells yells seller cellar
  ordered ordering border reorder model modes store stored score scored
  sales sale sole soles sold solid whole wholesale seguito seguiti seguite seguire firmato firmati firmata firmate
  formato formati sbloccato sbloccati sbloccata sbloccate protezione venite rendite avvisate avvisati avvisato
  scompare grace malati salati girano write wrote taken woken bitter batter butter coding coping dying example
  enable execute fever fifth forth sixth seventh general generate grade grape grate moment moments nights pasta
  radio ration question principal precious rights roles ruled ruler scores serve settle smart stars starts stare
  states statue stale systems tapes taste theme think thinks threw timed timer typed typos updated updates worst
  wording worded tread succeed successor ignored lists solve slave cheer brown heath kings kinda passage
  certo tanti tanta scarsa scarse scarsi scarso possa pista vento vinti volto volti preso presso storia storie
`);
