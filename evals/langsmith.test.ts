import { describe, expect, it } from "vitest";
import type { EvalCase } from "./dataset.ts";
import {
  exampleId,
  langsmithEvaluators,
  uploadDataset,
  type DatasetClient,
  type ExampleUpload,
} from "./langsmith.ts";

const cases: EvalCase[] = [
  {
    id: "test-001",
    split: "test",
    question: "how many runs today?",
    language: "en",
    intent: "BUSINESS_DATA",
    queryType: "TODAY_ACTIVITY",
    window: { kind: "today" },
    truth: { key: "runs" },
    tags: [],
  },
  {
    id: "test-002",
    split: "test",
    question: "ciao",
    language: "it",
    intent: "GREETING",
    queryType: null,
    window: null,
    tags: [],
  },
];

function fakeClient() {
  const examples = new Map<string, ExampleUpload>();
  let datasets = 0;
  const calls = { created: 0, updated: 0 };
  const client: DatasetClient = {
    hasDataset: () => Promise.resolve(datasets > 0),
    createDataset: () => {
      datasets++;
      return Promise.resolve({ id: "ds-1" });
    },
    readDataset: () => Promise.resolve({ id: "ds-1" }),
    async *listExamples() {
      await Promise.resolve();
      yield* examples.values();
    },
    createExamples: (list) => {
      calls.created += list.length;
      for (const e of list) examples.set(e.id, e);
      return Promise.resolve();
    },
    updateExamples: (list) => {
      calls.updated += list.length;
      for (const e of list) examples.set(e.id, e);
      return Promise.resolve();
    },
  };
  return { client, examples, calls, datasetCount: () => datasets };
}

describe("uploadDataset", () => {
  it("is idempotent: a second upload creates nothing, a changed label is updated in place", async () => {
    const fake = fakeClient();
    expect(await uploadDataset(fake.client, "test", cases)).toMatchObject({ created: 2, updated: 0 });
    expect(await uploadDataset(fake.client, "test", cases)).toMatchObject({ created: 0, updated: 0 });
    const relabelled = [{ ...cases[0]!, window: { kind: "yesterday" as const } }, cases[1]!];
    expect(await uploadDataset(fake.client, "test", relabelled)).toMatchObject({ created: 0, updated: 1 });
    expect(fake.examples.size).toBe(2);
    expect(fake.datasetCount()).toBe(1);
  });

  it("derives stable UUIDs from the dataset and case id", () => {
    const id = exampleId("milhena-eval-test", "test-001");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(exampleId("milhena-eval-test", "test-001")).toBe(id);
    expect(exampleId("milhena-eval-test", "test-002")).not.toBe(id);
  });
});

describe("langsmithEvaluators", () => {
  const evaluators = langsmithEvaluators(new Map(cases.map((c) => [c.id, c])));
  const scores = (outputs: Record<string, unknown>) =>
    Object.fromEntries(
      evaluators.map((e) => {
        const r = e({ inputs: { caseId: "test-001" }, outputs });
        return [r.key, r.score];
      }),
    );
  const good = {
    answer: "Today your automations ran 612 times: 600 completed and 12 stopped by an error.",
    intent: "BUSINESS_DATA",
    queryType: "TODAY_ACTIVITY",
    window: { kind: "today" },
    language: "en",
    truthValue: 612,
  };

  it("scores a right answer 1 on every applicable metric", () => {
    expect(scores(good)).toEqual({
      intent: 1,
      queryType: 1,
      window: 1,
      numeric: 1,
      language: 1,
      jargonFree: 1,
      unsafeHandled: null,
      noWrongAnswer: 1,
    });
  });

  it("scores a wrong answer 0", () => {
    const s = scores({ ...good, queryType: "EMAILS", answer: "Today your automations ran 611 times." });
    expect(s.queryType).toBe(0);
    expect(s.numeric).toBe(0);
    expect(scores({ error: "boom" }).intent).toBe(0);
  });
});
