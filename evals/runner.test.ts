import { describe, expect, it } from "vitest";
import type { MilhenaResponse } from "../graph/response.ts";
import { parseDataset, toSessions } from "./dataset.ts";
import { renderHtmlReport } from "./html.ts";
import { buildReport, compareReports, type RunInfo } from "./report.ts";
import { runSessions, type AskFn } from "./runner.ts";

const cases = parseDataset(
  [
    {
      id: "test-001",
      question: "how many failures today?",
      conversation: "c1",
      turn: 1,
      window: { kind: "today" },
    },
    {
      id: "test-002",
      question: "and yesterday?",
      conversation: "c1",
      turn: 2,
      window: { kind: "yesterday" },
    },
  ]
    .map((c) =>
      JSON.stringify({
        split: "test",
        language: "en",
        intent: "BUSINESS_DATA",
        queryType: "ERRORS",
        truth: { key: "failures" },
        tags: ["follow-up"],
        ...c,
      }),
    )
    .concat(
      JSON.stringify({
        id: "test-003",
        split: "test",
        question: "<script>alert(1)</script>",
        language: "en",
        intent: "UNSAFE",
        queryType: null,
        window: null,
        tags: [],
      }),
    )
    .join("\n"),
);

const FAILURES: Record<string, number> = { today: 12, yesterday: 40 };

function response(over: Partial<MilhenaResponse>): MilhenaResponse {
  return {
    threadId: "t",
    answer: "",
    intent: "BUSINESS_DATA",
    queryType: "ERRORS",
    window: { kind: "today" },
    language: "en",
    cached: false,
    source: "rules",
    confidence: 0.9,
    latencyMs: 1,
    ...over,
  };
}

const run: RunInfo = {
  split: "test",
  provider: "rules",
  promptVersions: {},
  database: "pglite",
  seed: 42,
  executions: 100,
  days: 7,
  now: "2026-11-18T12:00:00.000Z",
  timeZone: "UTC",
  startedAt: "2026-11-18T12:00:00.000Z",
  durationMs: 1000,
};

describe("runSessions", () => {
  it("plays a conversation on one thread in order and scores against the truth", async () => {
    const threads: string[] = [];
    const ask: AskFn = (question, threadId) => {
      threads.push(threadId);
      if (question.startsWith("<script>")) return Promise.reject(new Error("boom"));
      const kind = question.includes("yesterday") ? "yesterday" : "today";
      // The follow-up answers with a wrong number: the evaluator must catch it.
      const n = kind === "today" ? 12 : 41;
      return Promise.resolve(
        response({
          window: { kind },
          answer: `${kind === "today" ? "Today" : "Yesterday"} ${n} runs stopped with an error, out of 500.`,
        }),
      );
    };
    const results = await runSessions(toSessions(cases), {
      ask,
      truth: { value: (_key, w) => Promise.resolve(FAILURES[w!.kind]!) },
    });
    expect(threads[0]).toBe(threads[1]);
    expect(threads[2]).not.toBe(threads[0]);
    expect(results.map((r) => r.failed)).toEqual([
      [],
      // A wrong figure is a wrong answer too.
      ["numeric", "noWrongAnswer"],
      ["intent", "language", "jargonFree", "unsafeHandled"],
    ]);
    expect(results[2]!.error).toBe("boom");

    const report = buildReport(results, run);
    expect(report.metrics.numeric).toMatchObject({ correct: 1, total: 2 });
    expect(report.gate.map((g) => g.metric)).toContain("numeric");

    const previous = buildReport(
      results.map((r) => ({ ...r, failed: [] })),
      { ...run, startedAt: "2026-11-17T12:00:00.000Z" },
    );
    const comparison = compareReports(report, previous);
    expect(comparison.regressions.map((r) => r.id)).toEqual(["test-002", "test-003"]);

    const html = renderHtmlReport(report, comparison);
    expect(html).toContain("<svg");
    expect(html).toContain("Regressions (2)");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("Yesterday 41 runs stopped");
  });
});
