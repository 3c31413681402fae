import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../graph/labels.ts";
import { previousRange, resolveWindow } from "../tools/timeWindows.ts";
import type { ToolResult } from "../tools/types.ts";
import { renderAnswer } from "./answers.ts";
import { findJargon } from "./jargon.ts";

const NOW = new Date("2026-11-18T10:00:00Z");
const week = resolveWindow({ kind: "last_n_days", n: 7 }, NOW, "UTC");
const today = resolveWindow({ kind: "today" }, NOW, "UTC");

const RESULTS: ToolResult[] = [
  { kind: "activity", range: today, runs: 0, successes: 0, failures: 0, emails: 0, orders: 0, busiest: null },
  {
    kind: "emails",
    range: today,
    received: 12,
    replied: 10,
    topSenders: [{ name: "Giulia Bianchi", count: 3 }],
  },
  { kind: "emails", range: today, received: 0, replied: 0, topSenders: [] },
  { kind: "orders", range: week, orders: 40, processed: 38, failed: 2, amount: 5230.5, currency: "EUR" },
  {
    kind: "errors",
    range: week,
    failures: 9,
    runs: 300,
    byWorkflow: [
      { name: "Sincronizzazione CRM", count: 6, cause: "credentials" },
      { name: "Ordini", count: 3, cause: null },
    ],
  },
  { kind: "errors", range: week, failures: 0, runs: 300, byWorkflow: [] },
  {
    kind: "performance",
    range: week,
    runs: 300,
    successes: 290,
    failures: 10,
    successRate: 290 / 300,
    averageSeconds: 4.2,
    mostReliable: { name: "Backup", successRate: 1, runs: 30 },
  },
  {
    kind: "performance",
    range: week,
    runs: 0,
    successes: 0,
    failures: 0,
    successRate: null,
    averageSeconds: null,
    mostReliable: null,
  },
  {
    kind: "overview",
    range: today,
    runs: 50,
    successes: 45,
    failures: 5,
    successRate: 0.9,
    activeWorkflows: 9,
  },
  {
    kind: "workflows",
    range: today,
    activeWorkflows: 9,
    totalWorkflows: 12,
    mostActive: [{ name: "Email", count: 20 }],
  },
  {
    kind: "comparison",
    subject: "runs",
    currentCount: 110,
    beforeCount: 100,
    range: week,
    previous: previousRange(week),
    current: { runs: 110, successes: 100, failures: 10 },
    before: { runs: 100, successes: 95, failures: 5 },
  },
  {
    kind: "trend",
    subject: "runs",
    range: week,
    series: [
      { day: "2026-11-16", runs: 40, failures: 1 },
      { day: "2026-11-17", runs: 60, failures: 2 },
    ],
    direction: "up",
    changePercent: 50,
  },
  {
    kind: "top_errors",
    range: week,
    failures: 9,
    causes: [{ workflow: "Ordini", cause: "timeout", count: 5 }],
  },
  {
    kind: "forecast",
    range: week,
    horizonDays: 7,
    series: [{ day: "2026-11-19", expected: 100, low: 90, high: 110 }],
    total: { expected: 700, low: 650, high: 760 },
    method: "seasonal_naive",
    historyDays: 28,
    subject: "orders",
  },
];

describe("renderAnswer", () => {
  for (const lang of LANGUAGES) {
    it.each(RESULTS.map((r) => [r.kind, r]))(`renders %s in ${lang} without jargon`, (_kind, result) => {
      const text = renderAnswer(result, lang);
      expect(text.length).toBeGreaterThan(20);
      expect(text.length).toBeLessThan(600);
      expect(findJargon(text)).toEqual([]);
    });
  }

  it("formats money, percentages and dates per locale", () => {
    const orders = RESULTS[3]!;
    expect(renderAnswer(orders, "it")).toContain("5.230,50 €");
    expect(renderAnswer(orders, "en")).toContain("€5,230.50");
    const perf = RESULTS[6]!;
    expect(renderAnswer(perf, "it")).toContain("96,7%");
    expect(renderAnswer(perf, "en")).toContain("96.7%");
    expect(renderAnswer(RESULTS[11]!, "it")).toContain("martedì 17 novembre");
    expect(renderAnswer(RESULTS[11]!, "en")).toContain("Tuesday 17 November");
  });

  it("names the most failing workflow and the cause in business words", () => {
    const text = renderAnswer(RESULTS[4]!, "en");
    expect(text).toContain("“Sincronizzazione CRM” (6 times)");
    expect(text).toContain("login details");
  });

  it("compares what was asked about, against the right period", () => {
    const todayVsYesterday = previousRange(today);
    const orders: ToolResult = {
      kind: "comparison",
      range: today,
      previous: todayVsYesterday,
      subject: "orders",
      currentCount: 12,
      beforeCount: 10,
      current: { runs: 300, successes: 290, failures: 10 },
      before: { runs: 280, successes: 270, failures: 10 },
    };
    expect(renderAnswer(orders, "it")).toBe(
      "Oggi: 12 ordini, 20% in più rispetto a martedì 17 novembre (10).",
    );
    expect(renderAnswer(orders, "en")).toBe("Today: 12 orders, 20% more than on Tuesday 17 November (10).");
    const week = { ...orders, range: resolveWindow({ kind: "this_week" }, NOW, "UTC") } as const;
    const lastWeek = { ...week, previous: previousRange(week.range) };
    expect(renderAnswer(lastWeek, "it")).toContain(
      "rispetto al periodo da lunedì 9 novembre a mercoledì 11 novembre",
    );
  });

  it("names the subject of a trend", () => {
    const trendOf = (subject: "emails" | "orders") => ({ ...RESULTS[11]!, subject }) as ToolResult;
    expect(renderAnswer(trendOf("orders"), "it")).toContain("l'andamento degli ordini è in crescita");
    expect(renderAnswer(trendOf("emails"), "en")).toContain("emails are growing");
  });

  it("explains how a forecast was made, with its range", () => {
    const it_ = renderAnswer(RESULTS[13]!, "it");
    expect(it_).toContain("circa 700 ordini (tra 650 e 760)");
    expect(it_).toContain("ultime 4 settimane");
  });
});

describe("findJargon", () => {
  it.each([
    ["The value is null", "programming value"],
    ["see execution_entity for details", "table name"],
    ["SELECT count(*) FROM x", "SQL"],
    ['{"runs": 3}', "JSON"],
    ["workflow aB3dE5fG7hJ9kL1m failed", "identifier"],
    ["node n8n-nodes-base.gmailTrigger", "node type"],
  ])("finds jargon in %j", (text, kind) => {
    expect(findJargon(text)).toContain(kind);
  });

  it("accepts plain business prose", () => {
    expect(findJargon("Oggi sono arrivate 12 email e 3 ordini.")).toEqual([]);
  });
});
