import type { AnalysisKind, QueryType } from "../graph/labels.ts";

/** Patterns on normalized text (lower case, no accents, apostrophes as spaces). */
export const GREETING =
  /^(ciao|salve|buongiorno|buon giorno|buonasera|buona sera|buon pomeriggio|hey|hi|hello|hola|good morning|good afternoon|good evening|hey there|hello there|hi there|yo|ehi|ehila|hei)( (milhena|there|a tutti|everyone|team))?( (come stai|how are you|how are you doing|tutto bene))?$/;

export const HELP =
  /\b(help|aiuto|aiutami|help me|cosa sai fare|che sai fare|cosa puoi fare|che cosa puoi fare|what can you do|what do you do|how do you work|how does this work|come funzioni|come funziona|come ti uso|come si usa|how to use|what can i ask|cosa posso chiederti|cosa posso chiedere|che domande posso fare|istruzioni d uso|guida|user guide|what are you able to)\b/;

export const PREDICTION =
  /\b(previsione|previsioni|prevedi|prevedere|prevediamo|stima per|stimare|forecast|forecasts|forecasting|predict|prediction|predictions|projection|proiezione|prossima settimana|prossimi giorni|prossimo mese|prossimi \d+ giorni|next week|next month|next days|next \d+ days|coming days|coming week|domani|tomorrow|aspettarci|aspettarsi|aspettare|aspettiamo|ci aspettano|ci dobbiamo aspettare|expect|expected|will we get|will we receive|will there be|are we going to|avremo|arriveranno|riceveremo|ci saranno|sara|saranno|what s coming|upcoming)\b/;

export const COMPARE =
  /\b(rispetto a|rispetto al|rispetto alla|rispetto all|in confronto|confronta|confronto|paragona|paragone|compare|compared|comparison|versus|vs|than last|than yesterday|than the|piu di ieri|meno di ieri|differenza|difference|cambiato|changed|meglio o peggio|better or worse)\b/;

export const TREND =
  /\b(andamento|trend|trends|tendenza|tendenze|crescita|cresce|crescendo|growing|grow|increasing|increase|in aumento|aumentando|aumentano|in calo|calando|diminuendo|decreasing|declining|decline|evoluzione|over time|nel tempo|storico|history|pattern)\b/;

export const WHY_ERRORS =
  /\b(perche|why|cause|causes|causa|motivo|motivi|ragione|ragioni|reason|reasons|root cause|da cosa dipend\w*|what causes|what caused|come mai)\b/;

const ERROR_WORDS =
  "errore|errori|error|errors|erroring|fail|fails|failed|failing|failure|failures|fallit[oaie]|fallisce|falliscono|fallimento|fallimenti|problema|problemi|problem|problems|issue|issues|guasto|guasti|interrott[oaie]|broken|rotto|rotti|non ha funzionato|non hanno funzionato|non funziona|non funzionano|went wrong|gone wrong|go wrong|goes wrong|going wrong|andato storto|andata storta|andate storte|andati storti|casino|casini|intoppi|intoppo|crash|crashed|crashes|bloccat[oaie]|stopped|fermat[oaie]|anomalie|anomalia|trouble|troubles|glitch|glitches|hiccups|down";

export const QUERY_TYPE_PATTERNS: ReadonlyArray<readonly [QueryType, RegExp]> = [
  ["ERRORS", new RegExp(`\\b(${ERROR_WORDS})\\b`)],
  [
    "PERFORMANCE",
    /\b(tasso di successo|percentuale di successo|tasso di riuscita|success rate|success ratio|successful rate|success percentage|affidabil\w*|reliab\w*|performance|performances|prestazion\w*|efficien\w*|durata|dura|quanto ci mette|quanto tempo|tempi di esecuzione|tempo medio|average time|how long|duration|speed|veloc\w*|lent[oaie]|slow|percentuale|percentage|riuscit[oaie]|successful|succeeded|a buon fine|migliore|best performing|most reliable|piu affidabile)\b/,
  ],
  [
    "EMAILS",
    /\b(email|emails|e mail|mail|mails|posta|inbox|casella|messaggi ricevuti|messages received|newsletter|risposte automatiche|auto replies|replies|risposte)\b/,
  ],
  [
    "ORDERS",
    /\b(ordini|ordine|order|orders|ordinato|ordinati|vendite|vendita|venduto|vendere|venduti|sales|sold|sell|selling|acquisti|acquisto|purchases|purchase|shopify|woocommerce|ecommerce|e commerce|fatturato|revenue|incassi|incasso)\b/,
  ],
  [
    "WORKFLOWS",
    /\b((workflow|workflows|automazioni|automazione|processi|processo|flussi|flusso|automations|automation|zap|scenari) ((sono|are|is|currently|attualmente) )?(attiv[oaie]|active|abilitat[oaie]|enabled|ci sono|abbiamo|we have|do we have|are there|esistono|configurat[oaie]|set up|running)|(quali|which|what|elenco|lista|list|elenca|show me|mostrami|quanti|quante|how many|numero di) (sono )?(i |gli |le |the |our |di |dei |delle )?(workflow|workflows|automazioni|processi|flussi|automations)( attivi| active)?$|(list|elenco|elenca|lista) (of )?(workflows|automazioni|processi|automations)|attiv[oaie] (workflow|automazioni|processi)|active (workflows|automations))\b/,
  ],
  [
    "OVERVIEW",
    /\b(come sta andando|come stanno andando|come va|come vanno|com e andata|com e andato|come e andata|come e andato|come andiamo|how is it going|how s it going|how are things|how are we doing|how did it go|how did we do|how did things go|how are my automations|panoramica|riepilogo|riassunto|resoconto|sintesi|summary|summarize|recap|overview|status|stato generale|situazione|tutto ok|tutto a posto|tutto bene|tutto in ordine|all good|everything ok|everything okay|everything fine|any news|novita|report|rapporto|quadro generale|big picture|health|salute)\b/,
  ],
  [
    "TODAY_ACTIVITY",
    /\b(esecuzioni|esecuzione|eseguit[oaie]|runs|run|ran|executions|execution|executed|attivita|activity|activities|cosa e successo|che e successo|cos e successo|cosa e accaduto|what happened|what went on|what s happened|what has happened|happened|successo oggi|lavorato|worked|girat[oaie]|avviat[oaie]|triggered|volte|times|workflow|workflows|automazioni|processi|automations)\b/,
  ],
];

/** Words that ask for a count or a fact: they make a question a data question even when vague. */
export const DATA_ASK =
  /\b(quant[oiae]|how many|how much|numero|number of|count|totale|total|quali|which|elenco|list|dimmi|tell me|show me|mostrami|dammi|give me|cosa|what|c e stato|ci sono stati|ci sono state|are there|were there|did we|abbiamo)\b/;

export const ANALYSIS_KINDS: ReadonlyArray<readonly [AnalysisKind, RegExp]> = [
  ["top_errors", WHY_ERRORS],
  ["trend", TREND],
  ["compare", COMPARE],
];

/** Fragments that continue the previous question: "e ieri?", "and today?", "what about orders?". */
export const FOLLOW_UP_START =
  /^(e|ed|and|what about|how about|invece|anche|also|e invece|e per|and for|and what about|and how about|e riguardo|e per quanto riguarda|same for|lo stesso per|idem per|e quale|and which|which one|quale|e chi|e quello|and the)\b/;

/** Words everything above is built from, for the typo fixer. */
export function vocabularyWords(extraWords: Iterable<string> = []): string[] {
  const sources = [
    GREETING,
    HELP,
    PREDICTION,
    COMPARE,
    TREND,
    WHY_ERRORS,
    DATA_ASK,
    FOLLOW_UP_START,
    ...QUERY_TYPE_PATTERNS.map(([, r]) => r),
  ];
  const words = new Set<string>();
  for (const re of sources) {
    const source = re.source
      // "fallit[oaie]" → fallito fallita falliti fallite; stems like "affidabil\w*" are not words.
      .replace(/([a-z]+)\[([a-z]+)\]/g, (_m, stem: string, ends: string) =>
        [...ends].map((e) => stem + e).join("|"),
      )
      .replace(/[a-z]+\\w\*/g, " ");
    for (const w of source.replace(/\\[bdsw]|\[[^\]]*\]|[()|?^$*+]/g, " ").split(/\s+/)) {
      if (/^[a-z]{4,}$/.test(w)) words.add(w);
    }
  }
  for (const w of extraWords) words.add(w);
  for (const w of [
    "oggi",
    "ieri",
    "today",
    "yesterday",
    "settimana",
    "settimane",
    "scorsa",
    "scorso",
    "ultimi",
    "ultime",
    "giorni",
    "week",
    "weeks",
    "month",
    "months",
    "days",
    "last",
    "past",
    "questa",
    "questo",
    "mese",
    "quante",
    "quanti",
    "workflow",
    "workflows",
    "esecuzioni",
    "automazioni",
    "processi",
    "arrivate",
    "arrivati",
    "ricevute",
    "ricevuti",
    "ordini",
    "email",
    "errori",
    "failures",
    "failed",
    "previous",
    "successo",
    "tasso",
    "affidabile",
  ]) {
    words.add(w);
  }
  return [...words];
}
