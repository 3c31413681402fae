import { describe, expect, it, vi } from "vitest";
import type { EvalCase } from "./dataset.ts";
import { langsmithPlan, runLangsmith } from "./langsmith.ts";
import type { CaseResult } from "./runner.ts";

/** The real SDK is replaced: these tests check the wiring, not the service. */
const sdk = vi.hoisted(() => ({
  created: [] as unknown[],
  evaluateCalls: [] as {
    data: unknown;
    experimentPrefix: unknown;
    evaluators: unknown[];
    outputs: unknown;
  }[],
}));

vi.mock("langsmith", () => ({
  Client: class {
    hasDataset() {
      return Promise.resolve(false);
    }
    createDataset() {
      return Promise.resolve({ id: "ds-1" });
    }
    readDataset() {
      return Promise.resolve({ id: "ds-1" });
    }
    async *listExamples() {}
    createExamples(list: unknown[]) {
      sdk.created.push(...list);
      return Promise.resolve([]);
    }
    updateExamples() {
      return Promise.resolve({});
    }
  },
}));

vi.mock("langsmith/evaluation", () => ({
  evaluate: async (
    target: (inputs: Record<string, unknown>) => unknown,
    options: { data: unknown; experimentPrefix: unknown; evaluators: unknown[] },
  ) => {
    const outputs = await target({ caseId: "test-001" });
    sdk.evaluateCalls.push({ ...options, outputs });
    return { experimentName: `${String(options.experimentPrefix)}-abc` };
  },
}));

const c: EvalCase = {
  id: "test-001",
  split: "test",
  question: "ciao",
  language: "it",
  intent: "GREETING",
  queryType: null,
  window: null,
  tags: [],
};
const result: CaseResult = {
  case: c,
  response: {
    threadId: "t",
    answer: "Ciao! Sono Milhena.",
    intent: "GREETING",
    queryType: null,
    window: null,
    language: "it",
    cached: false,
    source: "rules",
    confidence: 1,
    latencyMs: 3,
  },
  error: null,
  truthValue: undefined,
  latencyMs: 4,
  scores: {
    intent: true,
    queryType: null,
    window: null,
    numeric: null,
    language: true,
    jargonFree: true,
    unsafeHandled: null,
    noWrongAnswer: true,
  },
  failed: [],
};

describe("langsmithPlan", () => {
  it("stays offline unless asked and keyed", () => {
    expect(langsmithPlan(false, { LANGSMITH_API_KEY: "k" })).toEqual({ apiKey: null, warning: null });
    expect(langsmithPlan(true, {}).apiKey).toBeNull();
    expect(langsmithPlan(true, { LANGSMITH_API_KEY: "  " }).warning).toMatch(/LANGSMITH_API_KEY/);
    expect(langsmithPlan(true, { LANGSMITH_API_KEY: "k" })).toEqual({ apiKey: "k", warning: null });
  });
});

describe("runLangsmith", () => {
  it("uploads the split and runs evaluate() on it with every evaluator and the prefix", async () => {
    const out = await runLangsmith("key", {
      split: "test",
      cases: [c],
      results: [result],
      experimentPrefix: "milhena-test-rules-no-prompts",
      metadata: {},
    });
    expect(out).toMatchObject({
      name: "milhena-eval-test",
      created: 1,
      experimentName: "milhena-test-rules-no-prompts-abc",
    });
    expect(sdk.created).toHaveLength(1);
    const call = sdk.evaluateCalls[0]!;
    expect(call.data).toBe("milhena-eval-test");
    expect(call.experimentPrefix).toBe("milhena-test-rules-no-prompts");
    expect(call.evaluators).toHaveLength(8);
    expect(call.outputs).toMatchObject({ answer: "Ciao! Sono Milhena.", intent: "GREETING" });
  });
});
