import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SPLITS } from "./dataset.ts";
import { ExpectedPeriodSchema, ExpectedPlanSchema, PlanCaseSchema } from "./planCase.ts";
import { loadPlanSplit, parsePlanDataset } from "./planDataset.ts";

const line = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: "plans-dev-001",
    split: "dev",
    question: "quante email oggi?",
    language: "it",
    intent: "BUSINESS_DATA",
    expect: "answer",
    plan: { measure: "emails_received", period: { from: "2026-11-20", to: "2026-11-20" } },
    ...over,
  });

describe("parsePlanDataset", () => {
  it("reads valid lines, skips blank ones and defaults the tags", () => {
    const cases = parsePlanDataset(`${line()}\n\n   \n${line({ id: "plans-dev-002", tags: ["typo"] })}\n`);
    expect(cases.map((c) => c.id)).toEqual(["plans-dev-001", "plans-dev-002"]);
    expect(cases[0]!.tags).toEqual([]);
    expect(cases[1]!.tags).toEqual(["typo"]);
    expect(cases[0]!.plan).toEqual({
      measure: "emails_received",
      period: { from: "2026-11-20", to: "2026-11-20" },
    });
  });

  it("reports bad lines with their number and the source", () => {
    expect(() => parsePlanDataset(`${line()}\nnot json`, "plans-x.jsonl")).toThrow(
      /plans-x\.jsonl:2: not JSON/,
    );
    expect(() => parsePlanDataset(line({ intent: "GREETING" }))).toThrow(/:1: intent/);
    expect(() => parsePlanDataset(line({ plan: { measure: "revenue" } }))).toThrow(/:1: plan\.measure/);
  });

  it("reports every bad line at once", () => {
    let message = "";
    try {
      parsePlanDataset(`not json\n${line()}\n${line({ id: "plans-dev-002", language: "de" })}`);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/:1: not JSON/);
    expect(message).toMatch(/:3: language/);
    expect(message).not.toMatch(/:2:/);
  });

  it("rejects duplicate ids", () => {
    expect(() => parsePlanDataset(`${line()}\n${line()}`)).toThrow(/duplicate id plans-dev-001/);
  });

  it("rejects ids that are not plans ids", () => {
    expect(() => parsePlanDataset(line({ id: "dev-001" }))).toThrow(/:1: id/);
    expect(() => parsePlanDataset(line({ id: "plans-dev-1" }))).toThrow(/:1: id/);
  });

  it("needs a measure for an answer case, but not for clarify and cannot cases", () => {
    expect(() => parsePlanDataset(line({ plan: undefined }))).toThrow(/needs a plan with a measure/);
    expect(() => parsePlanDataset(line({ plan: { period: null } }))).toThrow(/needs a plan with a measure/);
    expect(
      parsePlanDataset(line({ expect: "clarify", plan: undefined, candidates: ["Laura Conti"] })),
    ).toHaveLength(1);
    expect(parsePlanDataset(line({ expect: "cannot", plan: { measure: "orders_received" } }))).toHaveLength(
      1,
    );
    expect(() => parsePlanDataset(line({ expect: "maybe" }))).toThrow(/:1: expect/);
  });

  it("keeps conversation and turn together", () => {
    expect(() => parsePlanDataset(line({ conversation: "c1" }))).toThrow(/conversation and turn go together/);
    expect(() => parsePlanDataset(line({ turn: 2 }))).toThrow(/conversation and turn go together/);
    expect(parsePlanDataset(line({ conversation: "c1", turn: 1 }))[0]!.turn).toBe(1);
    expect(() => parsePlanDataset(line({ conversation: "c1", turn: 0 }))).toThrow(/:1: turn/);
  });

  it("rejects unknown fields in the case and in the plan", () => {
    expect(() => parsePlanDataset(line({ window: { kind: "today" } }))).toThrow(/:1:/);
    expect(() => parsePlanDataset(line({ plan: { measure: "runs", limit: 3 } }))).toThrow(/:1:/);
    expect(() =>
      parsePlanDataset(line({ plan: { measure: "runs", breakdown: { by: "workflow", top: 3 } } })),
    ).toThrow(/:1:/);
  });
});

describe("the expected plan's schema", () => {
  it("takes the three kinds of period and nothing else", () => {
    expect(ExpectedPeriodSchema.safeParse({ from: "2026-11-01", to: "2026-11-30" }).success).toBe(true);
    expect(ExpectedPeriodSchema.safeParse({ hours: 2 }).success).toBe(true);
    expect(ExpectedPeriodSchema.safeParse({ all: true }).success).toBe(true);
    expect(ExpectedPeriodSchema.safeParse({ all: false }).success).toBe(false);
    expect(ExpectedPeriodSchema.safeParse({ hours: 0 }).success).toBe(false);
    expect(ExpectedPeriodSchema.safeParse({ from: "1 Nov", to: "2026-11-30" }).success).toBe(false);
    expect(ExpectedPeriodSchema.safeParse({ from: "2026-11-01", to: "2026-11-30", hours: 2 }).success).toBe(
      false,
    );
    expect(ExpectedPeriodSchema.safeParse({ kind: "today" }).success).toBe(false);
  });

  it("checks filters, breakdowns and forecasts", () => {
    const ok = (plan: unknown) => ExpectedPlanSchema.safeParse(plan).success;
    expect(
      ok({ measure: "runs", hours: [6, 12], weekdays: [6, 7], status: "failed", category: "order" }),
    ).toBe(true);
    expect(ok({ measure: "runs", hours: [6, 25] })).toBe(false);
    expect(ok({ measure: "runs", weekdays: [0] })).toBe(false);
    expect(ok({ measure: "runs", status: "error" })).toBe(false);
    expect(ok({ measure: "runs", category: "shop" })).toBe(false);
    expect(ok({ measure: "runs", workflows: [""] })).toBe(false);
    expect(ok({ measure: "runs", breakdown: { by: "workflow", order: "asc", limit: 1 } })).toBe(true);
    expect(ok({ measure: "runs", breakdown: { by: "country" } })).toBe(false);
    expect(ok({ measure: "runs", breakdown: { by: "workflow", limit: 0 } })).toBe(false);
    expect(ok({ measure: "runs", forecastDays: 7 })).toBe(true);
    expect(ok({ measure: "runs", forecastDays: 60 })).toBe(false);
    expect(ok({ measure: "runs", compare: { from: "2026-11-01", to: "2026-11-07" } })).toBe(true);
    expect(ok({ measure: "runs", period: null })).toBe(true);
  });

  it("accepts only the data intents", () => {
    const base = JSON.parse(line()) as Record<string, unknown>;
    for (const intent of ["BUSINESS_DATA", "ANALYSIS", "PREDICTION"])
      expect(PlanCaseSchema.safeParse({ ...base, intent }).success).toBe(true);
    for (const intent of ["GREETING", "HELP", "GENERAL", "UNSAFE"])
      expect(PlanCaseSchema.safeParse({ ...base, intent }).success).toBe(false);
  });
});

describe("loadPlanSplit", () => {
  let dir = "";
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = "";
  });

  it("reads plans-<split>.jsonl from a directory", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-plans-"));
    fs.writeFileSync(path.join(dir, "plans-dev.jsonl"), `${line()}\n`);
    expect(loadPlanSplit("dev", dir).map((c) => c.id)).toEqual(["plans-dev-001"]);
  });

  it("rejects a case of another split and names the file", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-plans-"));
    const file = path.join(dir, "plans-test.jsonl");
    fs.writeFileSync(file, `${line({ id: "plans-test-001" })}\n`);
    expect(() => loadPlanSplit("test", dir)).toThrow(/case plans-test-001 belongs to split dev/);
    expect(() => loadPlanSplit("test", dir)).toThrow(file);
  });

  it("names the file of a bad line", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-plans-"));
    const file = path.join(dir, "plans-dev.jsonl");
    fs.writeFileSync(file, `${line()}\n{`);
    expect(() => loadPlanSplit("dev", dir)).toThrow(`${file}:2: not JSON`);
  });
});

describe.each(SPLITS)("the %s plans dataset", (split) => {
  const cases = loadPlanSplit(split);

  it("loads, with ids of its own split", () => {
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) expect(c.id.startsWith(`plans-${split}-`), c.id).toBe(true);
  });

  it("has both languages and every kind of expectation", () => {
    const languages = new Set(cases.map((c) => c.language));
    expect([...languages].sort()).toEqual(["en", "it"]);
    const expectations = new Set(cases.map((c) => c.expect));
    expect([...expectations].sort()).toEqual(["answer", "cannot", "clarify"]);
  });

  it("labels periods, comparisons and hours that are in order", () => {
    for (const c of cases) {
      const p = c.plan?.period;
      if (p && "from" in p) expect(p.from <= p.to, c.id).toBe(true);
      const cmp = c.plan?.compare;
      if (cmp) expect(cmp.from <= cmp.to, c.id).toBe(true);
      const h = c.plan?.hours;
      if (h) expect(h[0] < h[1], c.id).toBe(true);
    }
  });

  it("numbers each conversation's turns from 1 without gaps", () => {
    const turns = new Map<string, number[]>();
    for (const c of cases)
      if (c.conversation) turns.set(c.conversation, [...(turns.get(c.conversation) ?? []), c.turn!]);
    expect(turns.size).toBeGreaterThan(0);
    for (const [conversation, ts] of turns)
      expect(
        [...ts].sort((a, b) => a - b),
        conversation,
      ).toEqual(ts.map((_, i) => i + 1));
  });
});
