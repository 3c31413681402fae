import { describe, expect, it } from "vitest";
import { INTENTS, QUERY_TYPES } from "../graph/labels.ts";
import { loadSplit, parseDataset, toSessions, type EvalCase } from "./dataset.ts";

const line = (over: Record<string, unknown>) =>
  JSON.stringify({
    id: "dev-001",
    split: "dev",
    question: "ciao",
    language: "it",
    intent: "GREETING",
    queryType: null,
    window: null,
    tags: [],
    ...over,
  });

describe("parseDataset", () => {
  it("reads valid lines and skips blank ones", () => {
    expect(parseDataset(`${line({})}\n\n`)).toHaveLength(1);
  });

  it("rejects bad lines with their line number", () => {
    expect(() => parseDataset(`${line({})}\nnot json`)).toThrow(/:2: not JSON/);
    expect(() => parseDataset(line({ intent: "SMALLTALK" }))).toThrow(/:1: intent/);
    expect(() => parseDataset(line({ extra: 1 }))).toThrow(/:1:/);
  });

  it("enforces the label rules of data and non-data questions", () => {
    expect(() => parseDataset(line({ intent: "BUSINESS_DATA" }))).toThrow(/queryType and a window/);
    expect(() => parseDataset(line({ queryType: "EMAILS" }))).toThrow(/non-data/);
    expect(() => parseDataset(line({ conversation: "c1" }))).toThrow(/conversation and turn/);
    expect(() => parseDataset(`${line({})}\n${line({})}`)).toThrow(/duplicate id dev-001/);
  });
});

describe("toSessions", () => {
  it("plays conversation turns in order on one session and keeps other cases alone", () => {
    const cases = parseDataset(
      [
        line({ id: "dev-002", conversation: "c", turn: 2, question: "e ieri?" }),
        line({ id: "dev-001" }),
        line({ id: "dev-003", conversation: "c", turn: 1, question: "quanti errori oggi?" }),
      ].join("\n"),
    );
    const sessions = toSessions(cases);
    expect(sessions.map((s) => s.cases.map((c) => c.id))).toEqual([["dev-003", "dev-002"], ["dev-001"]]);
  });
});

const norm = (q: string) =>
  q
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

describe.each(["test", "dev"] as const)("the %s split", (split) => {
  const cases: EvalCase[] = loadSplit(split);

  it("is large enough and balanced between Italian and English", () => {
    expect(cases.length).toBeGreaterThanOrEqual(split === "test" ? 220 : 200);
    const it = cases.filter((c) => c.language === "it").length;
    expect(Math.abs(it / cases.length - 0.5)).toBeLessThan(0.06);
  });

  it("covers every intent, data queryType and window kind, and follow-up conversations", () => {
    for (const intent of INTENTS)
      expect(
        cases.some((c) => c.intent === intent),
        intent,
      ).toBe(true);
    for (const qt of QUERY_TYPES)
      expect(
        cases.some((c) => c.queryType === qt),
        qt,
      ).toBe(true);
    const kinds = new Set(cases.map((c) => c.window?.kind));
    for (const k of [
      "today",
      "yesterday",
      "last_n_days",
      "this_week",
      "last_week",
      "this_month",
      "last_month",
    ])
      expect(kinds.has(k as never), k).toBe(true);
    expect(toSessions(cases).filter((s) => s.cases.length > 1).length).toBeGreaterThanOrEqual(5);
  });
});

describe("the two splits", () => {
  it("share no wording", () => {
    const test = new Set(loadSplit("test").map((c) => norm(c.question)));
    const shared = loadSplit("dev").filter((c) => c.conversation === undefined && test.has(norm(c.question)));
    expect(shared.map((c) => c.question)).toEqual([]);
  });

  it("test covers typos, slang, upper case, mixed language and each kind of UNSAFE attempt", () => {
    const tags = new Set(loadSplit("test").flatMap((c) => c.tags));
    for (const t of [
      "typo",
      "slang",
      "upper-case",
      "mixed-language",
      "follow-up",
      "sql",
      "prompt-injection",
      "secrets",
      "other-users",
    ])
      expect(tags.has(t), t).toBe(true);
  });
});
