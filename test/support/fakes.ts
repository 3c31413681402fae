import type { MilhenaRuntime } from "../../graph/runtime.ts";
import type { AnswerCache, CachedAnswer } from "../../cache/answerCache.ts";
import type { Classifier } from "../../classifier/types.ts";
import { OFFLINE_WRITER, type LlmWriter } from "../../llm/writer.ts";
import { NO_USAGE } from "../../llm/types.ts";
import { createLogger, type Logger } from "../../config/logger.ts";
import { createRequestContext, type NewContextInput, type RequestContext } from "../../graph/context.ts";
import type { MilhenaStateType } from "../../graph/state.ts";
import type { MilhenaDeps } from "../../graph/deps.ts";
import type { Classification } from "../../graph/labels.ts";
import { draftPlan, type ResolvedQueryPlan } from "../../graph/plan.ts";
import type { Interaction, UserMemory } from "../../memory/userMemory.ts";
import { EMPTY_CATALOG, type EntityCatalog } from "../../tools/entities/catalog.ts";
import { resolvePeriod } from "../../tools/periods.ts";
import type { PlanResult } from "../../tools/semantic/result.ts";

/** A classification; data questions default to a plan of today's runs. */
export function classification(partial: Partial<Classification> = {}): Classification {
  const intent = partial.intent ?? "BUSINESS_DATA";
  const data = intent === "BUSINESS_DATA" || intent === "ANALYSIS" || intent === "PREDICTION";
  return {
    intent,
    queryType: "TODAY_ACTIVITY",
    window: { kind: "today" },
    language: "en",
    confidence: 0.9,
    analysis: null,
    followUp: false,
    reason: "",
    plan: data ? draftPlan({ measure: "runs", period: { kind: "today" } }) : null,
    ...partial,
  };
}

/** A resolved plan of today's runs (UTC, 18 November 2026), with any part replaced. */
export function resolvedPlan(partial: Partial<ResolvedQueryPlan> = {}): ResolvedQueryPlan {
  const now = new Date("2026-11-18T10:00:00Z");
  return {
    kind: "query",
    measure: "runs",
    filters: { workflows: [], category: null, status: null, senders: [], weekdays: null, hours: null },
    period: resolvePeriod({ kind: "today" }, now, "UTC"),
    breakdown: null,
    compare: null,
    share: false,
    trend: false,
    horizonDays: null,
    coverage: null,
    today: "2026-11-18",
    timeZone: "UTC",
    ...partial,
  };
}

/** A fresh RequestContext with test defaults. */
export function testContext(partial: Partial<NewContextInput> = {}): RequestContext {
  return createRequestContext({
    requestId: "r",
    threadId: "t",
    userId: "u",
    question: "q",
    now: new Date("2026-11-18T10:00:00Z"),
    startedAtMs: 0,
    previousTurn: null,
    ...partial,
  });
}

export class MapCache implements AnswerCache {
  readonly entries = new Map<string, CachedAnswer>();
  watermark = "w1";
  keyFor(input: { question: string; businessDay: string; language?: string | null }) {
    const language = input.language ? `|${input.language}` : "";
    return Promise.resolve(
      `${input.question.toLowerCase()}|${input.businessDay}|${this.watermark}${language}`,
    );
  }
  get(key: string) {
    return Promise.resolve(this.entries.get(key) ?? null);
  }
  readonly owners = new Map<string, string | undefined>();
  put(key: string, value: CachedAnswer, userId?: string) {
    this.entries.set(key, value);
    this.owners.set(key, userId);
    return Promise.resolve();
  }
  eraseUser(userId: string) {
    let n = 0;
    for (const [key, owner] of this.owners) {
      if (owner === userId) {
        this.entries.delete(key);
        this.owners.delete(key);
        n++;
      }
    }
    return Promise.resolve(n);
  }
}

export class ListMemory implements UserMemory {
  readonly interactions: Interaction[] = [];
  record(i: Interaction) {
    this.interactions.push(i);
    return Promise.resolve();
  }
  profile() {
    return Promise.resolve(null);
  }
  recent(userId: string) {
    return Promise.resolve(this.interactions.filter((i) => i.userId === userId).reverse());
  }
  eraseUser(userId: string) {
    const before = this.interactions.length;
    this.interactions.splice(0, before, ...this.interactions.filter((i) => i.userId !== userId));
    return Promise.resolve(before - this.interactions.length);
  }
}

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
  return { logger: createLogger("debug", {}, destination), lines };
}

export interface FakeDepsOptions {
  classifier?: Classifier;
  result?: (plan: ResolvedQueryPlan) => Promise<PlanResult>;
  catalog?: EntityCatalog;
  now?: Date;
  llm?: LlmWriter;
}

export function fakeDeps(options: FakeDepsOptions = {}) {
  const cache = new MapCache();
  const memory = new ListMemory();
  const { logger, lines } = capturingLogger();
  const calls = { businessData: 0, sync: 0 };
  let counter = 0;
  const deps: MilhenaDeps = {
    classifier: options.classifier ?? {
      classify: () => Promise.resolve({ classification: classification(), source: "rules" }),
    },
    businessData: {
      execute: (plan) => {
        calls.businessData++;
        if (!options.result) return Promise.reject(new Error("no business data in this test"));
        return options.result(plan);
      },
    },
    entities: { load: () => Promise.resolve(options.catalog ?? EMPTY_CATALOG) },
    cache,
    sync: {
      freshness: () => Promise.resolve({ data: cache.watermark, workflows: "w", etl: "e" }),
      syncIfStale: () => {
        calls.sync++;
        return Promise.resolve(false);
      },
    },
    clock: () => options.now ?? new Date("2026-11-18T10:00:00Z"),
    newId: () => `id-${++counter}`,
    logger,
    timeZone: "UTC",
    maxThreadMessages: 6,
    llm: options.llm ?? OFFLINE_WRITER,
    llmDeadlineMs: 5_000,
  };
  return { deps, cache, memory, lines, calls };
}

/** An LLM writer that answers every task with `reply(taskName)` (null: every provider failed). */
export function scriptedWriter(
  reply: (task: string, prompt: string) => { text: string | null; provider?: "gemini" | "groq" },
  options: { rephrase?: boolean } = {},
): LlmWriter & { calls: string[] } {
  const calls: string[] = [];
  return {
    enabled: true,
    rephrase: options.rephrase ?? false,
    calls,
    breakers: () => ({ gemini: "closed" as const }),
    write: (task) => {
      calls.push(task.name);
      const { text, provider = "gemini" } = reply(task.name, "");
      return Promise.resolve({
        value: text,
        provider: text === null ? null : provider,
        modelId: text === null ? null : "fake-model",
        usage: {
          ...NO_USAGE,
          llmCalls: text === null ? 2 : 1,
          fallbacks: text === null ? 2 : 0,
          inputTokens: text === null ? 0 : 30,
          outputTokens: text === null ? 0 : 12,
        },
      });
    },
  };
}

/** A graph state for calling one node directly: every channel at its default, `partial` over it. */
export function graphState(partial: Partial<MilhenaStateType> = {}): MilhenaStateType {
  return { messages: [], context: null, lastTurn: null, response: null, turnRecord: null, ...partial };
}

/** A runtime's `runConfig` for tests: the same shape, with the prompt versions given and no tracing. */
export function fakeRunConfig(promptVersions: Record<string, string>): MilhenaRuntime["runConfig"] {
  return (threadId, userId, signal, requestId) => ({
    configurable: { thread_id: threadId, user_id: userId, ...(requestId ? { request_id: requestId } : {}) },
    durability: "exit",
    runName: "milhena",
    metadata: { prompt_versions: promptVersions },
    callbacks: [],
    ...(signal ? { signal } : {}),
  });
}
