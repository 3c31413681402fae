import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { INTENTS, LANGUAGES, QUERY_TYPES, WindowSchema } from "../graph/labels.ts";

export const SPLITS = ["dev", "test"] as const;
export type Split = (typeof SPLITS)[number];

/** The SQL truths a data question can be checked against (evals/truth.ts). */
export const TRUTH_KEYS = ["runs", "failures", "emails", "orders", "successRate", "activeWorkflows"] as const;
export type TruthKey = (typeof TRUTH_KEYS)[number];

/** One labelled question: one JSONL line of `evals/datasets/<split>.jsonl`. */
export const EvalCaseSchema = z
  .object({
    id: z.string().regex(/^(dev|test)-[a-z0-9-]+$/),
    split: z.enum(SPLITS),
    question: z.string().min(1).max(2_000),
    language: z.enum(LANGUAGES),
    intent: z.enum(INTENTS),
    queryType: z.enum(QUERY_TYPES).nullable(),
    window: WindowSchema.nullable(),
    analysis: z.enum(["compare", "trend", "top_errors"]).optional(),
    conversation: z.string().min(1).optional(),
    turn: z.number().int().min(1).optional(),
    truth: z.object({ key: z.enum(TRUTH_KEYS) }).optional(),
    tags: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const data = c.intent === "BUSINESS_DATA" || c.intent === "ANALYSIS" || c.intent === "PREDICTION";
    if (data && (c.queryType === null || c.window === null))
      ctx.addIssue({ code: "custom", message: "data questions need a queryType and a window" });
    if (!data && (c.queryType !== null || c.window !== null || c.truth))
      ctx.addIssue({ code: "custom", message: "non-data questions have queryType, window and truth empty" });
    if ((c.conversation === undefined) !== (c.turn === undefined))
      ctx.addIssue({ code: "custom", message: "conversation and turn go together" });
  });
export type EvalCase = z.infer<typeof EvalCaseSchema>;

export const DATASETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "datasets");

/**
 * Parses JSONL text into cases of `schema`; every bad line and duplicate id is reported with its
 * number, under `title` ("Invalid dataset"). Both suites' datasets load through it.
 */
export function parseJsonlCases<T extends { readonly id: string }>(
  text: string,
  schema: z.ZodType<T>,
  source: string,
  title: string,
): T[] {
  const cases: T[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`${source}:${i + 1}: not JSON`);
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) cases.push(parsed.data);
    else
      problems.push(
        `${source}:${i + 1}: ${parsed.error.issues.map((p) => `${p.path.join(".")} ${p.message}`).join("; ")}`,
      );
  });
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) problems.push(`${source}: duplicate id ${c.id}`);
    ids.add(c.id);
  }
  if (problems.length) throw new Error(`${title}:\n${problems.join("\n")}`);
  return cases;
}

/** Parses JSONL text into cases; every bad line is reported with its number. */
export function parseDataset(text: string, source = "dataset"): EvalCase[] {
  return parseJsonlCases(text, EvalCaseSchema, source, "Invalid dataset");
}

export function loadSplit(split: Split, dir = DATASETS_DIR): EvalCase[] {
  const file = path.join(dir, `${split}.jsonl`);
  const cases = parseDataset(fs.readFileSync(file, "utf8"), file);
  const foreign = cases.find((c) => c.split !== split);
  if (foreign) throw new Error(`${file}: case ${foreign.id} belongs to split ${foreign.split}`);
  return cases;
}

/** A unit the runner plays on one thread: a single question or a conversation's turns in order. */
export interface Session<C = EvalCase> {
  readonly id: string;
  readonly cases: readonly C[];
}

interface SessionCase {
  readonly id: string;
  readonly conversation?: string | undefined;
  readonly turn?: number | undefined;
}

/** Groups conversation turns into sessions (in turn order); other cases are sessions of one. */
export function toSessions<C extends SessionCase = EvalCase>(cases: readonly C[]): Session<C>[] {
  const sessions: Session<C>[] = [];
  const byConversation = new Map<string, C[]>();
  for (const c of cases) {
    if (c.conversation === undefined) {
      sessions.push({ id: c.id, cases: [c] });
      continue;
    }
    let turns = byConversation.get(c.conversation);
    if (!turns) {
      turns = [];
      byConversation.set(c.conversation, turns);
      sessions.push({ id: c.conversation, cases: turns });
    }
    turns.push(c);
  }
  for (const turns of byConversation.values()) turns.sort((a, b) => (a.turn ?? 0) - (b.turn ?? 0));
  return sessions;
}
