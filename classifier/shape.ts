import type { Breakdown, DimensionName } from "../graph/plan.ts";
import { NUM, toNumber } from "./numbers.ts";
import {
  COMPARE,
  COMPARED_WITH,
  MORE_THAN,
  PREDICTION_FUTURE,
  PREDICTION_STRONG,
  TOP_ERRORS,
  TREND,
  WORKFLOW_NOUN,
} from "./vocabulary.ts";

/**
 * The shape of a question beyond its measure (docs/query-plans.md, "Breakdowns", "Comparisons"):
 * a ranking or a breakdown by workflow, sender, day, hour, weekday or error cause; a comparison
 * marker and where it stands; a trend; a forecast. Reads normalized text without its time words.
 */
export interface ShapeReading {
  readonly breakdown: Breakdown | null;
  /** Where "rispetto a", "vs", "than" starts, or -1. */
  readonly compareAt: number;
  /** Only "più … della settimana scorsa" said it: a superlative may read the same ("il più grande della settimana"). */
  readonly compareByMoreThan: boolean;
  /** Says "compared with the previous period" without naming it. */
  readonly comparePrevious: boolean;
  /** Where that phrase is ([start, end) in the text): a period inside it describes the reference. */
  readonly previousSpan: readonly [number, number] | null;
  /** The words after the comparison marker start with "questa"/"this" ("rispetto a questa"). */
  readonly versusThis: boolean;
  /** "same period last month / last year / last week". */
  readonly compareSame: "week" | "month" | "year" | null;
  /** Where "same period" starts (its reference period follows it), or -1. */
  readonly sameAt: number;
  readonly trend: boolean;
  /** Asks for a forecast in so many words, or speaks of the future ("will", "aspettarci"). */
  readonly forecast: boolean;
  readonly futureWords: boolean;
  /** "which one", "quale", "who": a breakdown of an entity the previous turn was about. */
  readonly whichOne: boolean;
}

const WORKFLOW = `(${WORKFLOW_NOUN}|one|ones|quello|quella|quelli|quale)`;
const MOST = `(di piu|piu spesso|piu volte|piu|most|the most|more|maggior|maggiori|highest|busiest|piu attiv[oaie]|piu impegnat[oaie]|top|peggiore|peggiori|worst|longest|slowest|piu lent[oaie]|piu lung[oaie]|ci mette di piu)`;
const LEAST = `(di meno|meno spesso|meno|least|the least|fewest|lowest|bottom|minimo|minor|quietest|piu tranquill[oaie]|fastest|quickest|piu velo[cx]\\w*)`;

const TOP_N = new RegExp(
  `\\b(top|bottom|i primi|le prime|the first|i|le|the|primi|prime) ${NUM}\\b(?! (giorni|days|ore|hours|settimane|weeks|mesi|months|volte|times))`,
);
const SINGULAR_WHICH = new RegExp(
  `\\b(quale|qual|che|which|what) (e |is |was |e stato |e stata )?(il |lo |la |l |the )?(${WORKFLOW_NOUN}|one)\\b`,
);
/** "which workflows", "quali workflow" (invariable in Italian: "quali" makes it plural). */
const PLURAL_WHICH = new RegExp(
  [
    `\\b(quali|elenco|lista|elenca|mostrami) (sono |erano |sono stati |sono state )?(i |gli |le |dei |delle )?(workflow|workflows|automazioni|processi|flussi)\\b`,
    `\\b(which|what|list|show me) (are |were )?(the )?(workflows|automations|processes|flows)\\b`,
  ].join("|"),
);
/** "how many workflows failed?": how many of them had failures, so which ones (not a count of runs). */
const HOW_MANY_WORKFLOWS =
  /\b(how many|quanti|quante) (different )?(workflows|processes|automations|flows|workflow|processi|automazioni|flussi)\b(?! (runs?|executions?|esecuzion))(\s\S+){0,4}\s(failed|fail|had (errors|failures|problems)|broke|crashed|hanno avuto (errori|problemi)|sono fallit[ie]|si sono (fermat[ie]|interrott[ie])|hanno dato errore)\b/;
const SENDER_WHO =
  /\b(chi|who|quale mittente|which sender|what sender|quale cliente|which customer|quali mittenti|which senders|mittente|mittenti|senders|sender)\b/;
const PER_KEY: ReadonlyArray<readonly [DimensionName, RegExp]> = [
  [
    "hour",
    /\b(ora per ora|per ora|all ora|per ogni ora|hour by hour|per hour|by hour|hourly|each hour|every hour|orario per orario|fascia oraria per fascia)\b/,
  ],
  [
    "weekday",
    /\b(per giorno della settimana|by weekday|per weekday|each weekday|by day of the week|per day of the week|giorno della settimana per giorno)\b/,
  ],
  [
    "day",
    /\b(giorno per giorno|per giorno|al giorno|per ogni giorno|day by day|per day|by day|each day|every day|daily|ogni giorno|giornalmente|divisi per giorno|day per day)\b/,
  ],
  [
    "workflow",
    new RegExp(
      `\\b(per (workflow|processo|automazione|flusso)|by (workflow|automation|process)|(workflow|processo|automazione) per (workflow|processo|automazione)|per ogni (workflow|processo|automazione|flusso)|each (workflow|automation|process)|every (workflow|automation|process)|ciascun (workflow|processo|flusso)|ogni (workflow|processo|automazione|flusso))\\b`,
    ),
  ],
  [
    "sender",
    /\b(per mittente|by sender|per sender|for each sender|per ogni mittente|ogni mittente|each sender|per cliente|by customer|from whom|da chi|da parte di chi|who sent (them|those|these|it)|chi (le|li) ha (mandat[ei]|inviat[ei]|scritt[ei]))\b/,
  ],
];
const WHICH_DAY =
  /\b(quale giorno|che giorno|which day|what day|in che giorno|in quale giorno|giorno con piu|giorno con il maggior|busiest day|the day with|the day when|giorno in cui|giornata)\b/;
const WHICH_WEEKDAY = /\b(giorno della settimana|day of the week|weekday|giorno settimanale)\b/;
const WHICH_HOUR =
  /\b(a che ora|in che ora|in quale ora|what time|which hour|what hour|at what time|quale ora|che ora|orario|ora di punta|peak hour|busiest hour|fascia oraria|time of day|ora del giorno)\b/;
const NO_RUN = new RegExp(
  `\\b(non (hanno|ha|e|sono) (mai )?(girat[oi]|partit[oi]|eseguit[oi]|funzionat[oi]|lavorat[oi]|stat[oi] eseguit[oi])|(did not|didn t|have not|haven t|has not|hasn t|never) (run|ran|been run|executed|started|fire|fired)|non (girano|partono)|senza (nessuna )?esecuzion[ei]|with no runs|with zero runs|no runs at all|nessuna esecuzione|zero esecuzioni|never ran|not run at all|non girat[oi] per niente|rimast[oi] ferm[oi]|stayed idle|idle)\\b`,
);
const WHICH_ONE = /\b(which one|which ones|quale|quali|quello|quella|chi|who|e chi|and who)\b/;
const USUAL = /\b(del solito|than usual|than normal|rispetto al solito|piu del normale|meno del normale)\b/;
const SAME_PERIOD = /\b(stesso periodo|same period|same days|stessi giorni|same time)\b/;
const PREVIOUS_PERIOD =
  /\b(del solito|than usual|than normal|rispetto al solito|al solito|as usual|periodo precedente|previous period|period before|periodo prima|prior period|the previous (\w+ )?(day|days|week|weeks|month|months)|the one before|quell[oa] prima|i (\w+ )?giorni precedenti|la settimana precedente|il mese precedente|before that|prima di allora)\b/;

const NAMED_CAUSE =
  /\b(fail\w*|error\w*|crash\w*|stopp\w*|fallit\w*|errori|interrott\w*|bloccat\w*)\b.{0,30}\b(because of|due to|caused by|a causa d\w*|per colpa d\w*|dovut\w* a\w*)\b/;

function breakdownOf(text: string, dimensionHint: DimensionName | null): Breakdown | null {
  const top = TOP_N.exec(text);
  const n = top ? toNumber(top[2]!) : NaN;
  const topN = Number.isInteger(n) && n >= 1 && n <= 50 ? n : null;
  const limit = (fallback: number | null) => topN ?? fallback;
  // "failed because of credentials": one cause named. Causes are not a filter, so every cause is
  // listed with its count (the one asked about among them), never the failures of all causes alone.
  if (NAMED_CAUSE.test(text))
    return { by: "error_cause", order: "desc", limit: limit(null), zeroOnly: false };
  if (TOP_ERRORS.pattern.test(text))
    return { by: "error_cause", order: "desc", limit: limit(3), zeroOnly: false };
  if (NO_RUN.test(text) && new RegExp(`\\b(${WORKFLOW_NOUN}|quali|which)\\b`).test(text))
    return { by: "workflow", order: "desc", limit: null, zeroOnly: true };
  for (const [by, re] of PER_KEY) {
    if (re.test(text))
      return {
        by,
        order: by === "workflow" || by === "sender" ? "desc" : "key",
        limit: null,
        zeroOnly: false,
      };
  }
  const plain = text.replace(/\b(piu o meno|more or less)\b/g, " ");
  const least = new RegExp(`\\b${LEAST}\\b`).test(plain);
  const most = new RegExp(`\\b${MOST}\\b`).test(plain) || topN !== null;
  // "il meno usato", "il più veloce", "least reliable": the bottom of the ranking.
  const order = least ? "asc" : "desc";
  const ranked = most || least;
  const which = /\b(quale|quali|qual|which|what|chi|who)\b/.test(text);
  if (WHICH_WEEKDAY.test(text) && (ranked || which))
    return { by: "weekday", order, limit: limit(1), zeroOnly: false };
  if (WHICH_DAY.test(text) && ranked) return { by: "day", order, limit: limit(1), zeroOnly: false };
  if (WHICH_HOUR.test(text) && (ranked || /\b(in che ora|a che ora|at what time|what time)\b/.test(text)))
    return { by: "hour", order, limit: limit(1), zeroOnly: false };
  if (SENDER_WHO.test(text) && ranked) return { by: "sender", order, limit: limit(1), zeroOnly: false };
  const workflowNoun = new RegExp(`\\b${WORKFLOW}\\b`).test(text);
  // "which workflows failed?" lists them all; "which one failed most?" / "the busiest workflow" is the first.
  // "how many workflows failed today?": which ones, each with its count (the list says how many).
  if (PLURAL_WHICH.test(text) || HOW_MANY_WORKFLOWS.test(text))
    return { by: "workflow", order, limit: limit(null), zeroOnly: false };
  if (workflowNoun && (ranked || SINGULAR_WHICH.test(text)))
    return { by: "workflow", order, limit: limit(ranked ? 1 : null), zeroOnly: false };
  if (topN !== null) return { by: dimensionHint ?? "workflow", order, limit: topN, zeroOnly: false };
  if (dimensionHint && ranked && which) return { by: dimensionHint, order, limit: 1, zeroOnly: false };
  return null;
}

/**
 * Reads the shape of a normalized question: `rest` without its time words (for breakdowns), `full`
 * with them (comparisons name their reference periods: "the previous week", "the same period last
 * month"). Both keep the same character positions.
 */
export function readShape(
  rest: string,
  full: string = rest,
  dimensionHint: DimensionName | null = null,
): ShapeReading {
  const marker = COMPARED_WITH.exec(full);
  // "compare A with B", "confronta A con B": the reference follows the connector, not the verb.
  const verb = /\b(compare|compara|confronta\w*|paragona\w*)\b/.exec(full);
  const connector = verb ? /\b(with|to|against|and|con|col|e|vs|versus|a)\b/g : null;
  let splitAt = marker ? marker.index + marker[0].length : -1;
  if (verb && connector && (!marker || marker.index === verb.index)) {
    connector.lastIndex = verb.index + verb[0].length;
    for (let m = connector.exec(full); m; m = connector.exec(full)) {
      // The connector that follows a period: "compare emails this month to last month".
      if (full.slice(verb.index + verb[0].length, m.index).trim() !== "") {
        splitAt = m.index + m[0].length;
        break;
      }
    }
  }
  const previous = PREVIOUS_PERIOD.exec(full);
  const sameAt = full.search(SAME_PERIOD);
  // A comparison needs its words ("rispetto a", "vs", "than usual"); "the same period" alone just
  // means the period of before.
  const byWords = COMPARE.pattern.test(full) || USUAL.test(full);
  const compare = byWords || MORE_THAN.test(full);
  const afterSame = sameAt >= 0 ? full.slice(sameAt) : "";
  const same =
    sameAt >= 0
      ? /\b(anno|year)\b/.test(afterSame)
        ? "year"
        : /\b(settimana|week)\b/.test(afterSame)
          ? "week"
          : "month"
      : null;
  const text = rest.replace(/\s+/g, " ").trim();
  return {
    breakdown: breakdownOf(text, dimensionHint),
    compareAt: compare ? (splitAt >= 0 ? splitAt : full.length) : -1,
    compareByMoreThan: compare && !byWords,
    comparePrevious: previous !== null,
    previousSpan: previous ? [previous.index, previous.index + previous[0].length] : null,
    versusThis:
      splitAt >= 0 &&
      /^\s*((a|al|alla|allo|to|with|con|e|and) )?(questa|questo|quest|this|the current)\b/.test(
        full.slice(splitAt),
      ),
    compareSame: same,
    sameAt,
    trend: TREND.pattern.test(text),
    forecast: PREDICTION_STRONG.pattern.test(text),
    futureWords: PREDICTION_FUTURE.pattern.test(text),
    whichOne: WHICH_ONE.test(text),
  };
}
