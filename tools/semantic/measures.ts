import type { QueryType } from "../../graph/labels.ts";
import type { Category, MeasureName, PeriodSpec } from "../../graph/plan.ts";
import type { SourceName } from "./sources.ts";

/**
 * Every measure Milhena can compute, declared once: its unit, names in both languages, the label
 * family it belongs to, the period it uses when the question names none, and its SQL over each
 * source that can serve it (an aggregate expression and the rows it counts). Summary measures
 * (`activity`, `overview`) are bundles of others, put together by the executor.
 */
export type MeasureUnit = "count" | "ratio" | "seconds" | "money" | "instant" | "summary";

export interface MeasureSql {
  /** Aggregate expression over the source's alias. */
  readonly value: string;
  /** Which rows count (added to WHERE). */
  readonly where?: string;
  /** Money measures are computed per currency: this column tells it. */
  readonly currency?: string;
}

export interface MeasureDef {
  readonly name: MeasureName;
  readonly unit: MeasureUnit;
  /** What is counted, in a sentence ("email", "orders processed"), singular and plural. */
  readonly noun: { readonly it: readonly [string, string]; readonly en: readonly [string, string] };
  readonly queryType: QueryType;
  /** The period when the question names none; null: no period (the workflow inventory). */
  readonly defaultPeriod: PeriodSpec | null;
  /** The kind of workflow that produces it (null: any workflow). */
  readonly category: Category | null;
  readonly sql: Partial<Record<SourceName, MeasureSql>>;
}

const TODAY: PeriodSpec = { kind: "today" };
const LAST_30: PeriodSpec = { kind: "last_n_days", n: 30 };
const ALL: PeriodSpec = { kind: "all_time" };

const FAILED_F = `f.status IN ('error', 'crashed')`;
const FINISHED_F = `f.status IN ('success', 'error', 'crashed')`;
const SECONDS_F = `GREATEST(0, EXTRACT(EPOCH FROM (f.stopped_at - f.started_at)))`;
const EMAIL_F = `f.category = 'email' AND f.email_sender IS NOT NULL`;
const REPLY_F = `${EMAIL_F} AND coalesce(f.ai_reply, '') <> ''`;
const ORDER_F = `f.category = 'order' AND f.order_id IS NOT NULL`;
const VALUED_F = `${ORDER_F} AND f.order_amount IS NOT NULL`;
const LEAD_F = `f.category = 'lead' AND f.lead_contact IS NOT NULL`;
const CURRENCY_F = `coalesce(f.order_currency, '')`;

const ratio = (part: string, whole: string) => `(${part})::float8 / NULLIF(${whole}, 0)`;
const noun = (it: [string, string], en: [string, string]) => ({ it, en });

export const MEASURE_DEFS: Readonly<Record<MeasureName, MeasureDef>> = {
  runs: {
    name: "runs",
    unit: "count",
    noun: noun(["esecuzione", "esecuzioni"], ["run", "runs"]),
    queryType: "TODAY_ACTIVITY",
    defaultPeriod: TODAY,
    category: null,
    sql: { hourly: { value: "sum(h.runs)" }, facts: { value: "count(*)" } },
  },
  successes: {
    name: "successes",
    unit: "count",
    noun: noun(["esecuzione riuscita", "esecuzioni riuscite"], ["successful run", "successful runs"]),
    queryType: "PERFORMANCE",
    defaultPeriod: TODAY,
    category: null,
    sql: {
      hourly: { value: "sum(h.successes)" },
      facts: { value: "count(*)", where: "f.status = 'success'" },
    },
  },
  failures: {
    name: "failures",
    unit: "count",
    noun: noun(["interruzione per errore", "interruzioni per errore"], ["failure", "failures"]),
    queryType: "ERRORS",
    defaultPeriod: TODAY,
    category: null,
    sql: {
      hourly: { value: "sum(h.failures)" },
      errors: { value: "sum(e.failures)" },
      facts: { value: "count(*)", where: FAILED_F },
    },
  },
  success_rate: {
    name: "success_rate",
    unit: "ratio",
    noun: noun(["tasso di successo", "tasso di successo"], ["success rate", "success rate"]),
    queryType: "PERFORMANCE",
    defaultPeriod: LAST_30,
    category: null,
    sql: {
      hourly: { value: ratio("sum(h.successes)", "sum(h.successes) + sum(h.failures)") },
      facts: {
        value: ratio("count(*) FILTER (WHERE f.status = 'success')", `count(*) FILTER (WHERE ${FINISHED_F})`),
      },
    },
  },
  failure_rate: {
    name: "failure_rate",
    unit: "ratio",
    noun: noun(["tasso di errore", "tasso di errore"], ["failure rate", "failure rate"]),
    queryType: "PERFORMANCE",
    defaultPeriod: LAST_30,
    category: null,
    sql: {
      hourly: { value: ratio("sum(h.failures)", "sum(h.successes) + sum(h.failures)") },
      facts: {
        value: ratio(`count(*) FILTER (WHERE ${FAILED_F})`, `count(*) FILTER (WHERE ${FINISHED_F})`),
      },
    },
  },
  avg_duration: {
    name: "avg_duration",
    unit: "seconds",
    noun: noun(["durata media", "durata media"], ["average duration", "average duration"]),
    queryType: "PERFORMANCE",
    defaultPeriod: LAST_30,
    category: null,
    sql: {
      hourly: { value: "sum(h.seconds_total) / NULLIF(sum(h.timed_runs), 0)" },
      facts: { value: `avg(${SECONDS_F})`, where: "f.stopped_at IS NOT NULL" },
    },
  },
  max_duration: {
    name: "max_duration",
    unit: "seconds",
    noun: noun(["esecuzione più lunga", "esecuzioni più lunghe"], ["longest run", "longest runs"]),
    queryType: "PERFORMANCE",
    defaultPeriod: LAST_30,
    category: null,
    sql: {
      hourly: { value: "max(h.seconds_max)" },
      facts: { value: `max(${SECONDS_F})`, where: "f.stopped_at IS NOT NULL" },
    },
  },
  emails_received: {
    name: "emails_received",
    unit: "count",
    noun: noun(["email", "email"], ["email", "emails"]),
    queryType: "EMAILS",
    defaultPeriod: TODAY,
    category: "email",
    sql: {
      hourly: { value: "sum(h.emails)" },
      senders: { value: "sum(s.emails)" },
      facts: { value: "count(*)", where: EMAIL_F },
    },
  },
  replies_drafted: {
    name: "replies_drafted",
    unit: "count",
    noun: noun(["risposta preparata", "risposte preparate"], ["reply drafted", "replies drafted"]),
    queryType: "EMAILS",
    defaultPeriod: TODAY,
    category: "email",
    sql: {
      hourly: { value: "sum(h.replies)" },
      senders: { value: "sum(s.replies)" },
      facts: { value: "count(*)", where: REPLY_F },
    },
  },
  reply_rate: {
    name: "reply_rate",
    unit: "ratio",
    noun: noun(["quota di email con risposta", "quota di email con risposta"], ["reply rate", "reply rate"]),
    queryType: "EMAILS",
    defaultPeriod: LAST_30,
    category: "email",
    sql: {
      hourly: { value: ratio("sum(h.replies)", "sum(h.emails)") },
      senders: { value: ratio("sum(s.replies)", "sum(s.emails)") },
      facts: { value: ratio(`count(*) FILTER (WHERE ${REPLY_F})`, "count(*)"), where: EMAIL_F },
    },
  },
  distinct_senders: {
    name: "distinct_senders",
    unit: "count",
    noun: noun(["mittente diverso", "mittenti diversi"], ["different sender", "different senders"]),
    queryType: "EMAILS",
    defaultPeriod: TODAY,
    category: "email",
    sql: {
      senders: { value: "count(DISTINCT s.sender)" },
      facts: { value: "count(DISTINCT f.email_sender)", where: EMAIL_F },
    },
  },
  orders_received: {
    name: "orders_received",
    unit: "count",
    noun: noun(["ordine", "ordini"], ["order", "orders"]),
    queryType: "ORDERS",
    defaultPeriod: TODAY,
    category: "order",
    sql: { hourly: { value: "sum(h.orders)" }, facts: { value: "count(*)", where: ORDER_F } },
  },
  orders_processed: {
    name: "orders_processed",
    unit: "count",
    noun: noun(["ordine elaborato", "ordini elaborati"], ["order processed", "orders processed"]),
    queryType: "ORDERS",
    defaultPeriod: TODAY,
    category: "order",
    sql: {
      hourly: { value: "sum(h.orders_processed)" },
      facts: { value: "count(*)", where: `${ORDER_F} AND f.status = 'success'` },
    },
  },
  orders_failed: {
    name: "orders_failed",
    unit: "count",
    noun: noun(
      ["ordine non andato a buon fine", "ordini non andati a buon fine"],
      ["failed order", "failed orders"],
    ),
    queryType: "ORDERS",
    defaultPeriod: TODAY,
    category: "order",
    sql: {
      hourly: { value: "sum(h.orders_failed)" },
      facts: { value: "count(*)", where: `${ORDER_F} AND ${FAILED_F}` },
    },
  },
  order_value_sum: {
    name: "order_value_sum",
    unit: "money",
    noun: noun(
      ["valore totale degli ordini", "valore totale degli ordini"],
      ["total order value", "total order value"],
    ),
    queryType: "ORDERS",
    defaultPeriod: TODAY,
    category: "order",
    sql: {
      hourly: { value: "sum(h.amount_sum)", where: "h.orders_valued > 0", currency: "h.currency" },
      facts: { value: "sum(f.order_amount)", where: VALUED_F, currency: CURRENCY_F },
    },
  },
  order_value_avg: {
    name: "order_value_avg",
    unit: "money",
    noun: noun(
      ["valore medio di un ordine", "valore medio di un ordine"],
      ["average order value", "average order value"],
    ),
    queryType: "ORDERS",
    defaultPeriod: LAST_30,
    category: "order",
    sql: {
      hourly: {
        value: "sum(h.amount_sum) / NULLIF(sum(h.orders_valued), 0)",
        where: "h.orders_valued > 0",
        currency: "h.currency",
      },
      facts: { value: "avg(f.order_amount)", where: VALUED_F, currency: CURRENCY_F },
    },
  },
  order_value_min: {
    name: "order_value_min",
    unit: "money",
    noun: noun(["ordine più piccolo", "ordini più piccoli"], ["smallest order", "smallest orders"]),
    queryType: "ORDERS",
    defaultPeriod: LAST_30,
    category: "order",
    sql: {
      hourly: { value: "min(h.amount_min)", where: "h.orders_valued > 0", currency: "h.currency" },
      facts: { value: "min(f.order_amount)", where: VALUED_F, currency: CURRENCY_F },
    },
  },
  order_value_max: {
    name: "order_value_max",
    unit: "money",
    noun: noun(["ordine più grande", "ordini più grandi"], ["largest order", "largest orders"]),
    queryType: "ORDERS",
    defaultPeriod: LAST_30,
    category: "order",
    sql: {
      hourly: { value: "max(h.amount_max)", where: "h.orders_valued > 0", currency: "h.currency" },
      facts: { value: "max(f.order_amount)", where: VALUED_F, currency: CURRENCY_F },
    },
  },
  leads: {
    name: "leads",
    unit: "count",
    noun: noun(["contatto acquisito", "contatti acquisiti"], ["lead", "leads"]),
    queryType: "TODAY_ACTIVITY",
    defaultPeriod: TODAY,
    category: "lead",
    sql: { hourly: { value: "sum(h.leads)" }, facts: { value: "count(*)", where: LEAD_F } },
  },
  latest_run: {
    name: "latest_run",
    unit: "instant",
    noun: noun(["ultima esecuzione", "ultime esecuzioni"], ["latest run", "latest runs"]),
    queryType: "TODAY_ACTIVITY",
    defaultPeriod: ALL,
    category: null,
    sql: { facts: { value: "max(f.started_at)" } },
  },
  latest_failure: {
    name: "latest_failure",
    unit: "instant",
    noun: noun(
      ["ultima interruzione per errore", "ultime interruzioni"],
      ["latest failure", "latest failures"],
    ),
    queryType: "ERRORS",
    defaultPeriod: ALL,
    category: null,
    sql: { facts: { value: "max(f.started_at)", where: FAILED_F } },
  },
  latest_email: {
    name: "latest_email",
    unit: "instant",
    noun: noun(["ultima email", "ultime email"], ["latest email", "latest emails"]),
    queryType: "EMAILS",
    defaultPeriod: ALL,
    category: "email",
    sql: { facts: { value: "max(f.started_at)", where: EMAIL_F } },
  },
  latest_order: {
    name: "latest_order",
    unit: "instant",
    noun: noun(["ultimo ordine", "ultimi ordini"], ["latest order", "latest orders"]),
    queryType: "ORDERS",
    defaultPeriod: ALL,
    category: "order",
    sql: { facts: { value: "max(f.started_at)", where: ORDER_F } },
  },
  latest_lead: {
    name: "latest_lead",
    unit: "instant",
    noun: noun(["ultimo contatto", "ultimi contatti"], ["latest lead", "latest leads"]),
    queryType: "TODAY_ACTIVITY",
    defaultPeriod: ALL,
    category: "lead",
    sql: { facts: { value: "max(f.started_at)", where: LEAD_F } },
  },
  active_workflows: {
    name: "active_workflows",
    unit: "count",
    noun: noun(["processo attivo", "processi attivi"], ["active automation", "active automations"]),
    queryType: "WORKFLOWS",
    defaultPeriod: null,
    category: null,
    sql: { workflows: { value: "count(*)", where: `w.active AND NOT w."isArchived"` } },
  },
  workflows_total: {
    name: "workflows_total",
    unit: "count",
    noun: noun(["processo configurato", "processi configurati"], ["automation set up", "automations set up"]),
    queryType: "WORKFLOWS",
    defaultPeriod: null,
    category: null,
    sql: { workflows: { value: "count(*)", where: `NOT w."isArchived"` } },
  },
  activity: {
    name: "activity",
    unit: "summary",
    noun: noun(["attività", "attività"], ["activity", "activity"]),
    queryType: "TODAY_ACTIVITY",
    defaultPeriod: TODAY,
    category: null,
    sql: {},
  },
  overview: {
    name: "overview",
    unit: "summary",
    noun: noun(["situazione", "situazione"], ["overview", "overview"]),
    queryType: "OVERVIEW",
    defaultPeriod: TODAY,
    category: null,
    sql: {},
  },
};

export function measureDef(name: MeasureName): MeasureDef {
  return MEASURE_DEFS[name];
}

/** Counts can be summed, compared and asked as a share; other units cannot. */
export const isCount = (name: MeasureName): boolean => MEASURE_DEFS[name].unit === "count";
