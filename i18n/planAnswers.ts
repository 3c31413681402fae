import type { Language } from "../graph/labels.ts";
import type {
  Category,
  MeasureName,
  ResolvedFilters,
  ResolvedPeriod,
  ResolvedQueryPlan,
} from "../graph/plan.ts";
import { MEASURE_DEFS } from "../tools/semantic/measures.ts";
import type { BreakdownEntry, MeasureValue, PlanResult } from "../tools/semantic/result.ts";
import { numberOf } from "../tools/semantic/result.ts";
import { MESSAGE_CAUSE_PREFIX } from "../tools/errorCauses.ts";
import type { ErrorCause } from "../tools/types.ts";
import { allOf, ilNumber, isFeminine, participle, thereWas } from "./italian.ts";
import {
  capitalize,
  formatDay,
  formatInstant,
  formatInteger,
  formatMoney,
  formatPercent,
  formatSeconds,
  joinList,
  quoteName,
} from "./format.ts";
import {
  CATEGORY_SUBJECT,
  dayMonth,
  forWorkflows,
  fromSenders,
  periodPhrase,
  weekdayName,
  whenPhrase,
  workflowsPhrase,
} from "./phrases.ts";

/**
 * Short business prose for what the semantic layer found, in the question's language. Every answer
 * restates how the question was read (period, time of day, workflows, senders) so that a misreading
 * is visible at once, and says when the data starts later than the period asked about.
 */

type Lang = Language;
const n = formatInteger;
const times = (count: number, lang: Lang) =>
  lang === "it"
    ? `${n(count, lang)} ${count === 1 ? "volta" : "volte"}`
    : `${n(count, lang)} ${count === 1 ? "time" : "times"}`;
const nounOf = (m: MeasureName, count: number, lang: Lang) => MEASURE_DEFS[m].noun[lang][count === 1 ? 0 : 1];

const CAUSE: Record<ErrorCause, Record<Lang, string>> = {
  credentials: {
    it: "credenziali di accesso non valide o scadute",
    en: "invalid or expired login details",
  },
  unreachable: {
    it: "un servizio esterno non raggiungibile",
    en: "an external service that could not be reached",
  },
  timeout: {
    it: "un servizio esterno troppo lento a rispondere",
    en: "an external service too slow to answer",
  },
  rate_limit: {
    it: "un servizio esterno che ha rifiutato troppe richieste ravvicinate",
    en: "an external service refusing too many requests",
  },
  not_found: { it: "qualcosa che non esisteva più", en: "something that no longer existed" },
  bad_data: { it: "dati incompleti o non validi", en: "incomplete or invalid data" },
  crashed: {
    it: "un arresto imprevisto dell'automazione (n8n riavviato o senza memoria)",
    en: "the automation stopping unexpectedly (n8n restarted or ran out of memory)",
  },
  other: { it: "errori di altro tipo", en: "other errors" },
};

/** A known cause in business words; a summarised n8n message quoted as it was written. */
function causePhrase(key: string, lang: Lang): string {
  if (key.startsWith(MESSAGE_CAUSE_PREFIX)) {
    const message = key.slice(MESSAGE_CAUSE_PREFIX.length);
    return lang === "it" ? `l'errore «${message}»` : `the error “${message}”`;
  }
  return (CAUSE[key as ErrorCause] ?? CAUSE.other)[lang];
}

/** The workflows as the subject of a sentence, and whether it is plural; null for all of them. */
function subject(
  f: ResolvedFilters,
  lang: Lang,
): { text: string; plural: boolean; feminine: boolean } | null {
  // A named workflow is «il processo»; a kind of work is «le automazioni …».
  if (f.workflows.length > 0)
    return { text: workflowsPhrase(f, lang), plural: f.workflows.length > 1, feminine: false };
  if (f.category) return { text: CATEGORY_SUBJECT[f.category][lang], plural: true, feminine: true };
  return null;
}

/** A value as the answer writes it. */
export function formatValue(v: MeasureValue, lang: Lang, timeZone = "UTC"): string {
  switch (v.unit) {
    case "count":
      return n(v.value ?? 0, lang);
    case "ratio":
      return v.value === null ? "—" : formatPercent(v.value, lang);
    case "seconds":
      return v.value === null ? "—" : formatSeconds(v.value, lang);
    case "money":
      return v.amounts.length === 0
        ? formatMoney(0, "EUR", lang)
        : joinList(
            v.amounts.map((a) => formatMoney(a.value, a.currency, lang)),
            lang,
          );
    case "instant":
      return v.value === null ? "—" : formatInstant(v.value, timeZone, lang);
  }
}

const isEmpty = (v: MeasureValue) =>
  v.unit === "money" ? v.amounts.length === 0 : v.unit === "count" ? false : v.value === null;

interface Scope {
  readonly plan: ResolvedQueryPlan;
  readonly lang: Lang;
  /** The period (and time of day), capitalized for the start of a sentence. */
  readonly When: string;
  readonly when: string;
  readonly wf: string;
  readonly from: string;
}

function scopeOf(plan: ResolvedQueryPlan, lang: Lang): Scope {
  const when = whenPhrase(plan.period, plan.filters, lang, plan.today);
  return {
    plan,
    lang,
    when,
    When: capitalize(when),
    wf: forWorkflows(plan.filters, lang),
    from: fromSenders(plan.filters, lang),
  };
}

// ---------------------------------------------------------------------------------------------------
// One figure.

function countSentence(
  m: MeasureName,
  value: number,
  s: Scope,
  context: Partial<Record<MeasureName, MeasureValue>>,
): string {
  const { lang, When, wf, from } = s;
  const subj = subject(s.plan.filters, lang);
  const c = (k: MeasureName) => numberOf(context[k]);
  const it = lang === "it";
  switch (m) {
    case "runs": {
      const ok = c("successes");
      const ko = c("failures");
      const detail =
        ok !== null && ko !== null && value > 0
          ? it
            ? `: ${n(ok, lang)} ${ok === 1 ? "completata" : "completate"} e ${n(ko, lang)} ${ko === 1 ? "interrotta" : "interrotte"} da un errore`
            : `: ${n(ok, lang)} completed and ${n(ko, lang)} stopped by an error`
          : "";
      if (it) {
        if (value === 0)
          return subj
            ? `${When} ${subj.text} non ${subj.plural ? "sono" : "è"} ${participle("stat", subj.plural, subj.feminine)} ${participle("eseguit", subj.plural, subj.feminine)}.`
            : `${When} non è stata eseguita nessuna automazione.`;
        return subj
          ? `${When} ${subj.text} ${subj.plural ? "sono" : "è"} ${participle("stat", subj.plural, subj.feminine)} ${participle("eseguit", subj.plural, subj.feminine)} ${times(value, lang)}${detail}.`
          : `${When} le automazioni sono state eseguite ${times(value, lang)}${detail}.`;
      }
      if (value === 0)
        return subj ? `${When} ${subj.text} did not run.` : `${When} none of your automations ran.`;
      return `${When} ${subj?.text ?? "your automations"} ran ${times(value, lang)}${detail}.`;
    }
    case "failures": {
      const runs = c("runs");
      const outOf =
        runs !== null ? (it ? `, su ${n(runs, lang)} esecuzioni` : `, out of ${n(runs, lang)} runs`) : "";
      if (it) {
        if (value === 0)
          return `${When}${wf} nessuna esecuzione si è interrotta per errore${runs ? ` (su ${n(runs, lang)})` : ""}.`;
        return subj
          ? `${When} ${subj.text} si ${subj.plural ? "sono" : "è"} ${participle("interrott", subj.plural, subj.feminine)} per errore ${times(value, lang)}${outOf}.`
          : `${When} ci ${value === 1 ? "è stata 1 interruzione" : `sono state ${n(value, lang)} interruzioni`} per errore${outOf}.`;
      }
      if (value === 0)
        return `${When} no run${wf} stopped with an error${runs ? ` (out of ${n(runs, lang)})` : ""}.`;
      return subj
        ? `${When} ${subj.text} failed ${times(value, lang)}${outOf}.`
        : `${When} ${n(value, lang)} ${value === 1 ? "run" : "runs"} stopped with an error${outOf}.`;
    }
    case "successes":
      if (it)
        return `${When}${wf} ${value === 1 ? "è andata" : "sono andate"} a buon fine ${n(value, lang)} ${value === 1 ? "esecuzione" : "esecuzioni"}.`;
      return `${When}${wf} ${n(value, lang)} ${value === 1 ? "run" : "runs"} succeeded.`;
    case "emails_received": {
      const replies = c("replies_drafted");
      if (it) {
        if (value === 0) return `${When}${wf} non è arrivata nessuna email${from}.`;
        const head =
          value === 1
            ? `${When}${wf} è arrivata 1 email${from}`
            : `${When}${wf} sono arrivate ${n(value, lang)} email${from}`;
        return replies !== null
          ? `${head}; l'assistente ha preparato una risposta per ${n(replies, lang)}.`
          : `${head}.`;
      }
      if (value === 0) return `${When} no emails came in${wf}${from}.`;
      const head = `${When} ${n(value, lang)} ${value === 1 ? "email" : "emails"} came in${wf}${from}`;
      return replies !== null ? `${head}; the assistant drafted a reply to ${n(replies, lang)}.` : `${head}.`;
    }
    case "replies_drafted":
      if (it)
        return value === 0
          ? `${When}${wf} l'assistente non ha preparato nessuna risposta${from ? ` alle email${from}` : ""}.`
          : `${When}${wf} l'assistente ha preparato ${n(value, lang)} ${value === 1 ? "risposta" : "risposte"}${from ? ` alle email${from}` : ""}.`;
      return `${When}${wf} the assistant drafted ${value === 0 ? "no" : n(value, lang)} ${value === 1 ? "reply" : "replies"}${from ? ` to emails${from}` : ""}.`;
    case "distinct_senders":
      if (it)
        return value === 0
          ? `${When}${wf} non ti ha scritto nessuno.`
          : `${When}${wf} ti ${value === 1 ? "ha scritto 1 persona" : `hanno scritto ${n(value, lang)} persone diverse`}.`;
      return value === 0
        ? `${When} nobody wrote to you${wf}.`
        : `${When} ${n(value, lang)} ${value === 1 ? "person" : "different people"} wrote to you${wf}.`;
    case "orders_received": {
      const ok = c("orders_processed");
      const ko = c("orders_failed");
      const detail =
        ok !== null && ko !== null && value > 0
          ? it
            ? `: ${n(ok, lang)} ${ok === 1 ? "elaborato" : "elaborati"}${ko > 0 ? `, ${n(ko, lang)} non ${ko === 1 ? "andato" : "andati"} a buon fine` : ""}`
            : `: ${n(ok, lang)} processed${ko > 0 ? `, ${n(ko, lang)} could not be processed` : ""}`
          : "";
      if (it)
        return value === 0
          ? `${When}${wf} non è arrivato nessun ordine.`
          : `${When}${wf} ${value === 1 ? "è arrivato 1 ordine" : `sono arrivati ${n(value, lang)} ordini`}${detail}.`;
      return value === 0
        ? `${When} no orders came in${wf}.`
        : `${When} ${n(value, lang)} ${value === 1 ? "order" : "orders"} came in${wf}${detail}.`;
    }
    case "orders_processed":
      if (it)
        return value === 0
          ? `${When}${wf} non è stato elaborato nessun ordine.`
          : `${When}${wf} ${value === 1 ? "è stato elaborato 1 ordine" : `sono stati elaborati ${n(value, lang)} ordini`}.`;
      return `${When} ${value === 0 ? "no" : n(value, lang)} ${value === 1 ? "order was" : "orders were"} processed${wf}.`;
    case "orders_failed":
      if (it)
        return value === 0
          ? `${When}${wf} tutti gli ordini sono andati a buon fine.`
          : `${When}${wf} ${value === 1 ? "1 ordine non è andato" : `${n(value, lang)} ordini non sono andati`} a buon fine.`;
      return value === 0
        ? `${When} every order went through${wf}.`
        : `${When} ${n(value, lang)} ${value === 1 ? "order" : "orders"} could not be processed${wf}.`;
    case "leads":
      if (it)
        return value === 0
          ? `${When}${wf} non è arrivato nessun contatto.`
          : `${When}${wf} ${value === 1 ? "è arrivato 1 contatto" : `sono arrivati ${n(value, lang)} contatti`}.`;
      return value === 0
        ? `${When} no leads came in${wf}.`
        : `${When} ${n(value, lang)} ${value === 1 ? "lead" : "leads"} came in${wf}.`;
    default: {
      const noun = nounOf(m, value, lang);
      return `${When}${wf}${from}: ${n(value, lang)} ${noun}.`;
    }
  }
}

function ratioSentence(
  m: MeasureName,
  value: number | null,
  s: Scope,
  context: Partial<Record<MeasureName, MeasureValue>>,
): string {
  const { lang, When, wf, from } = s;
  const it = lang === "it";
  if (value === null) {
    if (m === "reply_rate")
      return it
        ? `${When}${wf} non sono arrivate email${from} su cui misurarlo.`
        : `${When} no emails came in${wf}${from} to measure it on.`;
    return it
      ? `${When}${wf} non ci sono esecuzioni concluse su cui misurarlo.`
      : `There are no finished runs${wf} ${s.when} to measure it on.`;
  }
  const pct = formatPercent(value, lang);
  // "(12 su 40)" only from counts the result has: never a 0 standing in for a missing one.
  const counted = (k: MeasureName) => numberOf(context[k]);
  const counts = (part: number | null, whole: number | null) =>
    part === null || whole === null
      ? ""
      : it
        ? ` (${n(part, lang)} su ${n(whole, lang)})`
        : ` (${n(part, lang)} of ${n(whole, lang)})`;
  if (m === "reply_rate") {
    const r = counted("replies_drafted");
    const e = counted("emails_received");
    return it
      ? `${When}${wf} l'assistente ha preparato una risposta per ${ilNumber(pct)} delle email${from}${counts(r, e)}.`
      : `${When} the assistant drafted a reply to ${pct} of the emails${wf}${from}${counts(r, e)}.`;
  }
  const ok = counted("successes");
  const ko = counted("failures");
  const done = ok !== null && ko !== null ? ok + ko : null;
  if (m === "failure_rate") {
    const rest = formatPercent(1 - value, lang);
    return it
      ? `${When}${wf} si è interrotto per errore ${ilNumber(pct)} delle esecuzioni${counts(ko, done)}; ${ilNumber(rest)} è andato a buon fine.`
      : `${When} ${pct} of runs${wf} stopped with an error${counts(ko, done)}; ${rest} succeeded.`;
  }
  return it
    ? `${When}${wf} è andato a buon fine ${ilNumber(pct)} delle esecuzioni${counts(ok, done)}.`
    : `${When} ${pct} of runs${wf} succeeded${counts(ok, done)}.`;
}

function secondsSentence(m: MeasureName, value: number | null, s: Scope): string {
  const { lang, When, wf } = s;
  const it = lang === "it";
  const failed = s.plan.filters.status === "failed";
  if (value === null)
    return it
      ? `${When}${wf} non ci sono esecuzioni concluse da misurare.`
      : `There are no finished runs${wf} ${s.when} to measure.`;
  const d = formatSeconds(value, lang);
  if (m === "max_duration")
    return it
      ? `${When} l'esecuzione più lunga${failed ? " tra quelle interrotte" : ""}${wf} è durata ${d}.`
      : `${When} the longest${failed ? " failed" : ""} run${wf} took ${d}.`;
  return it
    ? `${When} un'esecuzione${failed ? " interrotta" : ""}${wf} è durata in media ${d}.`
    : `${When} a${failed ? " failed" : ""} run${wf} took ${d} on average.`;
}

function moneySentence(m: MeasureName, v: MeasureValue, s: Scope): string {
  const { lang, When, wf } = s;
  const it = lang === "it";
  if (isEmpty(v))
    return it
      ? `${When}${wf} non ci sono ordini con un importo.`
      : `${When} there were no orders with an amount${wf}.`;
  const amounts = formatValue(v, lang);
  switch (m) {
    case "order_value_avg":
      return it
        ? `${When}${wf} un ordine è valso in media ${amounts}.`
        : `${When} the average order${wf} was worth ${amounts}.`;
    case "order_value_max":
      return it
        ? `${When}${wf} l'ordine più grande è stato di ${amounts}.`
        : `${When} the largest order${wf} was worth ${amounts}.`;
    case "order_value_min":
      return it
        ? `${When}${wf} l'ordine più piccolo è stato di ${amounts}.`
        : `${When} the smallest order${wf} was worth ${amounts}.`;
    default:
      return it
        ? `${When}${wf} gli ordini valgono in tutto ${amounts}.`
        : `${When} orders${wf} were worth ${amounts} in total.`;
  }
}

const LATEST: Record<string, Record<Lang, readonly [string, string, string]>> = {
  latest_run: {
    it: ["L'ultima esecuzione", "è partita", "Non risulta nessuna esecuzione"],
    en: ["The latest run", "started", "No run is recorded"],
  },
  latest_failure: {
    it: ["L'ultima interruzione per errore", "è avvenuta", "Non risulta nessuna interruzione per errore"],
    en: ["The latest failure", "happened", "No failure is recorded"],
  },
  latest_email: {
    it: ["L'ultima email", "è arrivata", "Non risulta nessuna email"],
    en: ["The latest email", "came in", "No email is recorded"],
  },
  latest_order: {
    it: ["L'ultimo ordine", "è arrivato", "Non risulta nessun ordine"],
    en: ["The latest order", "came in", "No order is recorded"],
  },
  latest_lead: {
    it: ["L'ultimo contatto", "è arrivato", "Non risulta nessun contatto"],
    en: ["The latest lead", "came in", "No lead is recorded"],
  },
};

function instantSentence(m: MeasureName, v: string | null, s: Scope): string {
  const { lang, wf, from } = s;
  const [label, verb, none] = (LATEST[m] ?? LATEST.latest_run!)[lang];
  const allTime = s.plan.period.kind === "days" && s.plan.period.spec.kind === "all_time";
  const when = allTime ? "" : ` ${s.when}`;
  if (v === null) return `${none}${wf}${from}${when}.`;
  return `${label}${wf}${from}${when} ${verb} ${lang === "en" ? "on " : ""}${formatInstant(v, s.plan.timeZone, lang)}.`;
}

function valueSentence(
  m: MeasureName,
  v: MeasureValue,
  s: Scope,
  context: Partial<Record<MeasureName, MeasureValue>>,
) {
  switch (v.unit) {
    case "count":
      return countSentence(m, v.value ?? 0, s, context);
    case "ratio":
      return ratioSentence(m, v.value, s, context);
    case "seconds":
      return secondsSentence(m, v.value, s);
    case "money":
      return moneySentence(m, v, s);
    case "instant":
      return instantSentence(m, v.value, s);
  }
}

// ---------------------------------------------------------------------------------------------------
// Breakdowns.

function entryLabel(e: BreakdownEntry, by: string, lang: Lang): string {
  switch (by) {
    case "workflow":
    case "sender":
      return quoteName(e.name, lang);
    case "day":
      return formatDay(e.key, lang);
    case "weekday":
      return lang === "it" ? `il ${weekdayName(Number(e.key), lang)}` : weekdayName(Number(e.key), lang);
    case "hour": {
      const h = Number(e.key);
      return lang === "it" ? `dalle ${h}:00 alle ${h + 1}:00` : `${h}:00–${h + 1}:00`;
    }
    default:
      return causePhrase(e.key, lang);
  }
}

/** An entry's value in a ranking: "14 volte" for runs and failures, "24 email" for other counts. */
function entryValue(e: BreakdownEntry, m: MeasureName, s: Scope): string {
  const v = numberOf(e.value);
  if (e.value.unit !== "count" || v === null) return formatValue(e.value, s.lang, s.plan.timeZone);
  if (m === "runs" || m === "failures" || m === "successes") return times(v, s.lang);
  return `${n(v, s.lang)} ${nounOf(m, v, s.lang)}`;
}

const listed = (entries: readonly BreakdownEntry[], by: string, s: Scope) =>
  entries.map((e) => `${entryLabel(e, by, s.lang)} (${entryValue(e, s.plan.measure, s)})`);

/** How a ranking of workflows by a rate, a duration or an amount names its first entry. */
const LEAD_BY_WORKFLOW: Partial<Record<MeasureName, Record<Lang, readonly [string, string]>>> = {
  success_rate: {
    it: ["il processo più affidabile è", "il processo meno affidabile è"],
    en: ["the most reliable process is", "the least reliable process is"],
  },
  failure_rate: {
    it: ["il processo con il tasso di errore più alto è", "il processo con il tasso di errore più basso è"],
    en: ["the process with the highest failure rate is", "the process with the lowest failure rate is"],
  },
  reply_rate: {
    it: [
      "il processo con più email a cui è stata preparata una risposta è",
      "il processo con meno email con risposta è",
    ],
    en: ["the process replying to the most emails is", "the process replying to the fewest emails is"],
  },
  avg_duration: {
    it: ["il processo più lento in media è", "il processo più veloce in media è"],
    en: ["the slowest process on average is", "the fastest process on average is"],
  },
  max_duration: {
    it: ["il processo con l'esecuzione più lunga è", "il processo con l'esecuzione più breve è"],
    en: ["the process with the longest run is", "the process with the shortest longest run is"],
  },
  order_value_sum: {
    it: [
      "il processo con gli ordini di valore più alto è",
      "il processo con gli ordini di valore più basso è",
    ],
    en: ["the process with the highest order value is", "the process with the lowest order value is"],
  },
  order_value_avg: {
    it: ["il processo con l'ordine medio più alto è", "il processo con l'ordine medio più basso è"],
    en: ["the process with the highest average order is", "the process with the lowest average order is"],
  },
  order_value_max: {
    it: ["il processo con l'ordine più grande è", "il processo con l'ordine più grande più basso è"],
    en: ["the process with the largest order is", "the process whose largest order is the smallest is"],
  },
  order_value_min: {
    it: ["il processo con l'ordine più piccolo è", "il processo con l'ordine più piccolo più alto è"],
    en: ["the process with the smallest order is", "the process whose smallest order is the largest is"],
  },
};

function leadPhrase(m: MeasureName, by: string, asc: boolean, lang: Lang): string {
  const it = lang === "it";
  const noun = nounOf(m, 2, lang);
  const special = by === "workflow" ? LEAD_BY_WORKFLOW[m] : undefined;
  if (special) return special[lang][asc ? 1 : 0];
  const more = it ? (asc ? "meno" : "più") : asc ? "the fewest" : "the most";
  switch (by) {
    case "sender":
      return it
        ? asc
          ? `chi ha scritto meno è`
          : `chi ha scritto di più è`
        : asc
          ? "the sender with the fewest emails is"
          : "the most frequent sender is";
    case "day":
      return it ? `il giorno con ${more} ${noun} è stato` : `the day with ${more} ${noun} was`;
    case "weekday":
      return it ? `il giorno della settimana con ${more} ${noun} è` : `the weekday with ${more} ${noun} is`;
    case "hour":
      return it ? `la fascia oraria con ${more} ${noun} è` : `the hour with ${more} ${noun} is`;
    default:
      if (m === "failures")
        return it
          ? asc
            ? "il processo che si è fermato meno è"
            : "il processo che si è fermato più spesso è"
          : asc
            ? "the process that failed least often is"
            : "the process that failed most often is";
      if (m === "runs")
        return it
          ? asc
            ? "il processo meno usato è"
            : "il processo più usato è"
          : asc
            ? "the least used process is"
            : "the most used process is";
      if (MEASURE_DEFS[m].unit !== "count")
        return it
          ? asc
            ? `il processo con il valore più basso è`
            : `il processo con il valore più alto è`
          : asc
            ? "the process with the lowest value is"
            : "the process with the highest value is";
      return it ? `il processo con ${more} ${noun} è` : `the process with ${more} ${noun} is`;
  }
}

function breakdownSentence(result: Extract<PlanResult, { kind: "breakdown" }>, s: Scope): string {
  const { plan, lang, When, wf, from } = s;
  const b = plan.breakdown!;
  const m = plan.measure;
  const it = lang === "it";
  const total = result.total?.unit === "count" ? result.total.value : null;
  const totalText =
    total !== null
      ? it
        ? `${When}${wf}${from} ${thereWas(total, isFeminine(nounOf(m, total, lang)))} in tutto ${n(total, lang)} ${nounOf(m, total, lang)}`
        : `${When} there ${total === 1 ? "was" : "were"} ${n(total, lang)} ${nounOf(m, total, lang)}${wf}${from} in all`
      : result.total && !isEmpty(result.total)
        ? valueSentence(m, result.total, s, result.context).replace(/\.$/, "")
        : `${When}${wf}${from}`;
  if (b.zeroOnly) {
    const names = result.entries.map((e) => quoteName(e.name, lang));
    if (names.length === 0)
      return it
        ? `${When} tutti i processi attivi${wf} sono stati eseguiti almeno una volta.`
        : `${When} every active automation${wf} ran at least once.`;
    return it
      ? `${When} non ${names.length === 1 ? "è stato eseguito" : "sono stati eseguiti"}: ${joinList(names, lang)}.`
      : `${When} ${names.length === 1 ? "this automation did" : "these automations did"} not run: ${joinList(names, lang)}.`;
  }
  if (result.entries.length === 0 || (total === 0 && b.order !== "key")) {
    return countSentence(m, 0, s, {});
  }
  if (b.by === "error_cause") {
    const items = result.entries
      .slice(0, 5)
      .map((e) => `${causePhrase(e.key, lang)} (${times(numberOf(e.value) ?? 0, lang)})`);
    return it
      ? `${totalText}. Le cause principali: ${items.join("; ")}.`
      : `${totalText}. The main causes: ${items.join("; ")}.`;
  }
  if (b.order === "key") {
    const items = listed(result.entries, b.by, s);
    return it ? `${totalText}: ${items.join(", ")}.` : `${totalText}: ${items.join(", ")}.`;
  }
  const asc = b.order === "asc";
  const first = result.entries[0]!;
  const tied = result.entries.filter((e) => JSON.stringify(e.value) === JSON.stringify(first.value));
  if (b.limit === 1) {
    const lead = leadPhrase(m, b.by, asc, lang);
    const value = entryValue(first, m, s);
    const names = joinList(
      tied.map((e) => entryLabel(e, b.by, lang)),
      lang,
    );
    const who = tied.length > 1 ? `${names} (${value})` : `${entryLabel(first, b.by, lang)} (${value})`;
    // A tie has no single "most used process": say who shares the place.
    const leadText =
      tied.length > 1
        ? it
          ? `${asc ? "all'ultimo" : "al primo"} posto, a pari merito, ci sono`
          : `tied for ${asc ? "last" : "first"} place are`
        : lead;
    return `${totalText}; ${leadText} ${who}.`;
  }
  const shown = result.entries.slice(0, 10);
  const more = result.entries.length - shown.length;
  const items = listed(shown, b.by, s);
  const rest = more > 0 ? (it ? ` e altri ${n(more, lang)}` : ` and ${n(more, lang)} more`) : "";
  const head = it
    ? asc
      ? "dal meno al più"
      : "dal più al meno"
    : asc
      ? "from fewest to most"
      : "from most to fewest";
  // "«A», «B» e altri 2": the list goes on, so no "e" before its last shown name.
  const list = more > 0 ? items.join(", ") : joinList(items, lang);
  return `${totalText}; ${head}: ${list}${rest}.`;
}

// ---------------------------------------------------------------------------------------------------
// Comparisons, shares, summaries, inventories, trends, forecasts.

function change(now: number, before: number, lang: Lang): string {
  if (before === 0)
    return now === 0 ? (lang === "it" ? "invariato" : "unchanged") : lang === "it" ? "in aumento" : "up";
  const pct = (now - before) / before;
  if (Math.abs(pct) < 0.005) return lang === "it" ? "stabile" : "steady";
  const p = formatPercent(Math.abs(pct), lang);
  return lang === "it" ? (pct > 0 ? `${p} in più` : `${p} in meno`) : pct > 0 ? `${p} more` : `${p} fewer`;
}

function referencePhrase(plan: ResolvedQueryPlan, lang: Lang): string {
  const c = plan.compare!;
  const p: ResolvedPeriod = c.period;
  if (p.kind === "rolling")
    return lang === "it" ? `alle ${p.hours} ore precedenti` : `the ${p.hours} hours before`;
  if (c.spec.kind === "period" && p.kind === "days") {
    const named = periodPhrase(p, lang, plan.today).replace(/^(a|in) /, "");
    return lang === "it" ? (/^\d/.test(named) ? `al ${named}` : `a ${named}`) : named.replace(/^on /, "");
  }
  if (p.kind !== "days") return "";
  if (p.from === p.to)
    return lang === "it" ? `a ${formatDay(p.from, lang)}` : `on ${formatDay(p.from, lang)}`;
  const days: ResolvedPeriod = {
    ...p,
    spec: { kind: "range", from: { kind: "days_ago", n: 0 }, to: { kind: "days_ago", n: 0 } },
  };
  const span = periodPhrase(days, lang, plan.today);
  return lang === "it" ? `al periodo ${span}` : `the period ${span}`;
}

function comparisonSentence(result: Extract<PlanResult, { kind: "comparison" }>, s: Scope): string {
  const { plan, lang, When, wf, from } = s;
  const m = plan.measure;
  const it = lang === "it";
  const ref = referencePhrase(plan, lang);
  const cur = formatValue(result.current, lang, plan.timeZone);
  const prev = formatValue(result.previous, lang, plan.timeZone);
  if (result.previousFirstDay) {
    const since = dayMonth(result.previousFirstDay, lang);
    // "al periodo …" → "con il periodo …", "a ottobre" → "con ottobre"; "on Monday …" → "with Monday …".
    const withRef = it
      ? ref
          .replace(/^al /, "con il ")
          .replace(/^a /, "con ")
          .replace(/^alle /, "con le ")
      : `with ${ref.replace(/^on /, "")}`;
    return it
      ? `${valueSentence(m, result.current, s, {})} Non posso confrontarlo ${withRef}: i dati registrati partono dal ${since}.`
      : `${valueSentence(m, result.current, s, {})} I cannot compare it ${withRef}: my records start on ${since}.`;
  }
  // A period that ends today is not over: "so far" says the comparison is with a day still going.
  const calendar = ["today", "this_week", "this_month", "this_year", "month", "weekend"];
  const soFar =
    plan.period.kind === "days" && plan.period.to === plan.today && calendar.includes(plan.period.spec.kind)
      ? it
        ? " finora"
        : " so far"
      : "";
  if (result.current.unit === "count" && result.previous.unit === "count") {
    const a = result.current.value ?? 0;
    const b = result.previous.value ?? 0;
    const noun = nounOf(m, a, lang);
    return it
      ? `${When}${soFar}${wf}${from}: ${cur} ${noun}, ${change(a, b, lang)} rispetto ${ref} (${prev}).`
      : / (more|fewer)$/.test(change(a, b, lang))
        ? `${When}${soFar}${wf}${from}: ${cur} ${noun}, ${change(a, b, lang)} than ${ref} (${prev}).`
        : `${When}${soFar}${wf}${from}: ${cur} ${noun}, ${change(a, b, lang)} (${prev} ${ref}).`;
  }
  const noun = nounOf(m, 1, lang);
  return it
    ? `${When}${soFar}${wf}${from} ${noun}: ${cur}, contro ${prev} rispetto ${ref.replace(/^(al|a) /, "$1 ")}.`
    : `${When}${soFar}${wf}${from} the ${noun} was ${cur}, against ${prev} for ${ref.replace(/^on /, "")}.`;
}

function shareSentence(result: Extract<PlanResult, { kind: "share" }>, s: Scope): string {
  const { plan, lang, When } = s;
  const it = lang === "it";
  const subj = subject(plan.filters, lang);
  const who = plan.filters.senders.length
    ? joinList(
        plan.filters.senders.map((x) => quoteName(x, lang)),
        lang,
      )
    : (subj?.text ?? "");
  const whoPlural = plan.filters.senders.length > 1 || (!plan.filters.senders.length && !!subj?.plural);
  const noun = nounOf(plan.measure, 2, lang);
  if (result.ratio === null)
    return it
      ? `${When} non ci sono ${noun} su cui calcolare la quota.`
      : `${When} there were no ${noun} to compute the share on.`;
  const pct = formatPercent(result.ratio, lang);
  return it
    ? `${When} ${who} ${whoPlural ? "valgono" : "vale"} ${ilNumber(pct)} di ${allOf(noun)} (${n(result.part, lang)} su ${n(result.whole, lang)}).`
    : `${When} ${who} accounted for ${pct} of all ${noun} (${n(result.part, lang)} of ${n(result.whole, lang)}).`;
}

function summarySentence(result: Extract<PlanResult, { kind: "summary" }>, s: Scope): string {
  const { plan, lang, When, wf } = s;
  const it = lang === "it";
  const v = (m: MeasureName) => numberOf(result.values[m]) ?? 0;
  if (plan.measure === "overview") {
    const runs = v("runs");
    const failures = v("failures");
    const rate = numberOf(result.values.success_rate);
    const active = v("active_workflows");
    const pct = rate === null ? null : formatPercent(rate, lang);
    if (it) {
      const mood =
        failures === 0
          ? "Tutto procede bene"
          : rate !== null && rate >= 0.9
            ? "Va tutto abbastanza bene"
            : "Ci sono alcuni problemi da guardare";
      const body =
        runs === 0
          ? `${s.when}${wf} non ci sono state esecuzioni`
          : `${s.when}${wf} ${n(runs, lang)} esecuzioni${pct ? `, riuscite al ${pct}` : ""}, con ${n(failures, lang)} ${failures === 1 ? "interruzione" : "interruzioni"}`;
      return `${mood}: ${n(active, lang)} processi automatici attivi; ${body}.`;
    }
    const mood =
      failures === 0
        ? "All good"
        : rate !== null && rate >= 0.9
          ? "Things are mostly fine"
          : "A few things need attention";
    const body =
      runs === 0
        ? `no runs${wf} ${s.when}`
        : `${n(runs, lang)} runs${wf} ${s.when}${pct ? `, ${pct} successful` : ""}, with ${n(failures, lang)} ${failures === 1 ? "failure" : "failures"}`;
    return `${mood}: ${n(active, lang)} active automations; ${body}.`;
  }
  const runs = v("runs");
  const ok = v("successes");
  const ko = v("failures");
  const busiest = result.busiest;
  if (it) {
    if (runs === 0) return `${When}${wf} non è stato eseguito nessun processo automatico.`;
    let text = `${When}${wf} i processi automatici sono stati eseguiti ${times(runs, lang)}: ${n(ok, lang)} ${ok === 1 ? "completato" : "completati"} e ${n(ko, lang)} ${ko === 1 ? "interrotto" : "interrotti"} da un errore.`;
    text += ` Email ricevute: ${n(v("emails_received"), lang)}; ordini arrivati: ${n(v("orders_received"), lang)}.`;
    if (busiest)
      text += ` Il processo più attivo è stato ${quoteName(busiest.name, lang)} (${times(numberOf(busiest.value) ?? 0, lang)}).`;
    return text;
  }
  if (runs === 0) return `${When} none of your automations ran${wf}.`;
  let text = `${When} your automations${wf} ran ${times(runs, lang)}: ${n(ok, lang)} completed and ${n(ko, lang)} stopped by an error.`;
  text += ` Emails received: ${n(v("emails_received"), lang)}; orders in: ${n(v("orders_received"), lang)}.`;
  if (busiest)
    text += ` The busiest process was ${quoteName(busiest.name, lang)} (${times(numberOf(busiest.value) ?? 0, lang)}).`;
  return text;
}

/** What kind of automations an inventory counts: "per gli ordini" / "order (automations)". */
const INVENTORY_KIND: Record<Category, Record<Lang, string>> = {
  email: { it: "per le email", en: "email" },
  order: { it: "per gli ordini", en: "order" },
  lead: { it: "per i contatti", en: "lead" },
  invoice: { it: "per le fatture", en: "invoice" },
  crm: { it: "per il CRM", en: "CRM" },
  report: { it: "per i report", en: "report" },
  other: { it: "di altro tipo", en: "other" },
};

function inventorySentence(result: Extract<PlanResult, { kind: "inventory" }>, s: Scope): string {
  const { lang, plan } = s;
  const names = result.names.slice(0, 12).map((x) => quoteName(x, lang));
  const more =
    result.names.length > 12
      ? lang === "it"
        ? ` e altri ${result.names.length - 12}`
        : ` and ${result.names.length - 12} more`
      : "";
  const list = names.length ? `: ${more ? names.join(", ") : joinList(names, lang)}${more}` : "";
  const category = plan.filters.category;
  if (lang === "it") {
    const kind = category ? ` ${INVENTORY_KIND[category].it}` : "";
    return plan.measure === "workflows_total"
      ? `Hai ${n(result.total, lang)} processi automatici configurati${kind}, di cui ${n(result.active, lang)} attivi${list}.`
      : `Hai ${n(result.active, lang)} processi automatici attivi${kind} su ${n(result.total, lang)} configurati${list}.`;
  }
  const kind = category ? `${INVENTORY_KIND[category].en} ` : "";
  return plan.measure === "workflows_total"
    ? `You have ${n(result.total, lang)} ${kind}automations set up, ${n(result.active, lang)} of them active${list}.`
    : `You have ${n(result.active, lang)} active ${kind}automations out of ${n(result.total, lang)} set up${list}.`;
}

function trendSentence(result: Extract<PlanResult, { kind: "trend" }>, s: Scope): string {
  const { plan, lang, When, wf } = s;
  const it = lang === "it";
  const unit = MEASURE_DEFS[plan.measure].unit;
  const peak = result.points.reduce<(typeof result.points)[number] | null>(
    (best, p) => (best === null || p.value > best.value ? p : best),
    null,
  );
  const pct =
    result.changePercent === null ? null : formatPercent(Math.abs(result.changePercent) / 100, lang);
  const dir = it
    ? result.direction === "up"
      ? `in crescita${pct ? ` (+${pct} nella seconda metà del periodo)` : ""}`
      : result.direction === "down"
        ? `in calo${pct ? ` (-${pct} nella seconda metà del periodo)` : ""}`
        : "stabile"
    : result.direction === "up"
      ? `growing${pct ? ` (+${pct} in the second half of the period)` : ""}`
      : result.direction === "down"
        ? `declining${pct ? ` (-${pct} in the second half of the period)` : ""}`
        : "steady";
  const noun = nounOf(plan.measure, 2, lang);
  if (unit !== "count")
    return it ? `${When}${wf} l'andamento del ${noun} è ${dir}.` : `${When} the ${noun}${wf} is ${dir}.`;
  const total = it ? `${n(result.total, lang)} in tutto` : `${n(result.total, lang)} in all`;
  const peakText =
    peak && peak.value > 0
      ? it
        ? ` Il giorno più intenso è stato ${formatDay(peak.day, lang)} con ${n(peak.value, lang)}.`
        : ` The busiest day was ${formatDay(peak.day, lang)} with ${n(peak.value, lang)}.`
      : "";
  return it
    ? `${When}${wf} l'andamento di ${noun} è ${dir}: ${total}.${peakText}`
    : `${When} ${noun}${wf} are ${dir}: ${total}.${peakText}`;
}

function forecastSentence(result: Extract<PlanResult, { kind: "forecast" }>, s: Scope): string {
  const { plan, lang, wf } = s;
  const noun = nounOf(plan.measure, 2, lang);
  const peak = result.series.reduce<(typeof result.series)[number] | null>(
    (best, p) => (best === null || p.expected > best.expected ? p : best),
    null,
  );
  const weeks = Math.floor(result.historyDays / 7);
  const h = plan.horizonDays ?? result.series.length;
  const active = result.activeDays;
  if (result.method === "insufficient_history")
    return lang === "it"
      ? `Non posso ancora fare una previsione affidabile di ${noun}${wf}: ho solo ${n(active, lang)} ${active === 1 ? "giorno" : "giorni"} con attività da cui partire.`
      : `I can't forecast ${noun}${wf} reliably yet: there ${active === 1 ? "is" : "are"} only ${n(active, lang)} ${active === 1 ? "day" : "days"} with activity to go on.`;
  if (lang === "it") {
    const how =
      result.method === "seasonal_naive"
        ? `Ho confrontato gli stessi giorni della settimana nelle ultime ${n(weeks, lang)} settimane.`
        : result.sparse
          ? `Lo storico è quasi vuoto (attività in ${n(active, lang)} giorni su ${n(result.historyDays, lang)}), quindi l'intervallo è ampio.`
          : "Ho usato la media degli ultimi giorni, perché lo storico è ancora breve: l'intervallo è ampio.";
    const span = h === 1 ? "Domani" : `Nei prossimi ${n(h, lang)} giorni`;
    const peakText = h > 1 && peak && peak.expected > 0 ? `, con il picco ${formatDay(peak.day, lang)}` : "";
    return `${span} mi aspetto circa ${n(result.total.expected, lang)} ${noun}${wf} (tra ${n(result.total.low, lang)} e ${n(result.total.high, lang)})${peakText}. ${how}`;
  }
  const how =
    result.method === "seasonal_naive"
      ? `I compared the same weekdays over the last ${n(weeks, lang)} weeks.`
      : result.sparse
        ? `The history is mostly empty (activity on ${n(active, lang)} of ${n(result.historyDays, lang)} days), so the range is wide.`
        : "I used the average of recent days, because the history is still short: the range is wide.";
  const span = h === 1 ? "Tomorrow" : `Over the next ${n(h, lang)} days`;
  const peakText = h > 1 && peak && peak.expected > 0 ? `, peaking on ${formatDay(peak.day, lang)}` : "";
  return `${span} I expect about ${n(result.total.expected, lang)} ${noun}${wf} (between ${n(result.total.low, lang)} and ${n(result.total.high, lang)})${peakText}. ${how}`;
}

function coverageNote(plan: ResolvedQueryPlan, lang: Lang): string {
  if (!plan.coverage || plan.coverage.empty) return "";
  const startsLater = plan.period.kind === "days" && plan.coverage.firstDay > plan.period.from;
  const since = dayMonth(plan.coverage.firstDay, lang);
  const records = !startsLater
    ? ""
    : lang === "it"
      ? ` I dati registrati partono dal ${since}.`
      : ` My records start on ${since}.`;
  const unread = plan.coverage.unreadRuns ?? 0;
  const details =
    unread === 0
      ? ""
      : lang === "it"
        ? ` Di ${n(unread, lang)} ${unread === 1 ? "esecuzione" : "esecuzioni"} non ho potuto leggere i dettagli (n8n li conserva fuori dal database), quindi potrebbero essere di più.`
        : ` I could not read the details of ${n(unread, lang)} ${unread === 1 ? "run" : "runs"} (n8n keeps them outside the database), so there may be more.`;
  return records + details;
}

/** The answer to a plan's result, in `lang`. */
export function renderPlanAnswer(result: PlanResult, lang: Lang): string {
  const s = scopeOf(result.plan, lang);
  let text: string;
  switch (result.kind) {
    case "no_data":
      return result.firstDay
        ? lang === "it"
          ? `Non ho dati ${s.when}: i dati registrati partono dal ${dayMonth(result.firstDay, lang)}.`
          : `I have no data ${s.when}: my records start on ${dayMonth(result.firstDay, lang)}.`
        : lang === "it"
          ? "Non ho ancora dati delle automazioni da leggere."
          : "I have no automation data to read yet.";
    case "value":
      text = valueSentence(result.plan.measure, result.value, s, result.context);
      break;
    case "breakdown":
      text = breakdownSentence(result, s);
      break;
    case "comparison":
      text = comparisonSentence(result, s);
      break;
    case "share":
      text = shareSentence(result, s);
      break;
    case "summary":
      text = summarySentence(result, s);
      break;
    case "inventory":
      return inventorySentence(result, s);
    case "trend":
      text = trendSentence(result, s);
      break;
    case "forecast":
      return forecastSentence(result, s);
  }
  return text + coverageNote(result.plan, lang);
}
