import type { Language } from "../graph/labels.ts";
import type { ErrorCause, SeriesSubject, ToolResult } from "../tools/types.ts";
import {
  capitalize,
  formatDay,
  formatInteger,
  formatMoney,
  formatPercent,
  formatSeconds,
  joinList,
  quoteName,
  windowPhrase,
} from "./format.ts";

type Render<K extends ToolResult["kind"]> = (r: Extract<ToolResult, { kind: K }>, lang: Language) => string;

const CAUSE: Record<ErrorCause, Record<Language, string>> = {
  credentials: {
    it: "le credenziali di accesso a un servizio esterno non sono valide o sono scadute",
    en: "the login details for an external service are invalid or expired",
  },
  unreachable: {
    it: "un servizio esterno non era raggiungibile",
    en: "an external service could not be reached",
  },
  timeout: {
    it: "un servizio esterno ha risposto troppo lentamente",
    en: "an external service took too long to answer",
  },
  rate_limit: {
    it: "un servizio esterno ha rifiutato troppe richieste ravvicinate",
    en: "an external service refused too many requests in a short time",
  },
  not_found: { it: "qualcosa che cercava non esisteva più", en: "something it looked for no longer existed" },
  bad_data: { it: "ha ricevuto dati incompleti o non validi", en: "it received incomplete or invalid data" },
  other: { it: "un errore imprevisto", en: "an unexpected error" },
};

export function causePhrase(cause: ErrorCause, lang: Language): string {
  return CAUSE[cause][lang];
}

const n = formatInteger;
const times = (count: number, lang: Language) =>
  lang === "it"
    ? `${n(count, lang)} ${count === 1 ? "volta" : "volte"}`
    : `${n(count, lang)} ${count === 1 ? "time" : "times"}`;

const activity: Render<"activity"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  if (r.runs === 0) {
    return lang === "it"
      ? `${capitalize(when)} non è stato eseguito nessun processo automatico.`
      : `${capitalize(when)} none of your automations ran.`;
  }
  const parts: string[] = [];
  if (lang === "it") {
    parts.push(
      `${capitalize(when)} i processi automatici sono stati eseguiti ${times(r.runs, lang)}: ${n(r.successes, lang)} ${r.successes === 1 ? "completato" : "completati"} e ${n(r.failures, lang)} ${r.failures === 1 ? "interrotto" : "interrotti"} da un errore.`,
    );
    parts.push(`Email ricevute: ${n(r.emails, lang)}; ordini arrivati: ${n(r.orders, lang)}.`);
    if (r.busiest)
      parts.push(
        `Il processo più attivo è stato ${quoteName(r.busiest.name, lang)} (${times(r.busiest.count, lang)}).`,
      );
  } else {
    parts.push(
      `${capitalize(when)} your automations ran ${times(r.runs, lang)}: ${n(r.successes, lang)} completed and ${n(r.failures, lang)} stopped by an error.`,
    );
    parts.push(`Emails received: ${n(r.emails, lang)}; orders in: ${n(r.orders, lang)}.`);
    if (r.busiest)
      parts.push(
        `The busiest process was ${quoteName(r.busiest.name, lang)} (${times(r.busiest.count, lang)}).`,
      );
  }
  return parts.join(" ");
};

const emails: Render<"emails"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  if (r.received === 0) {
    return lang === "it" ? `${capitalize(when)} non è arrivata nessuna email.` : `No emails came in ${when}.`;
  }
  const senders = r.topSenders.map((s) => `${s.name} (${n(s.count, lang)})`);
  if (lang === "it") {
    const head =
      r.received === 1
        ? `${capitalize(when)} è arrivata 1 email`
        : `${capitalize(when)} sono arrivate ${n(r.received, lang)} email`;
    const reply = `; l'assistente ha preparato una risposta per ${n(r.replied, lang)}.`;
    const top = senders.length ? ` Chi ha scritto di più: ${joinList(senders, lang)}.` : "";
    return head + reply + top;
  }
  const head = `${capitalize(when)} ${n(r.received, lang)} ${r.received === 1 ? "email" : "emails"} came in`;
  const reply = `; the assistant drafted a reply to ${n(r.replied, lang)}.`;
  const top = senders.length ? ` Most frequent senders: ${joinList(senders, lang)}.` : "";
  return head + reply + top;
};

const orders: Render<"orders"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  if (r.orders === 0) {
    return lang === "it" ? `${capitalize(when)} non è arrivato nessun ordine.` : `No orders came in ${when}.`;
  }
  const money = formatMoney(r.amount, r.currency, lang);
  if (lang === "it") {
    const head =
      r.orders === 1
        ? `${capitalize(when)} è arrivato 1 ordine`
        : `${capitalize(when)} sono arrivati ${n(r.orders, lang)} ordini`;
    const failed =
      r.failed > 0
        ? `; ${n(r.failed, lang)} non ${r.failed === 1 ? "è andato" : "sono andati"} a buon fine`
        : "";
    return `${head}: ${n(r.processed, lang)} ${r.processed === 1 ? "elaborato" : "elaborati"} per un totale di ${money}${failed}.`;
  }
  const failed = r.failed > 0 ? `; ${n(r.failed, lang)} could not be processed` : "";
  return `${capitalize(when)} ${n(r.orders, lang)} ${r.orders === 1 ? "order" : "orders"} came in: ${n(r.processed, lang)} processed for a total of ${money}${failed}.`;
};

const errors: Render<"errors"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  if (r.failures === 0) {
    return lang === "it"
      ? `${capitalize(when)} nessun processo si è interrotto per errore: ${r.runs > 0 ? "tutto è andato a buon fine" : "non ci sono state esecuzioni"}.`
      : `${capitalize(when)} no process stopped with an error${r.runs > 0 ? ": everything went through" : ": nothing ran"}.`;
  }
  const [top, ...rest] = r.byWorkflow;
  const others = rest.slice(0, 2).map((w) => `${quoteName(w.name, lang)} (${n(w.count, lang)})`);
  if (lang === "it") {
    let text = `${capitalize(when)} ${r.failures === 1 ? "c'è stato 1 processo interrotto" : `ci sono stati ${n(r.failures, lang)} processi interrotti`} da un errore, su ${n(r.runs, lang)} esecuzioni.`;
    if (top) {
      text += ` Il processo che si è fermato più spesso è ${quoteName(top.name, lang)} (${times(top.count, lang)})`;
      text += top.cause ? `, soprattutto perché ${causePhrase(top.cause, lang)}.` : ".";
    }
    if (others.length) text += ` Seguono ${joinList(others, lang)}.`;
    return text;
  }
  let text = `${capitalize(when)} ${n(r.failures, lang)} ${r.failures === 1 ? "run" : "runs"} stopped with an error, out of ${n(r.runs, lang)}.`;
  if (top) {
    text += ` The process that failed most often is ${quoteName(top.name, lang)} (${times(top.count, lang)})`;
    text += top.cause ? `, mostly because ${causePhrase(top.cause, lang)}.` : ".";
  }
  if (others.length) text += ` Next: ${joinList(others, lang)}.`;
  return text;
};

const performance: Render<"performance"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  if (r.successRate === null) {
    return lang === "it"
      ? `${capitalize(when)} non ci sono esecuzioni concluse su cui misurare l'affidabilità.`
      : `There are no finished runs ${when} to measure reliability on.`;
  }
  const rate = formatPercent(r.successRate, lang);
  const finished = r.successes + r.failures;
  const parts: string[] = [];
  if (lang === "it") {
    parts.push(
      `${capitalize(when)} è andato a buon fine il ${rate} delle esecuzioni (${n(r.successes, lang)} su ${n(finished, lang)}).`,
    );
    if (r.mostReliable)
      parts.push(
        `Il processo più affidabile è ${quoteName(r.mostReliable.name, lang)}, riuscito nel ${formatPercent(r.mostReliable.successRate, lang)} dei casi.`,
      );
    if (r.averageSeconds !== null)
      parts.push(`In media un'esecuzione dura ${formatSeconds(r.averageSeconds, lang)}.`);
  } else {
    parts.push(
      `${capitalize(when)} ${rate} of runs succeeded (${n(r.successes, lang)} of ${n(finished, lang)}).`,
    );
    if (r.mostReliable)
      parts.push(
        `The most reliable process is ${quoteName(r.mostReliable.name, lang)}, successful ${formatPercent(r.mostReliable.successRate, lang)} of the time.`,
      );
    if (r.averageSeconds !== null)
      parts.push(`A run takes ${formatSeconds(r.averageSeconds, lang)} on average.`);
  }
  return parts.join(" ");
};

const overview: Render<"overview"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  const rate = r.successRate === null ? null : formatPercent(r.successRate, lang);
  if (lang === "it") {
    const mood =
      r.failures === 0
        ? "Tutto procede bene"
        : r.successRate !== null && r.successRate >= 0.9
          ? "Va tutto abbastanza bene"
          : "Ci sono alcuni problemi da guardare";
    const runs =
      r.runs === 0
        ? `${when} non ci sono state esecuzioni`
        : `${when} ${n(r.runs, lang)} esecuzioni${rate ? `, riuscite al ${rate}` : ""}, con ${n(r.failures, lang)} ${r.failures === 1 ? "interruzione" : "interruzioni"}`;
    return `${mood}: ${n(r.activeWorkflows, lang)} processi automatici attivi; ${runs}.`;
  }
  const mood =
    r.failures === 0
      ? "All good"
      : r.successRate !== null && r.successRate >= 0.9
        ? "Things are mostly fine"
        : "A few things need attention";
  const runs =
    r.runs === 0
      ? `no runs ${when}`
      : `${n(r.runs, lang)} runs ${when}${rate ? `, ${rate} successful` : ""}, with ${n(r.failures, lang)} ${r.failures === 1 ? "failure" : "failures"}`;
  return `${mood}: ${n(r.activeWorkflows, lang)} active automations; ${runs}.`;
};

const workflows: Render<"workflows"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  const busy = r.mostActive.map((w) => `${quoteName(w.name, lang)} (${n(w.count, lang)})`);
  if (lang === "it") {
    const head = `Hai ${n(r.activeWorkflows, lang)} processi automatici attivi su ${n(r.totalWorkflows, lang)} configurati.`;
    return busy.length
      ? `${head} I più usati ${when}: ${joinList(busy, lang)}.`
      : `${head} ${capitalize(when)} nessuno è stato eseguito.`;
  }
  const head = `You have ${n(r.activeWorkflows, lang)} active automations out of ${n(r.totalWorkflows, lang)} set up.`;
  return busy.length ? `${head} Most used ${when}: ${joinList(busy, lang)}.` : `${head} None ran ${when}.`;
};

function change(now: number, before: number, lang: Language): string {
  if (before === 0)
    return now === 0 ? (lang === "it" ? "invariato" : "unchanged") : lang === "it" ? "in aumento" : "up";
  const pct = (now - before) / before;
  if (Math.abs(pct) < 0.005) return lang === "it" ? "stabile" : "steady";
  const p = formatPercent(Math.abs(pct), lang);
  return lang === "it" ? (pct > 0 ? `${p} in più` : `${p} in meno`) : pct > 0 ? `${p} more` : `${p} fewer`;
}

const SUBJECT: Record<SeriesSubject, Record<Language, string>> = {
  runs: { it: "esecuzioni", en: "runs" },
  emails: { it: "email", en: "emails" },
  orders: { it: "ordini", en: "orders" },
  failures: { it: "interruzioni per errore", en: "failures" },
};

const OF_SUBJECT_IT: Record<SeriesSubject, string> = {
  runs: "delle esecuzioni",
  emails: "delle email",
  orders: "degli ordini",
  failures: "delle interruzioni per errore",
};

const comparison: Render<"comparison"> = (r, lang) => {
  const when = capitalize(windowPhrase(r.range.window, lang));
  const what = SUBJECT[r.subject][lang];
  const from = formatDay(r.previous.firstDay, lang);
  const to = formatDay(r.previous.lastDay, lang);
  const delta = change(r.currentCount, r.beforeCount, lang);
  if (lang === "it") {
    const period = r.previous.dayCount === 1 ? `a ${from}` : `al periodo da ${from} a ${to}`;
    let text = `${when}: ${n(r.currentCount, lang)} ${what}, ${delta} rispetto ${period} (${n(r.beforeCount, lang)}).`;
    if (r.subject === "runs") {
      text += ` Le interruzioni per errore sono passate da ${n(r.before.failures, lang)} a ${n(r.current.failures, lang)}.`;
    }
    return text;
  }
  const period = r.previous.dayCount === 1 ? `on ${from}` : `from ${from} to ${to}`;
  let text = `${when}: ${n(r.currentCount, lang)} ${what}, ${delta} than ${period} (${n(r.beforeCount, lang)}).`;
  if (r.subject === "runs") {
    text += ` Failures went from ${n(r.before.failures, lang)} to ${n(r.current.failures, lang)}.`;
  }
  return text;
};

const trend: Render<"trend"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  const what = SUBJECT[r.subject][lang];
  const peak = r.series.reduce<(typeof r.series)[number] | null>(
    (best, p) => (best === null || p.runs > best.runs ? p : best),
    null,
  );
  const total = r.series.reduce((a, p) => a + p.runs, 0);
  const pct = r.changePercent === null ? null : formatPercent(Math.abs(r.changePercent) / 100, lang);
  const dir =
    lang === "it"
      ? r.direction === "up"
        ? `in crescita${pct ? ` (+${pct} nella seconda metà del periodo)` : ""}`
        : r.direction === "down"
          ? `in calo${pct ? ` (-${pct} nella seconda metà del periodo)` : ""}`
          : "stabile"
      : r.direction === "up"
        ? `growing${pct ? ` (+${pct} in the second half of the period)` : ""}`
        : r.direction === "down"
          ? `declining${pct ? ` (-${pct} in the second half of the period)` : ""}`
          : "steady";
  if (lang === "it") {
    const peakText =
      peak && peak.runs > 0
        ? ` Il giorno più intenso è stato ${formatDay(peak.day, lang)} con ${n(peak.runs, lang)}.`
        : "";
    return `${capitalize(when)} l'andamento ${OF_SUBJECT_IT[r.subject]} è ${dir}: ${n(total, lang)} in tutto.${peakText}`;
  }
  const peakText =
    peak && peak.runs > 0
      ? ` The busiest day was ${formatDay(peak.day, lang)} with ${n(peak.runs, lang)}.`
      : "";
  return `${capitalize(when)} ${what} are ${dir}: ${n(total, lang)} in all.${peakText}`;
};

const topErrors: Render<"top_errors"> = (r, lang) => {
  const when = windowPhrase(r.range.window, lang);
  if (r.failures === 0 || r.causes.length === 0) {
    return lang === "it"
      ? `${capitalize(when)} non ci sono stati errori da analizzare.`
      : `There were no failures ${when} to look into.`;
  }
  const items = r.causes
    .slice(0, 3)
    .map((c) => `${quoteName(c.workflow, lang)}: ${causePhrase(c.cause, lang)} (${times(c.count, lang)})`);
  return lang === "it"
    ? `${capitalize(when)} ci sono state ${n(r.failures, lang)} interruzioni. Le cause principali: ${items.join("; ")}.`
    : `${capitalize(when)} there were ${n(r.failures, lang)} failures. The main causes: ${items.join("; ")}.`;
};

const forecast: Render<"forecast"> = (r, lang) => {
  const what = SUBJECT[r.subject][lang];
  const peak = r.series.reduce<(typeof r.series)[number] | null>(
    (best, p) => (best === null || p.expected > best.expected ? p : best),
    null,
  );
  const weeks = Math.floor(r.historyDays / 7);
  if (lang === "it") {
    const how =
      r.method === "seasonal_naive"
        ? `Ho confrontato gli stessi giorni della settimana nelle ultime ${n(weeks, lang)} settimane.`
        : `Ho usato la media degli ultimi giorni, perché lo storico è ancora breve.`;
    const peakText = peak && peak.expected > 0 ? `, con il picco ${formatDay(peak.day, lang)}` : "";
    return `Nei prossimi ${n(r.horizonDays, lang)} giorni mi aspetto circa ${n(r.total.expected, lang)} ${what} (tra ${n(r.total.low, lang)} e ${n(r.total.high, lang)})${peakText}. ${how}`;
  }
  const how =
    r.method === "seasonal_naive"
      ? `I compared the same weekdays over the last ${n(weeks, lang)} weeks.`
      : `I used the average of recent days, because the history is still short.`;
  const peakText = peak && peak.expected > 0 ? `, peaking on ${formatDay(peak.day, lang)}` : "";
  return `Over the next ${n(r.horizonDays, lang)} days I expect about ${n(r.total.expected, lang)} ${what} (between ${n(r.total.low, lang)} and ${n(r.total.high, lang)})${peakText}. ${how}`;
};

const RENDERERS: { [K in ToolResult["kind"]]: Render<K> } = {
  activity,
  emails,
  orders,
  errors,
  performance,
  overview,
  workflows,
  comparison,
  trend,
  top_errors: topErrors,
  forecast,
};

/** Short business prose for a tool result, in the question's language. */
export function renderAnswer(result: ToolResult, lang: Language): string {
  const render = RENDERERS[result.kind] as Render<typeof result.kind>;
  return render(result, lang);
}
