import type { QueryType } from "../graph/labels.ts";
import { lexicon, wordList } from "./lexicon.ts";

/**
 * The keywords of every intent, query type and analysis, in Italian and English, matched on
 * normalized text (see normalize.ts). Order matters where noted.
 */

const GREETING_WORDS =
  "ciao|ciao ciao|salve|buongiorno|buon giorno|buondi|buonasera|buona sera|buon pomeriggio|hey|hi|hello|hiya|howdy|hola|good morning|good afternoon|good evening|morning|hey there|hello there|hi there|yo|ehi|ehila|hei|hei ciao|ehi ciao";
const THANKS_WORDS =
  "grazie|grazie mille|grazie tante|mille grazie|ti ringrazio|thanks|thank you|thank you very much|thank you so much|thanks a lot|many thanks|cheers|arrivederci|a presto|buona giornata|buona serata|bye|goodbye|see you";

/** A whole message that is only a greeting, thanks or goodbye ("Ciao Milhena, come stai?"). */
const GREETING_MESSAGE = new RegExp(
  `^((ok|okay|perfetto|perfect|great|ottimo|bene|super) )?(${GREETING_WORDS}|${THANKS_WORDS})` +
    `( (milhena|there|a tutti|everyone|team|all|ragazzi))?` +
    `( (come stai|come va|tutto bene|tutto ok|how are you|how are you doing|how are you today|how s it going))?` +
    `( (that s all|thats all|that s it|for now|e tutto|per ora e tutto|per ora|ciao))?$`,
);
const GREETING_LEXICON = lexicon(`${GREETING_WORDS}|${THANKS_WORDS}`);

/** Goodbyes and good wishes: social words that close a conversation. */
const FAREWELL = lexicon(`
  a domani | a dopo | a piu tardi | a presto | alla prossima | ci sentiamo | ci vediamo | ci si sente |
  buona giornata | buona serata | buona notte | buonanotte | buon lavoro | buon weekend | buon fine settimana |
  bye | bye bye | ciao ciao | see you | see ya | see you later | see you soon | see you tomorrow | talk soon |
  talk to you later | take care | good night | goodnight | have a nice day | have a good day |
  have a nice evening | have a good evening | have a nice weekend | have a good weekend | have a good one |
  cheers | arrivederci | addio | farewell | later
`);
/** Pleasantries that may come with a greeting, a thanks or a goodbye, and say nothing else. */
const PLEASANTRY = lexicon(`
  ok | okay | va bene | d accordo | perfetto | perfect | ottimo | great | awesome | nice | bene | super |
  capito | got it | understood | fantastico | gentilissima | gentilissimo | gentile | sei stata utile |
  sei stato utile | sei stata gentile | molto utile | utilissima | utilissimo | that helps | that helped |
  that was helpful | very helpful | really helpful | you ve been helpful | you have been helpful | helpful |
  great job | well done | brava | bravo | mate | buddy | friend | amica | amico | cara | caro | milhena |
  again | ancora | tanto | tantissimo | davvero | very much | so much | a lot | for now | per ora | and | e |
  anche a te | you too | to you too | domani | tomorrow | stasera | tonight | then | allora | tutti | everyone |
  di tutto | per tutto | for everything | per l aiuto | for the help | for your help | dell aiuto
`);
const SOCIAL_PHRASES = [GREETING_LEXICON, FAREWELL, PLEASANTRY].map((l) => new RegExp(l.pattern.source, "g"));

/**
 * Only greetings, thanks, goodbyes and pleasantries ("a domani, ciao ciao", "many thanks, that helps",
 * "ti ringrazio, sei stata utile"): at least one of the first three, and nothing else.
 */
function isPleasantries(text: string): boolean {
  if (!GREETING_LEXICON.pattern.test(text) && !FAREWELL.pattern.test(text)) return false;
  let rest = text;
  for (const re of SOCIAL_PHRASES) rest = rest.replace(re, " ");
  return rest.trim() === "";
}

/** A message that is only a greeting, thanks or goodbye. */
export const GREETING = {
  test: (text: string): boolean => GREETING_MESSAGE.test(text) || isPleasantries(text),
};

export const HELP = lexicon(`
  help | aiuto | aiutami | mi aiuti | puoi aiutarmi | can you help | help me | cosa sai fare |
  che sai fare | cosa puoi fare | che cosa puoi fare | cosa sei in grado di fare | what can you do |
  what do you know | what can you tell me | cosa puoi dirmi | cosa sai dirmi | che cosa sai |
  what can u do | can u help | what do you do | what are you able to do | what are you for |
  how do you work | how does this work | how does it work | how do i use | how to use |
  what can i ask | what should i ask | what kind of questions | which questions |
  cosa posso chiederti | cosa posso chiedere | cosa ti posso chiedere | che domande posso |
  che tipo di domande | quali domande | come ti uso | come si usa | come posso usarti |
  a cosa servi | come funzioni | istruzioni per l uso | guida | user guide | esempi di domande |
  examples of questions | come usarti | come ti si usa | come funzioni tu | how does this thing work |
  how does this work | how do i use you | how should i use you | what questions do you understand |
  what do you understand | which questions do you understand | cosa capisci | che domande capisci |
  quali domande capisci | mi spieghi come funzioni | spiegami come funzioni | explain how you work
`);
/** "come funziona?" asks for help; "come funziona n8n?" asks about something else. */
export const HELP_HOW_IT_WORKS =
  /\bcome funziona( (questo|questa|qui|milhena|l assistente|il bot|la chat|questa chat|questo assistente))?$/;

/** Words that ask for a forecast by themselves. */
export const PREDICTION_STRONG = lexicon(`
  previsione | previsioni | prevision* | prevedi | prevedere | prevediamo | forecast* | predict* |
  projection* | projected | proiezion* | stima | stime | stimare | stimami
`);

/** Words about the future: a forecast when the question is about the business. */
export const PREDICTION_FUTURE = lexicon(`
  aspettarci | aspettarsi | aspettare | aspettiamo | aspettarmi | aspettarvi | mi aspetto | ci aspettiamo | ci aspettano | expect | expected | expecting |
  will | will we | will there be | are we going to | going to | gonna | avremo | arriveranno |
  riceveremo | ci saranno | saranno | venderemo | falliranno | domani | dopodomani | tomorrow |
  upcoming | futuro | future | what s coming | what will happen | cosa succedera | cosa accadra |
  come sara | come andra | how will
`);

export const COMPARE = lexicon(`
  rispetto a | rispetto al | rispetto alla | rispetto all | rispetto ai | rispetto agli |
  rispetto alle | in confronto | confronta | confrontare | confronto | confrontami | paragona |
  paragonare | paragone | paragonat* | compare | compared | compares | comparing | comparison |
  versus | vs | contro | than last | than yesterday | than the previous | than before | than usual |
  del solito | differenza | difference | meglio o peggio | better or worse | better than |
  worse than | meglio di | peggio di | meglio del | meglio della | peggio del | peggio della
`);

/** Where a comparison names its reference period: what follows the match is the period compared against. */
export const COMPARED_WITH =
  /\b(rispetto|compared|compare (to|with)|than|vs|versus|contro|in confronto|confronto con|paragonat\w*|confronta\w*\b.*?\bcon|(piu|meno|meglio|peggio)\b.*?\b(di|del|dello|della|dei|degli|delle))\b/;
/** "più ordini di ieri?", "more failures than last week" */
export const MORE_THAN =
  /\b(piu|meno|meglio|peggio|more|fewer|less|better|worse)\b.{0,40}\b(di|del|della|dei|degli|delle|than)\s(ieri|yesterday|last|la settimana|il mese|settimana scorsa|mese scorso|scorsa|scorso|precedente|the previous|before|usual|solito|prima)\b/;

export const TREND = lexicon(`
  andamento | trend | trends | tendenza | tendenze | crescita | cresce | crescono | crescendo |
  cresciut* | growing | grow | growth | increasing | increase | increased | rising | in aumento |
  aumento | aumentando | aumentano | aumentat* | in calo | calo | calando | calano | calat* |
  diminuendo | diminuiscono | diminuit* | decreasing | decrease | decreased | declining | decline |
  dropping | evoluzione | evolved | evolving | over time | nel tempo | sempre piu | sempre meno |
  getting more | getting fewer | getting worse | getting better | going up | going down | goes up |
  on the rise | picked up | picking up | ripreso | ripresi | salendo | scendendo | in crescita | peggiorando | migliorando | improving |
  worsening
`);

/** Why things fail, and which failures are most common. */
export const TOP_ERRORS = lexicon(`
  went wrong with | gone wrong with | andato storto con | andato storto nelle | andato storto nei |
  perche | why | cause | causes | causa | causato | causati | motivo | motivi | ragione | ragioni |
  reason | reasons | root cause | da cosa dipend* | what causes | what caused | causing | come mai |
  errore piu frequente | errori piu frequenti | errore piu comune | errori piu comuni |
  principali errori | errori principali | tipi di errore | tipi di errori | most common error |
  most common errors | most frequent error | most frequent errors | top error | top errors |
  main errors | types of errors | kinds of errors
`);

/** Failure rates are a performance figure, not a list of failures: checked before ERRORS. */
export const FAILURE_RATE = lexicon(`
  tasso di errore | tasso di errori | tasso di fallimento | tasso di fallimenti |
  percentuale di errori | percentuale di errore | percentuale di fallimenti | error rate |
  failure rate | fail rate
`);

export const ERRORS = lexicon(`
  errore | errori | error | errors | erroring | in errore | fail | fails | failed | failing |
  failure | failures | fallit* | fallisce | falliscono | fallire | fallimento | fallimenti |
  problema | problemi | problem | problems | issue | issues | guasto | guasti | interrott* | broke |
  broken | rotto | rotta | rotti | si e rotto | non ha funzionato | non hanno funzionato |
  non funziona | non funzionano | non va | non vanno | went wrong | gone wrong | go wrong |
  goes wrong | going wrong | andato storto | andata storta | andate storte | andati storti |
  andato male | andata male | andati male | andate male | casino | casini | intoppi | intoppo |
  grane | grana | rogne | rogna | break | breaks | breaking | crash | crashed | crashes | crashing | blow up | blew up |
  blown up | bloccat* | si e bloccato | piantat* | stopped | fermat* | anomalie | anomalia | strano |
  strana | strani | strane | unusual | weird | timeout | timeouts | time out | timed out | stuck | bloccati | hanging | trouble | troubles | glitch | glitches | hiccups |
  is down | are down | was down | were down | e down | sono down | went down | andato giu
`);

/** "funziona tutto?", "is everything working?": a general check, not a question about one failure. */
export const HEALTH_CHECK =
  /\b(funziona tutto|tutto funziona|funzionano tutti|is everything working|everything working|are things working|all working)\b/;
/** "l'automazione delle fatture funziona?", "is the CRM sync working?", "is n8n down?": has it been failing? */
export const IS_IT_WORKING =
  /(?<!\bcome )\b(funziona|funzionano)$|\b(is|are)\b.*\bworking$|\b(is|are|was|were)\b.*(?<!\b(going|goes|went|gone) )\bdown$/;

export const PERFORMANCE = lexicon(`
  tasso di successo | percentuale di successo | tasso di riuscita | percentuale di riuscita |
  success rate | success ratio | success percentage | rate of success | affidabil* | reliab* |
  performance | performances | performing | prestazion* | efficien* | durata | dura | durano |
  quanto ci mette | quanto ci mettono | ci mette | ci mettono | quanto tempo | tempi | tempo medio |
  tempi medi | average time | execution time | execution times | run time | runtime |
  tempo di esecuzione | tempi di esecuzione | average duration | how long | duration | speed |
  veloc* | lento | lenta | lenti | lente | slow | slower | slowest | fastest | quickest | longest | longest running | piu lungo | piu lunghi | ci mette di piu | riuscit* |
  successful | successfully | succeeded | success | a buon fine | most reliable | piu affidabile |
  stable | stabile | stabili | uptime
`);

export const EMAILS = lexicon(`
  email | emails | mail | mails | posta | posta in arrivo | inbox | casella | messaggi | messages |
  newsletter | risposte automatiche | auto replies | replies | reply | replied | risposte |
  risposto | pec | gmail | ci ha scritto | ci hanno scritto | wrote to us | written to us
`);

export const ORDERS = lexicon(`
  ordini | ordine | order | orders | ordinato | ordinati | ordinazioni | vendite | vendita |
  venduto | venduti | venderemo | vendiamo | vendere | sales | sold | sell | selling | acquisti |
  acquisto | purchases | purchase | shopify | woocommerce | ecommerce | e commerce | fatturato |
  revenue | soldi | money | earned | earn | guadagno | guadagni | incassi | incasso | incassat* | guadagnat* | turnover | spedizioni | shipments |
  shipped
`);

export const WORKFLOW_NOUN =
  "workflow|workflows|automazioni|automazione|processi|processo|flussi|flusso|automations|automation";
/** Questions about which automations exist or are active (not about what they did). */
export const WORKFLOWS_PATTERN = new RegExp(
  `\\b((${WORKFLOW_NOUN}) ((sono|are|is|currently|attualmente|abbiamo|we have) )?(attiv[oaie]|active|abilitat[oaie]|enabled|accesi|in funzione|switched on|turned on|ci sono|abbiamo|we have|do we have|are there|esistono|configurat[oaie]|set up|running right now|girano|live|in produzione|in production|spent[oaie]|disattivat[oaie]|disabilitat[oaie]|inattiv[oaie]|inactive|disabled|turned off|switched off|paused|in pausa)` +
    `|(quali|which|what|elenco|lista|list|elenca|show me|mostrami|quanti|quante|how many|numero di|tutti|all) (sono |are )?(i |gli |le |the |our |di |dei |delle |le nostre |i nostri |our )?(${WORKFLOW_NOUN})( attivi| attive| active)?( in tutto| in total)?$` +
    `|(list|elenco|elenca|lista) (of |di |dei |delle )?(${WORKFLOW_NOUN})` +
    `|attiv[oaie] (${WORKFLOW_NOUN})|active (${WORKFLOW_NOUN})` +
    // "quali automazioni ho?", "which automations do I have?", "quanti processi automatici abbiamo?"
    `|(quali|which|what|quanti|quante|how many) (${WORKFLOW_NOUN})( automatic[iheo]| automatizzat[iaeo])? (ho|do i have|have i got|i have|abbiamo|we have|do we have|have we got|sono accese|sono accesi|are running|are on|are live|girano|sono in funzione)` +
    // "which workflows were used the most?", "i processi più usati"
    `|(${WORKFLOW_NOUN}) ((were|are|is|was|sono stati|sono state|e stato|e stata) )?(usat[oiae]|utilizzat[oiae]|used) (di piu|piu spesso|the most|most|most often)` +
    `|(${WORKFLOW_NOUN}) (piu|most) (usat[oiae]|utilizzat[oiae]|used)` +
    `|(piu|most) (usat[oiae]|utilizzat[oiae]|used) (${WORKFLOW_NOUN}))\\b`,
);
const WORKFLOWS_WORDS = lexicon(
  `${WORKFLOW_NOUN}|attivi|attive|active|enabled|abilitati|configurati|elenco|lista`,
);

export const OVERVIEW = lexicon(`
  come sta andando | come stanno andando | come sono andate le automazioni |
  come sono andati i workflow | come sono andati i processi | how did the automations do |
  how did the workflows do | how did our automations do | how did our workflows do |
  how are the automations doing | how are the workflows doing | how are our workflows doing |
  come va | come vanno | com e andata | com e andato | come e andata | come e andato | come andiamo |
  come siamo messi | come procede | come procedono | how is it going | how s it going |
  how are things | how are we doing | how are we looking | how is everything | how did it go |
  how did we do | how d we do | how d it go | how did things go | how was | how were things |
  how are my automations | how are our automations | panoramica | riepilogo | riassunto | resoconto |
  sintesi | summary | summarize | summarise | recap | overview | status | stato generale |
  situazione | punto della situazione | tutto ok | tutto okay | tutto a posto | tutto bene |
  tutto in ordine | tutto tranquillo | tutto liscio | liscio | all good | everything working |
  is everything working | are things working | funziona tutto | tutto funziona | everything ok |
  everything okay | everything fine | everything alright | everything good | smoothly | any news |
  news | novita | report | rapporto | quadro generale | big picture | health | salute |
  hows everything | hows it going | how s everything | everything looking | how is everything looking |
  how are things looking | how do things look | how does everything look | how s it looking | hows it looking |
  anything i should know | what s new | cosa c e di nuovo | breakdown | update | aggiornamento | aggiornamenti
`);

export const TODAY_ACTIVITY = lexicon(`
  esecuzioni | esecuzione | eseguit* | runs | run | ran | executions | execution | executed |
  attivita | activity | activities | cosa e successo | che e successo | cos e successo |
  cosa e accaduto | cosa succede | che succede | what happened | what went on | what s happened |
  what has happened | what s going on | happened | successo oggi | lavorato | lavoro | workload |
  worked | girat* | hanno girato | avviat* | triggered | volte | times | jobs | job | busy |
  impegnat* | | | ${WORKFLOW_NOUN}
`);

/**
 * Query types in priority order: the first that matches wins ("which workflows failed" is about
 * failures, not about workflows; "how many emails failed" too).
 */
export const QUERY_TYPE_PATTERNS: ReadonlyArray<readonly [QueryType, RegExp]> = [
  ["PERFORMANCE", FAILURE_RATE.pattern],
  ["OVERVIEW", HEALTH_CHECK],
  ["ERRORS", ERRORS.pattern],
  ["ERRORS", IS_IT_WORKING],
  ["PERFORMANCE", PERFORMANCE.pattern],
  ["EMAILS", EMAILS.pattern],
  ["ORDERS", ORDERS.pattern],
  ["WORKFLOWS", WORKFLOWS_PATTERN],
  ["OVERVIEW", OVERVIEW.pattern],
  ["TODAY_ACTIVITY", TODAY_ACTIVITY.pattern],
];

/** Words that ask for a count or a fact: they make a question about the future a forecast. */
export const DATA_ASK = lexicon(`
  quanto | quanti | quanta | quante | how many | how much | numero | number of | count | totale |
  total | quali | quale | which | elenco | list | dimmi | tell me | show me | mostrami | dammi |
  give me | fammi vedere | cosa | what | c e stato | c e stata | ci sono | ci sono stati |
  ci sono state | are there | were there | is there | was there | any | did we | have we | abbiamo
`);

/** Off-topic subjects that share words with business questions ("previsioni del tempo"). */
export const OFF_TOPIC = lexicon(`
  meteo | che tempo fa | che giorno e | che ore sono | what day is it | what day is today | what time is it | previsioni del tempo | weather | rain | pioggia | piove | barzelletta |
  joke | poesia | poem | partita | match | calcio | football | soccer | capitale | capital of |
  ricetta | recipe | ristorante | restaurant | pizza | film | movie | borsa | stock market |
  bitcoin | oroscopo | horoscope | traduci | translate | volo | flight | vacanze | holiday
`);

/**
 * Words that carry no topic: what is left of "com'è andata ieri?" or "is it growing?" once the
 * window and the analysis words are taken out. Such a question is about the business as a whole.
 */
export const FILLER: ReadonlySet<string> = new Set(
  wordList(`
  e ed a ad di da in con su per tra fra il lo la i gli le l un una uno del dello della dei degli delle al allo alla ai
  agli alle dal dalla dai nel nella nei negli nelle sul sulla c ci come com cosa cos che quanto quanti quante quale
  quali mi ti dimmi dammi mostrami fammi vedere sapere vorrei puoi per favore allora invece anche ok okay va vanno
  andata andato andate andati sono siamo stato stata stati state era erano ha hanno abbiamo avremo tutto tutti
  qualcosa dati numeri statistiche info informazioni ma poi stiamo noi dobbiamo possiamo
  and the a an of for in on at to with about what how was were is are it did do does go went things everything
  anything all so then please tell me show give s d we our us you can could would like know be been will but now
  numbers stats data figures info look looking should shall devo devi dovrei dovremmo deve
  `),
);

/**
 * Requests to do something rather than to report: run, stop or delete something, write a message,
 * build a workflow, explain how n8n works. They mention emails or workflows but ask for no figures,
 * and Milhena only reads.
 */
export const TASK_REQUEST =
  /^((please |per favore |puoi |can you |could you )?(esegui|eseguire|lancia|avvia|fai partire|run|execute|trigger|start|restart|riavvia|cancella|elimina|delete|remove|rimuovi|disattiva|attiva|disable|enable|turn off|turn on|switch off|switch on|spegni|accendi|stop|ferma|modifica|change|aggiorna|annulla|cancel|retry|riprova|rilancia|sposta|move|archivia|archive|inoltra|forward|duplica|duplicate|rinomina|rename|assegna|assign|svuota|empty|pulisci|clean)\s(il|lo|la|i|gli|le|l|the|all|tutti|tutte|tutto|my|our|un|una|a|an|this|questo|questa|quel|quello|that|those|quei)\b)|^(scrivi|scrivimi|scrivere|write|draft|compose|prepara|preparami|crea|creami|create|build|make|invia|send|manda|rispondi|reply)\b.{0,30}\b(una|un|a|an|nuov[oa]|new)\s(mail|email|messaggio|message|workflow|automazione|automation|risposta|reply|lettera|letter|post)\b|\b(come si|come posso|come faccio a|come faccio|how do i|how can i|how to|how do you)\s(crea|creare|create|fare|make|build|configur\w*|set up|setup|install\w*|aggiung\w*|add|modific\w*|edit|collega\w*|connect|import\w*|use n8n|usare n8n|deploy\w*)\b/;

/** Openings that continue the previous question: "e ieri?", "and today?", "what about orders?". */
export const FOLLOW_UP_START =
  /^(e|ed|and|ma|but|what about|how about|invece|e invece|anche|also|and also|e anche|e per|and for|e riguardo|riguardo|per quanto riguarda|same for|lo stesso per|idem per|stessa cosa per|e quale|and which|which one|quale|e chi|e quello|ok e|ok and|e poi|and then|now)\b/;

/** Spelled-out forms of the stems above, so that typos of them are corrected too. */
const STEM_FORMS = wordList(`
  forecast forecasts forecasting predict prediction predictions projection projections proiezione previsione
  affidabile affidabili affidabilita reliable reliability prestazioni efficienza efficiency velocita eseguiti
  eseguite eseguito interrotti interrotto interrotte bloccato bloccati bloccate fermato fermati fallito falliti
  fallita fallite riuscite riusciti aumentati aumentate aumentato calati calate diminuiti diminuite cresciuti
  incassato guadagnato avviati avviate girato girati impegnati usati usate usato usata utilizzati utilizzate
  utilizzato utilizzata vediamo sentiamo
`);

/** Every keyword word, for the typo fixer. */
export const KEYWORD_WORDS: readonly string[] = [
  ...STEM_FORMS,
  ...[
    GREETING_LEXICON,
    FAREWELL,
    HELP,
    PREDICTION_STRONG,
    PREDICTION_FUTURE,
    COMPARE,
    TREND,
    TOP_ERRORS,
    FAILURE_RATE,
    ERRORS,
    PERFORMANCE,
    EMAILS,
    ORDERS,
    WORKFLOWS_WORDS,
    OVERVIEW,
    TODAY_ACTIVITY,
  ].flatMap((l) => l.words),
];
