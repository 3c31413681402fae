import type {
  Breakdown,
  CompareSpec,
  DimensionName,
  DraftPlan,
  MeasureName,
  Mention,
  PeriodSpec,
} from "../graph/plan.ts";
import { draftPlan } from "../graph/plan.ts";
import type { EntityCatalog } from "../tools/entities/catalog.ts";
import { EMPTY_CATALOG } from "../tools/entities/catalog.ts";
import { MEASURE_DEFS, isCount } from "../tools/semantic/measures.ts";
import { isKnownWord } from "./knownWords.ts";
import {
  EMAIL_WORDS,
  measurePhrasePositions,
  ORDER_OUTCOMES,
  readMeasure,
  type MeasureReading,
} from "./measure.ts";
import { questionTokens, spotNames, type SpottedNames } from "./mentions.ts";
import { readShape, type ShapeReading } from "./shape.ts";
import type { Signals } from "./signals.ts";
import { holidayPositions, readTime, unreadTimePhrase, type TimeReading } from "./time.ts";
import { unsupportedTopic } from "./unsupported.ts";
import { resolvePeriod } from "../tools/periods.ts";
import { FOLLOW_UP_START } from "./vocabulary.ts";

/**
 * The rules' planner: a question (and the previous turn's plan, for follow-ups) becomes a draft
 * query plan by reading, in order, the names it uses (against the live catalog), its periods and
 * times of day, its measure, and its shape (breakdown, comparison, trend, forecast). Follow-ups edit
 * the previous plan. Returns null when the question asks for no data.
 */
export interface PlanReading {
  readonly plan: DraftPlan;
  readonly followUp: boolean;
  readonly confidence: number;
  /** Token positions that are names (workflows, senders): no language signal in them. */
  readonly nameTokens: ReadonlySet<number>;
}

export interface PlannerInput {
  readonly question: string;
  readonly signals: Signals;
  readonly previous: DraftPlan | null;
  readonly catalog?: EntityCatalog;
}

interface Reading {
  /** Nothing but periods, future and filler words ("e domani?"). */
  readonly bare: boolean;
  readonly names: SpottedNames;
  readonly time: TimeReading;
  /** The measure named by the question's own words (not a workflow's name). */
  readonly own: MeasureReading;
  readonly measure: MeasureReading;
  readonly shape: ShapeReading;
  readonly unsupported: ReturnType<typeof unsupportedTopic>;
}

/** The question is about emails: a capitalized name nobody has is then a sender the data does not know. */
const EMAIL_HINT = EMAIL_WORDS;

/** Replaces the tokens at `positions` with spaces (same length, so offsets stay). */
function blankTokens(tokens: readonly string[], positions: ReadonlySet<number>): string {
  return tokens.map((t, i) => (positions.has(i) ? " ".repeat(t.length) : t)).join(" ");
}

/** Puts the name tokens back into a text whose time words are blanked (for the measure's fallback). */
function restoreNames(rest: string, tokens: readonly string[], positions: ReadonlySet<number>): string {
  let out = "";
  let at = 0;
  tokens.forEach((t, i) => {
    out += positions.has(i) ? t : rest.slice(at, at + t.length);
    at += t.length;
    if (i < tokens.length - 1) {
      out += rest.slice(at, at + 1);
      at += 1;
    }
  });
  return out;
}

/** Superlatives read like comparisons in Italian ("l'ordine più grande della settimana scorsa"). */
/** Measures that the generic words of a name make more precise ("runs" of an order workflow's words → orders). */
const LATEST_OF_KIND: ReadonlySet<MeasureName> = new Set([
  "latest_order",
  "latest_email",
  "latest_lead",
  "latest_failure",
]);
const REFINED_BY: Partial<Record<MeasureName, ReadonlySet<MeasureName>>> = {
  runs: ORDER_OUTCOMES,
  failures: ORDER_OUTCOMES,
  successes: ORDER_OUTCOMES,
  latest_run: LATEST_OF_KIND,
};

const SUPERLATIVE: ReadonlySet<MeasureName> = new Set([
  "order_value_max",
  "order_value_min",
  "max_duration",
  "latest_run",
  "latest_order",
  "latest_email",
  "latest_failure",
  "latest_lead",
]);

function read(input: PlannerInput): Reading {
  const { signals, question } = input;
  const catalog = input.catalog ?? EMPTY_CATALOG;
  let qtokens = questionTokens(question);
  const plainTokens = signals.plain === "" ? [] : signals.plain.split(" ");
  if (qtokens.length !== plainTokens.length)
    qtokens = plainTokens.map((token) => ({ token, capitalized: false }));
  const phrase = measurePhrasePositions(signals.tokens);
  const holidays = holidayPositions(signals.tokens);
  let names = spotNames(qtokens, catalog, {
    known: isKnownWord,
    aboutEmails: EMAIL_HINT.test(signals.text),
    aboutData: signals.queryType !== null,
    excluded: (p) => phrase.has(p) || holidays.has(p),
  });
  const blanked = blankTokens(signals.tokens, names.taken);
  const time = readTime(blanked, question);
  const own = readMeasure(time.rest);
  // The generic words of a workflow's name can say the measure too ("quanti ordini Shopify"): read
  // them when the other words say nothing, or only something vague ("il flusso", "come va").
  const restored = readMeasure(restoreNames(time.rest, signals.tokens, names.generic));
  let withNames = own.measure === null || own.weak ? restored : own;
  // "quanti ordini WooCommerce falliti?": the name splits "ordini … falliti", which are failed orders;
  // "the last order from WooCommerce" is the latest order, not the workflow's latest run.
  if (own.measure && restored.measure && REFINED_BY[own.measure]?.has(restored.measure)) withNames = restored;
  if (own.measure === null && names.weak.size > 0) {
    // Generic words that named the measure named no workflow: "email dei clienti" is every email.
    names = { ...names, workflows: names.workflows.filter((_, i) => !names.weak.has(i)) };
  }
  const hint: DimensionName | null = names.senders.length > 0 ? "sender" : null;
  let shape = readShape(time.rest, blanked, hint);
  const measureName = withNames.measure ?? own.measure;
  if (
    shape.compareByMoreThan &&
    ((measureName && SUPERLATIVE.has(measureName)) || (shape.breakdown && shape.breakdown.limit !== null))
  )
    shape = { ...shape, compareAt: -1, compareByMoreThan: false };
  // "Shopify compared to WooCommerce this week": two names either side of the comparison are two
  // entities side by side — a breakdown over them — not two periods.
  const twoSenders = names.senders.length >= 2;
  if (
    shape.compareAt >= 0 &&
    (names.workflows.length >= 2 || twoSenders) &&
    time.periods.length < 2 &&
    !shape.comparePrevious &&
    !shape.compareSame
  )
    shape = {
      ...shape,
      compareAt: -1,
      compareByMoreThan: false,
      breakdown: { by: twoSenders ? "sender" : "workflow", order: "desc", limit: null, zeroOnly: false },
    };
  return {
    bare: signals.bare,
    names,
    time,
    own,
    measure: withNames.measure !== null ? withNames : own,
    shape,
    unsupported:
      unsupportedTopic(signals.text) ??
      (unreadTimePhrase(time.rest, time.periods.length) ? "unread_period" : null),
  };
}

// ---------------------------------------------------------------------------------------------------
// Periods and comparisons.

const SUCCESSOR: Partial<Record<PeriodSpec["kind"], PeriodSpec>> = {
  yesterday: { kind: "today" },
  last_week: { kind: "this_week" },
  last_month: { kind: "this_month" },
};

/** Is `reference` the period just before `current` in the usual sense ("this week" vs "last week")? */
function isPredecessor(current: PeriodSpec, reference: PeriodSpec): boolean {
  if (current.kind === "today" && reference.kind === "yesterday") return true;
  if (current.kind === "this_week" && reference.kind === "last_week") return true;
  if (current.kind === "this_month" && reference.kind === "last_month") return true;
  return current.kind === "last_n_days" && reference.kind === "last_n_days" && current.n === reference.n;
}

interface PeriodChoice {
  readonly period: PeriodSpec | null;
  readonly compare: CompareSpec | null;
}

/** A fixed clock to tell which of two named periods is the later one (their order does not depend on it). */
const ORDER_CLOCK = new Date("2026-06-17T12:00:00Z");

function endsLater(a: PeriodSpec, b: PeriodSpec): boolean {
  try {
    const ra = resolvePeriod(a, ORDER_CLOCK, "UTC");
    const rb = resolvePeriod(b, ORDER_CLOCK, "UTC");
    return ra.to > rb.to || (ra.to === rb.to && ra.from > rb.from);
  } catch {
    return false;
  }
}

/**
 * The period and the comparison of a question. Without a comparison: the first period named (or
 * the previous turn's). With one: two named periods are the current one (the later) and the
 * reference; one period before the marker is the current one ("ieri rispetto al solito"), after it
 * the reference ("ordini rispetto alla settimana scorsa" is about this week); "the previous
 * period" and "the same period last month" name no period of their own.
 */
function choosePeriods(time: TimeReading, shape: ShapeReading, inherited: PeriodSpec | null): PeriodChoice {
  const hits = time.periods;
  if (shape.compareAt < 0) return { period: hits[0]?.spec ?? inherited, compare: null };
  if (shape.comparePrevious) {
    const [start, end] = shape.previousSpan ?? [-1, -1];
    const own = hits.filter((h) => h.at < start || h.at >= end);
    return { period: own[0]?.spec ?? inherited, compare: { kind: "previous" } };
  }
  if (shape.compareSame) {
    const own = hits.filter((h) => h.at < shape.sameAt);
    const kind =
      shape.compareSame === "week"
        ? "same_last_week"
        : shape.compareSame === "month"
          ? "same_last_month"
          : "same_last_year";
    return { period: own[0]?.spec ?? inherited, compare: { kind } };
  }
  let current: PeriodSpec | null;
  let reference: PeriodSpec | null;
  if (hits.length >= 2) {
    const [a, b] = [hits[0]!.spec, hits[1]!.spec];
    [current, reference] = endsLater(b, a) ? [b, a] : [a, b];
  } else if (hits.length === 1 && hits[0]!.at < shape.compareAt) {
    // "la scorsa settimana rispetto a questa": the period named is the reference of this one.
    [current, reference] = shape.versusThis
      ? [SUCCESSOR[hits[0]!.spec.kind] ?? hits[0]!.spec, hits[0]!.spec]
      : [hits[0]!.spec, null];
  } else {
    reference = hits[0]?.spec ?? null;
    current = inherited ?? (reference ? (SUCCESSOR[reference.kind] ?? null) : null);
  }
  if (!reference) return { period: current ?? inherited, compare: { kind: "previous" } };
  if (!current) return { period: null, compare: { kind: "period", period: reference } };
  return {
    period: current,
    compare: isPredecessor(current, reference) ? { kind: "previous" } : { kind: "period", period: reference },
  };
}

// ---------------------------------------------------------------------------------------------------

/** Which measure a bare statistic word means after a previous measure ("and the average?"). */
function statisticAfter(text: string, previous: MeasureName): MeasureName | null {
  const money = MEASURE_DEFS[previous].unit === "money" || MEASURE_DEFS[previous].category === "order";
  const duration = previous === "avg_duration" || previous === "max_duration";
  if (/\b(media|medio|average|mean|avg)\b/.test(text))
    return money ? "order_value_avg" : duration ? "avg_duration" : null;
  if (/\b(piu grande|piu alto|massimo|biggest|largest|highest|max|maximum)\b/.test(text))
    return money ? "order_value_max" : duration ? "max_duration" : null;
  if (/\b(piu piccolo|piu basso|minimo|smallest|lowest|min|minimum)\b/.test(text))
    return money ? "order_value_min" : null;
  if (/\b(totale|total|somma|sum)\b/.test(text)) return money ? "order_value_sum" : null;
  return null;
}

/** Workflows whose kind of work cannot produce the measure are dropped ("orders" of a lead workflow). */
function compatibleWorkflows(
  mentions: readonly Mention[],
  measure: MeasureName,
  catalog: EntityCatalog,
): Mention[] {
  const wants = MEASURE_DEFS[measure].category;
  if (!wants) return [...mentions];
  return mentions.filter((m) => {
    const wf = catalog.workflows.find((w) => w.name === m.text);
    return !wf || wf.category === null || wf.category === wants;
  });
}

function isComplete(r: Reading): boolean {
  return r.measure.measure !== null && (r.time.periods.length > 0 || r.time.horizonDays !== null);
}

/** Reads a question into a draft plan; null when it asks for no data. */
export function readPlan(input: PlannerInput): PlanReading | null {
  const r = read(input);
  const { signals } = input;
  const catalog = input.catalog ?? EMPTY_CATALOG;
  const previous = input.previous;
  const statistic = previous ? statisticAfter(signals.text, previous.measure) : null;
  const carries =
    statistic !== null ||
    r.measure.measure !== null ||
    r.names.workflows.length > 0 ||
    r.names.senders.length > 0 ||
    r.names.category !== null ||
    r.time.periods.length > 0 ||
    r.time.hours !== null ||
    r.time.weekdays !== null ||
    r.time.horizonDays !== null ||
    r.shape.breakdown !== null ||
    r.shape.compareAt >= 0 ||
    r.shape.trend ||
    r.shape.forecast;
  const followUp =
    previous !== null &&
    previous.kind !== "unsupported" &&
    carries &&
    (FOLLOW_UP_START.test(signals.text) || signals.bare || signals.tokens.length <= 5 || !isComplete(r)) &&
    !(isComplete(r) && !FOLLOW_UP_START.test(signals.text) && signals.tokens.length > 5);

  // A period in words Milhena does not read is never answered for another period, follow-up or not.
  if (r.unsupported && (!followUp || r.unsupported === "unread_period")) {
    return {
      plan: draftPlan({
        kind: "unsupported",
        measure: r.measure.measure ?? "orders_received",
        unsupported: r.unsupported,
      }),
      followUp: false,
      confidence: 0.85,
      nameTokens: r.names.taken,
    };
  }
  const fresh = freshPlan(r, catalog);
  const plan = followUp ? editPlan(previous, r, signals.text, catalog) : fresh;
  if (!plan) return null;
  // A follow-up is a fragment completed from the previous question ("e ieri?", "e gli errori?");
  // "e quanti ordini la settimana scorsa?" names all it needs and is a question of its own.
  const completed = followUp && !isComplete(r);
  const penalty = Math.min(0.12, 0.04 * signals.fixes);
  const confidence = completed
    ? 0.9 - penalty
    : r.measure.measure !== null
      ? (r.time.periods.length > 0 || plan.period === null ? 0.95 : 0.92) - penalty
      : 0.82 - penalty;
  return {
    plan,
    followUp: completed,
    confidence: Math.round(confidence * 100) / 100,
    nameTokens: r.names.taken,
  };
}

/** A forecast: asked for in so many words, or the future of something counted ("ordini domani?"). */
function forecastOf(r: Reading): boolean {
  if (r.shape.forecast) return true;
  const future = r.time.horizonDays !== null || r.shape.futureWords;
  return future && (r.measure.measure !== null || r.bare);
}

function freshPlan(r: Reading, catalog: EntityCatalog): DraftPlan | null {
  const namesSomething =
    r.names.workflows.length > 0 || r.names.senders.length > 0 || r.names.category !== null;
  let measure: MeasureName | null = r.measure.measure;
  if (measure === null) {
    if (r.shape.breakdown?.by === "error_cause") measure = "failures";
    else if (r.names.senders.length > 0 || r.shape.breakdown?.by === "sender") measure = "emails_received";
    else if (r.shape.trend || r.shape.breakdown || namesSomething) measure = "runs";
    else if (forecastOf(r)) measure = "runs";
    // A period and nothing else ("com'è andata ieri?", "e oggi?"): how it went then.
    else if (r.time.periods.length > 0 && r.shape.compareAt < 0 && r.bare) measure = "overview";
    else if (r.shape.compareAt >= 0 && r.time.periods.length > 0) measure = "runs";
    else return null;
  }
  return assemble(r, measure, null, catalog);
}

/** Builds the draft from a reading and a measure; `base` is the previous plan for a follow-up. */
function assemble(
  r: Reading,
  measure: MeasureName,
  base: DraftPlan | null,
  catalog: EntityCatalog,
): DraftPlan {
  const forecast = forecastOf(r) || (base?.kind === "forecast" && r.time.periods.length === 0);
  const inherited = base && base.kind !== "forecast" ? base.period : null;
  const { period, compare } = choosePeriods(r.time, r.shape, inherited);
  const hasEntities = r.names.workflows.length > 0 || r.names.senders.length > 0 || r.names.category !== null;
  // "which one had the most?" after a question about one workflow (sender) ranks them all: a ranking
  // of the one inherited entity would only repeat it.
  const ranksAll = (by: "workflow" | "sender", inherited: readonly unknown[]) =>
    !hasEntities && r.shape.breakdown?.by === by && inherited.length === 1;
  const inheritedWorkflows = base?.filters.workflows ?? [];
  const inheritedSenders = base?.filters.senders ?? [];
  const workflows = hasEntities
    ? compatibleWorkflows(r.names.workflows, measure, catalog)
    : ranksAll("workflow", inheritedWorkflows)
      ? []
      : compatibleWorkflows(inheritedWorkflows, measure, catalog);
  const senders = hasEntities
    ? r.names.senders
    : MEASURE_DEFS[measure].category === "email" && !ranksAll("sender", inheritedSenders)
      ? inheritedSenders
      : [];
  const category = hasEntities ? r.names.category : (base?.filters.category ?? null);
  let breakdown: Breakdown | null =
    r.shape.breakdown ?? (base && base.measure === measure ? base.breakdown : null);
  // One named workflow is not broken down by workflow ("and the Solleciti fatture one?").
  if (
    breakdown?.by === "workflow" &&
    r.names.workflows.length === 1 &&
    r.shape.breakdown === breakdown &&
    breakdown.limit === 1 &&
    !/\b(piu|most|meno|least|top)\b/.test(r.time.rest)
  )
    breakdown = base?.breakdown ?? null;
  // "a che ora è arrivato l'ultimo ordine?" asks for one instant, not a ranking of hours.
  if (
    MEASURE_DEFS[measure].unit === "instant" &&
    breakdown &&
    (breakdown.limit !== null || breakdown.by !== "workflow")
  )
    breakdown = null;
  // Counts of workflows are not broken down by workflow again.
  if (MEASURE_DEFS[measure].defaultPeriod === null) breakdown = null;
  const trend =
    r.shape.trend || (base?.trend === true && r.shape.breakdown === null && r.shape.compareAt < 0);
  const share =
    (r.measure.percent &&
      isCount(measure) &&
      (workflows.length > 0 || senders.length > 0 || category !== null)) ||
    (base?.share === true && !r.measure.percent && isCount(measure));
  const history = forecast && period?.kind === "last_n_days" ? period : null;
  let plan = draftPlan({
    kind: forecast ? "forecast" : "query",
    measure,
    filters: {
      workflows,
      category,
      status: r.measure.status ?? (base?.measure === measure ? base.filters.status : null),
      senders: [...senders],
      weekdays: r.time.weekdays ? [...r.time.weekdays] : (base?.filters.weekdays ?? null),
      hours: r.time.hours ?? base?.filters.hours ?? null,
    },
    period: forecast ? history : period,
    breakdown: forecast || trend ? null : breakdown,
    compare: forecast ? null : (compare ?? (base && r.shape.compareAt < 0 ? base.compare : null)),
    share,
    trend:
      !forecast &&
      trend &&
      MEASURE_DEFS[measure].unit !== "summary" &&
      MEASURE_DEFS[measure].unit !== "instant",
    horizonDays: forecast ? (r.time.horizonDays ?? base?.horizonDays ?? 7) : null,
  });
  // A comparison or a trend needs one figure per period: summaries compare their runs.
  if ((plan.compare || r.shape.trend) && MEASURE_DEFS[plan.measure].unit === "summary")
    plan = { ...plan, measure: "runs", trend: r.shape.trend && !forecast && !plan.breakdown };
  // "perché falliscono gli ordini?": the causes of failures of the order workflows.
  if (plan.breakdown?.by === "error_cause" && plan.measure !== "failures") {
    const kind = MEASURE_DEFS[plan.measure].category;
    plan = {
      ...plan,
      measure: "failures",
      filters: {
        ...plan.filters,
        category: plan.filters.category ?? (plan.filters.workflows.length ? null : kind),
      },
    };
  }
  return plan;
}

function editPlan(previous: DraftPlan, r: Reading, text: string, catalog: EntityCatalog): DraftPlan {
  // In a follow-up only the question's own words change the measure: "e il Customer support
  // inbox?" after a success rate asks for its success rate, not for its emails.
  const own = r.own.measure !== null && !r.own.weak ? r.own.measure : null;
  const stat = own === null ? statisticAfter(text, previous.measure) : null;
  let measure = own ?? stat ?? previous.measure;
  // "and how many failed?" after a question about orders asks for the orders that failed.
  if (previous.measure === "orders_received" && own === "failures") measure = "orders_failed";
  if (previous.measure === "orders_received" && own === "successes") measure = "orders_processed";
  // "which one had the most?" after a summary asks about runs.
  if (MEASURE_DEFS[measure].unit === "summary" && r.shape.breakdown) measure = "runs";
  const base = { ...previous, breakdown: previous.breakdown };
  // "which one" / "chi" after a question about senders breaks down by sender.
  if (r.shape.breakdown?.by === "workflow" && r.names.workflows.length === 0 && /\b(chi|who)\b/.test(text))
    return assemble(
      { ...r, shape: { ...r.shape, breakdown: { ...r.shape.breakdown, by: "sender" } } },
      measure,
      base,
      catalog,
    );
  return assemble(r, measure, base, catalog);
}
