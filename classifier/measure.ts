import type { MeasureName, RunStatus } from "../graph/plan.ts";
import { lexicon } from "./lexicon.ts";
import {
  EMAILS,
  ERRORS,
  FAILURE_RATE,
  HEALTH_CHECK,
  IS_IT_WORKING,
  ORDERS,
  OVERVIEW,
  TODAY_ACTIVITY,
  WORKFLOW_NOUN,
  WORKFLOWS_PATTERN,
} from "./vocabulary.ts";

/**
 * Which measure a question asks for (docs/query-plans.md, "Measures"), from its words in either
 * language: the first rule of MEASURE_RULES that matches wins, so the specific ones ("failed
 * orders", "average order value") come before the general ones ("orders"). Reads normalized text
 * with the time expressions already taken out ("last week" is no "last order").
 */
export interface MeasureReading {
  readonly measure: MeasureName | null;
  /** Only vague words named it ("il flusso", "come va"): other words may say more. */
  readonly weak: boolean;
  /** The question asks for a percentage ("what percentage", "quota", "%"). */
  readonly percent: boolean;
  /** A status filter the words ask for ("the failed runs"). */
  readonly status: RunStatus | null;
}

const LEXICON_WORDS: string[] = [];
/** A lexicon's pattern; its words join MEASURE_WORDS (common words, never names). */
const l = (phrases: string) => {
  const lex = lexicon(phrases);
  LEXICON_WORDS.push(...lex.words);
  return lex.pattern;
};

export const PERCENT = new RegExp(
  `${
    l(`percentuale | percentuali | in percentuale | per cento | percento | percentage | percent | share |
  quota | che parte | what part | what portion | proportion | proporzione | quante delle | how many of the`)
      .source
  }|%`,
);

const LAST_WORD = /\b(ultim[oaie]|last|latest|most recent|piu recente|recentissim[oa])\b/;
const WHEN =
  /\b(quando|when|a che ora|che ora|what time|at what time|how long ago|da quanto tempo|da quanto|l ultima volta che|the last time)\b/;

const FAILURE_WORDS = new RegExp(`${ERRORS.pattern.source}|${FAILURE_RATE.pattern.source}`);
/** Emails by their nouns, or by someone writing *to us* ("ci ha scritto", "wrote to us", "who wrote"): "write me a poem" is no email. */
export const EMAIL_WORDS = new RegExp(
  `${EMAILS.pattern.source}|\\b(ci (ha|hanno) (scritto|mandato|inviato)|(ha|hanno) (scritto|mandato|inviato)|scritto (a noi|da)|(wrote|written|write|writes|emailed|sent|send)( to)? us|(who|chi) (wrote|has written|ha scritto|scrive|scrivono|sent|ci scrive)|did [a-z]+( [a-z]+)? (write|send|email)|has [a-z]+( [a-z]+)? (written|sent|emailed))\\b`,
);
const LEAD_WORDS = l(`
  lead | leads | contatti acquisiti | nuovi contatti | contatto | contatti | contacts | contact | prospect* |
  richieste dal sito | richiesta dal sito | richieste di contatto | richieste di informazioni | richieste dal form |
  form submissions | moduli compilati | moduli inviati | iscrizioni | iscritti | sign ups | signups | enquir* |
  inquir* | website requests | requests from the website | richieste
`);
const ORDER_WORDS = ORDERS.pattern;
const RUN_WORDS = l(`
  esecuzion* | runs | run | ran | running | executions | execution | executed | eseguit* | quante volte |
  usat* | utilizzat* | used | usage | utilizzo |
  how many times | how often | partit* | e partito | ha girato | hanno girato | girat* | avviat* | lanciat* |
  triggered | fired | kicked off | started | lavorato | worked | volte | times
`);

const REPLY_RATE = l(`
  tasso di risposta | tasso di risposte | reply rate | response rate | percentuale di risposta |
  percentuale di risposte | answer rate
`);
const REPLY_WORDS = l(`
  risposta | risposte | risposto | replies | reply | replied | responses | response | answered | answer |
  bozze | bozza | drafts | draft | drafted
`);
const SUCCESS_RATE = l(`
  tasso di successo | percentuale di successo | tasso di riuscita | percentuale di riuscita | success rate |
  success ratio | success percentage | rate of success | affidabil* | reliab* | how reliable | uptime | stabile |
  stabili | stability | stabilita | performance | performances | performing | prestazion* | perform
`);
const SUCCESS_WORDS = l(`
  riuscit* | successful | successfully | succeeded | success | successes | successi | a buon fine |
  completate con successo | andate bene | andata bene | went well | worked fine
`);
const MAX_DURATION = l(`
  esecuzione piu lunga | esecuzioni piu lunghe | run piu lungo | piu lunga | piu lungo | longest run | longest runs |
  longest execution | longest | durata massima | tempo massimo | maximum duration | max duration | took the longest |
  ci ha messo di piu | ha impiegato di piu
`);
const AVG_DURATION = l(`
  quanto ci mette | quanto ci mettono | quanto ci ha messo | quanto ci hanno messo | quanto dura | quanto durano |
  durata media | durata | durano | dura | tempo medio | tempi medi | average time | average run time |
  average duration | mean duration | how long | execution time | execution times | run time | runtime |
  tempo di esecuzione | tempi di esecuzione | quanto tempo | lento | lenta | lenti | lente | slow | slower | slowest |
  piu lento | piu lenta | speed | veloc* | fastest | duration | durations | run duration | tempi | take to run
`);
const AVG_ORDER = l(`
  scontrino medio | scontrini medi | valore medio | ordine medio | importo medio | spesa media | average order |
  average order value | avg order | mean order | aov | average basket | average ticket | average sale |
  average value | average amount | valore di un ordine in media | media degli ordini | media per ordine |
  in media un ordine | spende in media | spendono in media | average spend
`);
const MAX_ORDER = l(`
  ordine piu grande | ordine piu alto | ordine piu costoso | ordine piu ricco | ordine maggiore | ordine massimo |
  ordine record | il piu grande ordine | piu grande ordine | importo piu alto | importo massimo | biggest order |
  largest order | highest order | most expensive order | biggest sale | largest sale | biggest purchase |
  maximum order | max order | top order | highest value order | ordine di importo piu alto | biggest single order |
  largest single order
`);
const MIN_ORDER = l(`
  ordine piu piccolo | ordine piu basso | ordine piu economico | ordine minore | ordine minimo | piu piccolo ordine |
  importo piu basso | importo minimo | smallest order | lowest order | cheapest order | minimum order | min order |
  smallest sale | lowest value order | smallest single order
`);
const ORDER_VALUE = l(`
  incass* | fatturato | fatturat* | revenue | revenues | turnover | valore totale | importo totale |
  valore complessivo | totale degli ordini | totale ordini | totale delle vendite | totale vendite | totale in euro |
  il totale | in totale in euro | total value | total order value | total amount | total revenue | total sales |
  order total | orders total | sales total | how much did we sell | how much have we sold | how much did we make |
  how much have we made | how much did we earn | how much money | quanto abbiamo venduto | quanto abbiamo guadagnato |
  quanto abbiamo fatto | quanti soldi | soldi | money | earned | earn | guadagn* | worth | valgono | valore degli ordini |
  value of the orders | value of orders | value of our orders | gross sales | in euro | in eur | euro | eur |
  order value | orders value | value of sales | sales value | valore ordini |
  valore delle vendite | valore vendite
`);
const DISTINCT_SENDERS = new RegExp(
  [
    `\\b(mittenti|persone|clienti|indirizzi|contatti|utenti)( email)? (diversi|diverse|distinti|distinte|unici|uniche|differenti)\\b`,
    `\\b(different|distinct|unique|individual|separate) (email )?(senders|people|persons|customers|clients|email addresses|addresses|contacts|users)\\b`,
    `\\b(how many|quanti|quante|number of|numero di) (people|persons|persone|clienti|customers|clients) (ci |us |to us )?(have |hanno |ha )?(wrote|written|write|emailed|e mailed|sent|contacted|scritto|mandato|contattato|inviato)\\b`,
    `\\b(how many|quanti|quante|number of|numero di) (senders|mittenti)\\b`,
  ].join("|"),
);
const FAILED_ORDERS = new RegExp(
  [
    `\\bordini? (che )?((sono|e) )?(fallit[oi]|non andat[oi] a buon fine|non elaborat[oi]|bloccat[oi]|in errore|con errori|andat[oi] male|andat[oi] storti|pers[oi]|non riuscit[oi]|non completat[oi]|non processat[oi])\\b`,
    `\\b(failed|stuck|broken|unprocessed|lost) orders?\\b`,
    `\\borders? (that )?(failed|did not go through|didn t go through|couldn t be processed|could not be processed|got stuck|went wrong|not processed)\\b`,
  ].join("|"),
);
const PROCESSED_ORDERS = new RegExp(
  [
    `\\bordini? (che )?((sono|e) )?(elaborat[oi]|processat[oi]|completat[oi]|evas[oi]|andat[oi] a buon fine|gestit[oi] con successo|riuscit[oi])\\b`,
    `\\b(processed|completed|fulfilled|successful) orders?\\b`,
    `\\borders? (that )?(were )?(processed|completed|fulfilled|went through|succeeded)\\b`,
  ].join("|"),
);
const ACTIVE_WORDS =
  /\b(attiv[oaie]|active|enabled|abilitat[oaie]|accesi|acces[oa]|in funzione|running right now|live|in produzione|switched on|turned on)\b/;
const INVENTORY_TOTAL =
  /\b(in totale|in tutto|in total|configurat[oaie]|set up|do we have|have we got|abbiamo|ci sono|esistono|exist|there are|are there|totale|total)\b/;
const INVENTORY = new RegExp(
  `${WORKFLOWS_PATTERN.source}|\\b(quanti|quante|how many|numero di|number of) (${WORKFLOW_NOUN})\\b`,
);
const ACTIVITY = l(`
  cosa e successo | che e successo | cos e successo | cosa e accaduto | cosa succede | che succede | what happened |
  what went on | what s happened | what has happened | what s going on | cosa hanno fatto | what did | attivita |
  activity | activities
`);
const SMOOTH = l(`
  smoothly | running smoothly | tutto liscio | fila liscio | filato liscio | va tutto bene | all good | everything ok |
  everything okay | everything fine | everything alright | tutto a posto | tutto regolare | any problems at all
`);
/** "how did last week go overall?", "com'è andata la settimana?" (the period words are blanked). */
const HOW_DID_IT_GO =
  /\b(how (did|does|do|has|have|is|are|was|were) (\w+ ){0,3}(go|going|gone|look|looking|been)|overall|nel complesso|complessivamente|in generale|come (e|sono) andat[oaie]|com e andat[oa])\b/;

/** "how many workflows are running?" asks which are switched on: "running" is no run count there. */
const STATE_RUNNING = /\b(running|girano|in funzione|accesi|attivi|active)\b/;

/** Words of runs that happened ("ran", "eseguiti", "più usati"), not of workflows being switched on ("running"). */
const ranRuns = (t: string) => RUN_WORDS.test(t.replace(STATE_RUNNING, " "));

type Rule = readonly [MeasureName, (text: string) => boolean];
const has = (re: RegExp) => (text: string) => re.test(text);
const both =
  (...res: RegExp[]) =>
  (text: string) =>
    res.every((re) => re.test(text));

/** Measures in priority order; the first that matches names the question's measure. */
/** Emails without a reply: the emails received, whose answer gives the replies beside them. */
const UNANSWERED = l(`
  senza risposta | senza una risposta | non risposte | non hanno avuto risposta | non hanno ricevuto risposta |
  in attesa di risposta | unanswered | not answered | not replied | without a reply | without reply |
  did not get a reply | didn t get a reply | got no reply | no reply yet | not been answered
`);

const MEASURE_RULES: readonly Rule[] = [
  ["emails_received", (t) => UNANSWERED.test(t) && (EMAIL_WORDS.test(t) || REPLY_WORDS.test(t))],
  [
    "latest_email",
    (t) =>
      LAST_WORD.test(t) &&
      EMAIL_WORDS.test(t) &&
      !REPLY_WORDS.test(t) &&
      (WHEN.test(t) || /\b(ultim[oaie]|last|latest) (email|mail|messaggio|message)/.test(t)),
  ],
  [
    "latest_order",
    (t) =>
      LAST_WORD.test(t) &&
      ORDER_WORDS.test(t) &&
      (WHEN.test(t) || /\b(ultim[oaie]|last|latest) (ordine|order|vendita|sale)/.test(t)),
  ],
  [
    "latest_lead",
    (t) =>
      LAST_WORD.test(t) &&
      LEAD_WORDS.test(t) &&
      (WHEN.test(t) || /\b(ultim[oaie]|last|latest) (lead|contatto|contact)/.test(t)),
  ],
  [
    "latest_failure",
    (t) =>
      LAST_WORD.test(t) &&
      FAILURE_WORDS.test(t) &&
      (WHEN.test(t) ||
        /\b(ultim[oaie]|last|latest) (errore|error|failure|fallimento|interruzione|problema|problem)/.test(
          t,
        )),
  ],
  [
    "latest_run",
    (t) =>
      ((LAST_WORD.test(t) || /\bl ultima volta\b/.test(t)) && WHEN.test(t)) ||
      /\b(ultim[oaie]|last|latest|most recent) (esecuzion[ei]|run|runs|execution|executions|partenza|avvio)\b/.test(
        t,
      ),
  ],
  [
    "reply_rate",
    (t) => REPLY_RATE.test(t) || (PERCENT.test(t) && REPLY_WORDS.test(t) && EMAIL_WORDS.test(t)),
  ],
  // "percentuale di ordini falliti": not the runs' failure rate; the orders received, answered with
  // how many were processed and how many failed.
  [
    "orders_received",
    (t) => PERCENT.test(t) && ORDER_WORDS.test(t) && (FAILURE_WORDS.test(t) || SUCCESS_WORDS.test(t)),
  ],
  [
    "failure_rate",
    (t) =>
      FAILURE_RATE.pattern.test(t) ||
      (PERCENT.test(t) && FAILURE_WORDS.test(t) && !SHARE_OF_FAILURES.test(t)),
  ],
  ["success_rate", (t) => SUCCESS_RATE.test(t) || (PERCENT.test(t) && SUCCESS_WORDS.test(t))],
  ["order_value_avg", has(AVG_ORDER)],
  ["order_value_max", has(MAX_ORDER)],
  ["order_value_min", has(MIN_ORDER)],
  ["order_value_sum", has(ORDER_VALUE)],
  ["max_duration", has(MAX_DURATION)],
  ["avg_duration", has(AVG_DURATION)],
  ["distinct_senders", has(DISTINCT_SENDERS)],
  ["replies_drafted", both(REPLY_WORDS)],
  ["orders_failed", has(FAILED_ORDERS)],
  ["orders_processed", has(PROCESSED_ORDERS)],
  ["leads", (t) => LEAD_WORDS.test(t) && !EMAIL_WORDS.test(t)],
  ["emails_received", has(EMAIL_WORDS)],
  ["orders_received", has(ORDER_WORDS)],
  ["leads", has(LEAD_WORDS)],
  ["overview", (t) => HEALTH_CHECK.test(t) || SMOOTH.test(t)],
  ["failures", (t) => FAILURE_WORDS.test(t) || IS_IT_WORKING.test(t)],
  ["successes", has(SUCCESS_WORDS)],
  [
    "active_workflows",
    (t) => INVENTORY.test(t) && !ranRuns(t) && (ACTIVE_WORDS.test(t) || !INVENTORY_TOTAL.test(t)),
  ],
  ["workflows_total", (t) => INVENTORY.test(t) && !ranRuns(t)],
  ["activity", has(ACTIVITY)],
  ["runs", has(RUN_WORDS)],
  ["overview", (t) => OVERVIEW.pattern.test(t) || HOW_DID_IT_GO.test(t)],
  ["runs", has(TODAY_ACTIVITY.pattern)],
];

/** Rules from here on are vague: they name a measure only for want of better words. */
const WEAK_FROM = MEASURE_RULES.length - 2;

/** "what percentage of the failures were …": the failures are the whole, not a rate. */
const SHARE_OF_FAILURES =
  /\b(of|degli|dei|delle|di) (the |tutti gli |tutte le |our )?(s )?(errori|fallimenti|failures|errors|problemi|problems|interruzioni) (were|was|came|are|sono|erano|vengono|venivano|arrivano|from|da|del|della|dello|di|on|su|in)\b/;

const FAILED_STATUS = /\b(fail(ed|ing)?|fallit[ei]|in errore|con errore|andate male|non riuscite)\b/;

/** Reads the measure (and a percentage, a status filter) of a normalized question. */
export function readMeasure(spaced: string): MeasureReading {
  const text = spaced.replace(/\s+/g, " ").trim();
  const index = MEASURE_RULES.findIndex(([, test]) => test(text));
  const measure = index >= 0 ? MEASURE_RULES[index]![0] : null;
  // "the average duration of the failed runs": a run measure restricted to failed runs.
  const status =
    (measure === "avg_duration" || measure === "max_duration" || measure === "latest_run") &&
    FAILED_STATUS.test(text)
      ? "failed"
      : null;
  return { measure, weak: index >= WEAK_FROM, percent: PERCENT.test(text), status };
}

/**
 * Measure phrases made of words a workflow's name may share ("richieste dal sito" are leads, not
 * «Acquisizione lead dal sito»): their words are never read as names.
 */
const NAME_LIKE_PHRASES = new RegExp(
  lexicon(`richieste dal sito | richiesta dal sito | richieste sul sito | richieste dal form | contatti dal sito |
  lead dal sito | website requests | requests from the website | leads from the website | website leads |
  form submissions | ordini online | online orders`).pattern.source,
  "g",
);

/** Token positions inside such phrases (tokens of the normalized text). */
export function measurePhrasePositions(tokens: readonly string[]): Set<number> {
  const text = tokens.join(" ");
  const out = new Set<number>();
  for (const m of text.matchAll(NAME_LIKE_PHRASES)) {
    let offset = 0;
    tokens.forEach((t, i) => {
      if (offset >= m.index && offset < m.index + m[0].length) out.add(i);
      offset += t.length + 1;
    });
  }
  return out;
}

/** Orders that failed or went through, however the words around them are split by a name. */
export const ORDER_OUTCOMES: ReadonlySet<MeasureName> = new Set(["orders_failed", "orders_processed"]);

/** Every word the measure rules know (none of them is a name). */
export const MEASURE_WORDS: ReadonlySet<string> = new Set(LEXICON_WORDS);

/** Does the text name a measure of its own (a follow-up that changes the measure)? */
export const namesMeasure = (text: string): boolean => readMeasure(text).measure !== null;
