import { createHash } from "node:crypto";
import type { EvalCase, Split } from "./dataset.ts";
import { METRICS, scoreCase, type MetricName, type Observed } from "./evaluators.ts";
import type { CaseResult } from "./runner.ts";

type KV = Record<string, unknown>;

/** What the upload needs from a LangSmith client (the real `Client` is adapted to it; tests fake it). */
export interface DatasetClient {
  hasDataset(name: string): Promise<boolean>;
  createDataset(name: string, description: string): Promise<{ id: string }>;
  readDataset(name: string): Promise<{ id: string }>;
  listExamples(datasetId: string): AsyncIterable<{ id: string; inputs: KV; outputs?: KV | undefined }>;
  createExamples(examples: readonly ExampleUpload[]): Promise<void>;
  updateExamples(examples: readonly ExampleUpload[]): Promise<void>;
}

export interface ExampleUpload {
  readonly id: string;
  readonly dataset_id: string;
  readonly inputs: KV;
  readonly outputs: KV;
  readonly metadata: KV;
  readonly split: string;
}

export const datasetName = (split: Split) => `milhena-eval-${split}`;

/** A stable UUID (version 5 layout, SHA-1 of the name) so re-uploads address the same example. */
export function exampleId(dataset: string, caseId: string): string {
  const h = createHash("sha1").update(`${dataset}/${caseId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Inputs carry the question (and where it sits in a conversation); outputs the expected labels. */
export function toExample(c: EvalCase, dataset: string, datasetId: string): ExampleUpload {
  return {
    id: exampleId(dataset, c.id),
    dataset_id: datasetId,
    inputs: {
      caseId: c.id,
      question: c.question,
      conversation: c.conversation ?? null,
      turn: c.turn ?? null,
    },
    outputs: {
      intent: c.intent,
      queryType: c.queryType,
      window: c.window,
      language: c.language,
      analysis: c.analysis ?? null,
      truthKey: c.truth?.key ?? null,
    },
    metadata: { tags: c.tags, split: c.split },
    split: c.split,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Creates the dataset if needed, adds missing examples and updates changed ones; never duplicates. */
export async function uploadDataset(client: DatasetClient, split: Split, cases: readonly EvalCase[]) {
  const name = datasetName(split);
  const { id } = (await client.hasDataset(name))
    ? await client.readDataset(name)
    : await client.createDataset(
        name,
        `Milhena labelled questions, ${split} split (evals/datasets/${split}.jsonl)`,
      );
  const existing = new Map<string, { inputs: KV; outputs?: KV | undefined }>();
  for await (const e of client.listExamples(id)) existing.set(e.id, e);
  const wanted = cases.map((c) => toExample(c, name, id));
  const missing = wanted.filter((e) => !existing.has(e.id));
  const changed = wanted.filter((e) => {
    const old = existing.get(e.id);
    return old !== undefined && (!same(old.inputs, e.inputs) || !same(old.outputs ?? {}, e.outputs));
  });
  if (missing.length) await client.createExamples(missing);
  if (changed.length) await client.updateExamples(changed);
  return { datasetId: id, name, created: missing.length, updated: changed.length };
}

/** What the LangSmith target returns for a case: the in-process run's response and its truth. */
export function targetOutputs(r: CaseResult): KV {
  return {
    answer: r.response?.answer ?? "",
    intent: r.response?.intent ?? null,
    queryType: r.response?.queryType ?? null,
    window: r.response?.window ?? null,
    language: r.response?.language ?? null,
    truthValue: r.truthValue ?? null,
    error: r.error,
    latencyMs: r.latencyMs,
  };
}

function observedFrom(outputs: KV): Observed | null {
  if (typeof outputs.intent !== "string") return null;
  return {
    answer: typeof outputs.answer === "string" ? outputs.answer : "",
    intent: outputs.intent as Observed["intent"],
    queryType: (outputs.queryType ?? null) as Observed["queryType"],
    window: (outputs.window ?? null) as Observed["window"],
    language: (outputs.language ?? "en") as Observed["language"],
  };
}

export type LangsmithEvaluator = (args: { inputs: KV; outputs: KV }) => { key: string; score: number | null };

/** The same evaluators as the offline report, one LangSmith feedback key per metric. */
export function langsmithEvaluators(casesById: ReadonlyMap<string, EvalCase>): LangsmithEvaluator[] {
  return METRICS.map((metric: MetricName) => ({ inputs, outputs }) => {
    const c = casesById.get(String(inputs.caseId));
    if (!c) return { key: metric, score: null };
    const observed = observedFrom(outputs);
    if (!observed) return { key: metric, score: metric === "intent" ? 0 : null };
    const truth = typeof outputs.truthValue === "number" ? outputs.truthValue : null;
    const verdict = scoreCase(c, observed, truth)[metric];
    return { key: metric, score: verdict === null ? null : verdict ? 1 : 0 };
  });
}

/**
 * Whether this run talks to LangSmith: only when asked (`--langsmith`) and a key is present. Without
 * both, the run stays offline and LangChain tracing is turned off.
 */
export function langsmithPlan(
  asked: boolean,
  env: NodeJS.ProcessEnv,
): { readonly apiKey: string | null; readonly warning: string | null } {
  const key = env.LANGSMITH_API_KEY?.trim() || null;
  if (!asked) return { apiKey: null, warning: null };
  if (!key) return { apiKey: null, warning: "--langsmith ignored: LANGSMITH_API_KEY is not set" };
  return { apiKey: key, warning: null };
}

export interface LangsmithRunOptions {
  readonly split: Split;
  readonly cases: readonly EvalCase[];
  readonly results: readonly CaseResult[];
  readonly experimentPrefix: string;
  readonly metadata: KV;
}

/**
 * Uploads the split and runs `evaluate()` on it. The target replays the in-process run (the graph
 * already answered every case in conversation order on its own threads), so LangSmith sees exactly
 * the answers the offline report scored. Loaded only when a key is present: no key, no network.
 */
export async function runLangsmith(apiKey: string, o: LangsmithRunOptions) {
  const { Client } = await import("langsmith");
  const { evaluate } = await import("langsmith/evaluation");
  const client = new Client({ apiKey });
  const adapter: DatasetClient = {
    hasDataset: (name) => client.hasDataset({ datasetName: name }),
    createDataset: (name, description) => client.createDataset(name, { description }),
    readDataset: (name) => client.readDataset({ datasetName: name }),
    listExamples: (datasetId) => client.listExamples({ datasetId }),
    createExamples: async (examples) => {
      await client.createExamples(examples.map((e) => ({ ...e, split: e.split })));
    },
    updateExamples: async (examples) => {
      await client.updateExamples(examples.map((e) => ({ ...e })));
    },
  };
  const upload = await uploadDataset(adapter, o.split, o.cases);
  const byId = new Map(o.results.map((r) => [r.case.id, r]));
  const casesById = new Map(o.cases.map((c) => [c.id, c]));
  const experiment = await evaluate(
    (inputs: KV) => {
      const r = byId.get(String(inputs.caseId));
      return r ? targetOutputs(r) : { error: "case not run" };
    },
    {
      data: upload.name,
      client,
      evaluators: langsmithEvaluators(casesById),
      experimentPrefix: o.experimentPrefix,
      metadata: o.metadata,
      maxConcurrency: 2,
    },
  );
  return { ...upload, experimentName: experiment.experimentName };
}
