import type pg from "pg";
import { defaultWindow, FORECAST_HISTORY_DAYS, type Classification } from "../graph/labels.ts";
import { classifyErrorMessage } from "./errorCauses.ts";
import { fillDays, forecastDaily } from "./forecast.ts";
import { withReadOnlyTransaction, type QueryParam, type TemplateQuery } from "./readOnlyQuery.ts";
import type { SqlCatalogue, SqlTemplate } from "./sqlCatalogue.ts";
import {
  addDays,
  civilDateOf,
  formatCivil,
  previousRange,
  rangeFromDays,
  resolveWindow,
} from "./timeWindows.ts";
import type { DayPoint, NamedCount, ResolvedRange, RunCounts, SeriesSubject, ToolResult } from "./types.ts";

export interface BusinessToolDeps {
  readonly pool: pg.Pool;
  readonly sql: SqlCatalogue;
  readonly timeZone: string;
  readonly statementTimeoutMs: number;
  readonly maxRows: number;
}

const TOP = 5;
const FORECAST_HORIZON_DAYS = 7;
const RELIABLE_MIN_RUNS = 5;

type Row = Record<string, unknown>;
/** One read-only transaction's query function and the catalogue it may run. */
interface Db {
  readonly query: TemplateQuery;
  readonly sql: SqlCatalogue;
}
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** Daily-metric templates take the window's first and last local day. */
function dayParams(range: ResolvedRange): [string, string] {
  return [range.firstDay, range.lastDay];
}

/** Per-execution templates take the window's instants [from, to). */
function instantParams(range: ResolvedRange): [string, string] {
  return [range.from, range.to];
}

async function runCounts(
  db: Db,
  range: ResolvedRange,
): Promise<RunCounts & { averageSeconds: number | null }> {
  const [row] = await db.query<Row>(db.sql.runCounts, dayParams(range));
  return {
    runs: num(row?.runs),
    successes: num(row?.successes),
    failures: num(row?.failures),
    averageSeconds: numOrNull(row?.average_seconds),
  };
}

async function namedCounts(
  db: Db,
  template: SqlTemplate,
  params: readonly QueryParam[],
): Promise<NamedCount[]> {
  const rows = await db.query<Row>(template, params);
  return rows.map((r) => ({ name: str(r.name), count: num(r.count) }));
}

async function businessCounts(db: Db, range: ResolvedRange) {
  const [row] = await db.query<Row>(db.sql.businessCounts, dayParams(range));
  return {
    emails: num(row?.emails),
    replies: num(row?.replies),
    orders: num(row?.orders),
    processedOrders: num(row?.processed_orders),
    failedOrders: num(row?.failed_orders),
    amount: num(row?.amount),
  };
}

/** What a trend or forecast counts, from the question's topic. */
function subjectOf(c: Classification): SeriesSubject {
  return c.queryType === "EMAILS"
    ? "emails"
    : c.queryType === "ORDERS"
      ? "orders"
      : c.queryType === "ERRORS"
        ? "failures"
        : "runs";
}

function successRate(c: RunCounts): number | null {
  const finished = c.successes + c.failures;
  return finished === 0 ? null : c.successes / finished;
}

async function dailySeries(db: Db, range: ResolvedRange, subject: SeriesSubject): Promise<DayPoint[]> {
  const rows = await db.query<Row>(db.sql.dailyRuns, dayParams(range));
  // The series counts the subject in `runs`; failures stay alongside.
  const points = rows.map((r) => ({ day: str(r.day), runs: num(r[subject]), failures: num(r.failures) }));
  return fillDays(points, range.firstDay, range.lastDay);
}

async function businessData(db: Db, c: Classification, range: ResolvedRange): Promise<ToolResult> {
  switch (c.queryType) {
    case "EMAILS": {
      const counts = await businessCounts(db, range);
      const topSenders = await namedCounts(db, db.sql.topSenders, [...instantParams(range), 3]);
      return { kind: "emails", range, received: counts.emails, replied: counts.replies, topSenders };
    }
    case "ORDERS": {
      const counts = await businessCounts(db, range);
      const [currency] = await db.query<Row>(db.sql.orderCurrency);
      return {
        kind: "orders",
        range,
        orders: counts.orders,
        processed: counts.processedOrders,
        failed: counts.failedOrders,
        amount: counts.amount,
        currency: str(currency?.currency) || "EUR",
      };
    }
    case "ERRORS": {
      const counts = await runCounts(db, range);
      const failing = await namedCounts(db, db.sql.failingWorkflows, [...dayParams(range), TOP]);
      const messages = await db.query<Row>(db.sql.errorMessages, [...instantParams(range), 200]);
      const byWorkflow = failing.map((w) => {
        const top = messages.find((m) => str(m.workflow) === w.name);
        return { ...w, cause: top ? classifyErrorMessage(str(top.message)) : null };
      });
      return { kind: "errors", range, failures: counts.failures, runs: counts.runs, byWorkflow };
    }
    case "PERFORMANCE": {
      const counts = await runCounts(db, range);
      const [best] = await db.query<Row>(db.sql.reliableWorkflows, [
        ...dayParams(range),
        RELIABLE_MIN_RUNS,
        1,
      ]);
      return {
        kind: "performance",
        range,
        runs: counts.runs,
        successes: counts.successes,
        failures: counts.failures,
        successRate: successRate(counts),
        averageSeconds: counts.averageSeconds,
        mostReliable: best
          ? { name: str(best.name), successRate: num(best.success_rate), runs: num(best.runs) }
          : null,
      };
    }
    case "OVERVIEW": {
      const counts = await runCounts(db, range);
      const [wf] = await db.query<Row>(db.sql.workflowCounts);
      return {
        kind: "overview",
        range,
        runs: counts.runs,
        successes: counts.successes,
        failures: counts.failures,
        successRate: successRate(counts),
        activeWorkflows: num(wf?.active),
      };
    }
    case "WORKFLOWS": {
      const [wf] = await db.query<Row>(db.sql.workflowCounts);
      const mostActive = await namedCounts(db, db.sql.busiestWorkflows, [...dayParams(range), 3]);
      return {
        kind: "workflows",
        range,
        activeWorkflows: num(wf?.active),
        totalWorkflows: num(wf?.total),
        mostActive,
      };
    }
    case "TODAY_ACTIVITY":
    case null: {
      const counts = await runCounts(db, range);
      const business = await businessCounts(db, range);
      const [busiest] = await namedCounts(db, db.sql.busiestWorkflows, [...dayParams(range), 1]);
      return {
        kind: "activity",
        range,
        runs: counts.runs,
        successes: counts.successes,
        failures: counts.failures,
        emails: business.emails,
        orders: business.orders,
        busiest: busiest ?? null,
      };
    }
  }
}

async function analysis(db: Db, c: Classification, range: ResolvedRange, today: string): Promise<ToolResult> {
  if (c.analysis === "trend") {
    const subject = subjectOf(c);
    const series = await dailySeries(db, range, subject);
    // Today is not over yet: the direction compares complete days only.
    const complete = series.at(-1)?.day === today ? series.slice(0, -1) : series;
    const half = Math.floor(complete.length / 2);
    const sum = (xs: readonly DayPoint[]) => xs.reduce((a, p) => a + p.runs, 0);
    const first = sum(complete.slice(0, half));
    const second = sum(complete.slice(complete.length - half));
    const changePercent = first === 0 ? null : ((second - first) / first) * 100;
    const direction =
      changePercent === null
        ? second > 0
          ? "up"
          : "flat"
        : changePercent > 5
          ? "up"
          : changePercent < -5
            ? "down"
            : "flat";
    return { kind: "trend", range, subject, series, direction, changePercent };
  }
  if (c.analysis === "top_errors") {
    const counts = await runCounts(db, range);
    const rows = await db.query<Row>(db.sql.errorMessages, [...instantParams(range), 200]);
    const grouped = new Map<
      string,
      { workflow: string; cause: ReturnType<typeof classifyErrorMessage>; count: number }
    >();
    for (const r of rows) {
      const cause = classifyErrorMessage(str(r.message));
      const key = `${str(r.workflow)}\u0000${cause}`;
      const entry = grouped.get(key) ?? { workflow: str(r.workflow), cause, count: 0 };
      entry.count += num(r.count);
      grouped.set(key, entry);
    }
    const causes = [...grouped.values()]
      .sort((a, b) => b.count - a.count || a.workflow.localeCompare(b.workflow))
      .slice(0, TOP);
    return { kind: "top_errors", range, failures: counts.failures, causes };
  }
  const previous = previousRange(range);
  const current = await runCounts(db, range);
  const before = await runCounts(db, previous);
  const subject = subjectOf(c);
  const countOf = async (r: ResolvedRange, counts: RunCounts) => {
    if (subject === "runs") return counts.runs;
    if (subject === "failures") return counts.failures;
    const business = await businessCounts(db, r);
    return subject === "emails" ? business.emails : business.orders;
  };
  return {
    kind: "comparison",
    range,
    previous,
    subject,
    currentCount: await countOf(range, current),
    beforeCount: await countOf(previous, before),
    current: { runs: current.runs, successes: current.successes, failures: current.failures },
    before: { runs: before.runs, successes: before.successes, failures: before.failures },
  };
}

async function prediction(db: Db, c: Classification, now: Date, timeZone: string): Promise<ToolResult> {
  const today = civilDateOf(now, timeZone);
  const historyDays = c.window?.kind === "last_n_days" ? Math.max(7, c.window.n) : FORECAST_HISTORY_DAYS;
  // Only complete days feed the forecast: the history ends yesterday.
  const history = rangeFromDays(
    { kind: "last_n_days", n: historyDays },
    addDays(today, -historyDays),
    addDays(today, -1),
    timeZone,
  );
  const subject = subjectOf(c);
  const series = await dailySeries(db, history, subject);
  const forecast = forecastDaily(series, FORECAST_HORIZON_DAYS);
  return {
    kind: "forecast",
    range: history,
    horizonDays: FORECAST_HORIZON_DAYS,
    series: forecast.series,
    total: forecast.total,
    method: forecast.method,
    historyDays,
    subject,
  };
}

/** Answers one data question (BUSINESS_DATA, ANALYSIS or PREDICTION) with facts from SQL. */
export async function runBusinessTool(
  deps: BusinessToolDeps,
  c: Classification,
  now: Date,
): Promise<ToolResult> {
  const window = c.window ?? defaultWindow(c.intent, c.queryType, c.analysis);
  const range = resolveWindow(window, now, deps.timeZone);
  return withReadOnlyTransaction(
    deps.pool,
    { statementTimeoutMs: deps.statementTimeoutMs, maxRows: deps.maxRows },
    (query) => {
      const db: Db = { query, sql: deps.sql };
      if (c.intent === "PREDICTION") return prediction(db, c, now, deps.timeZone);
      if (c.intent === "ANALYSIS")
        return analysis(db, c, range, formatCivil(civilDateOf(now, deps.timeZone)));
      return businessData(db, c, range);
    },
  );
}
