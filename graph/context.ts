import type { StatedPreference } from "../classifier/preference.ts";
import type { Freshness } from "../tools/dataWatermark.ts";
import type { Classification, Language } from "./labels.ts";
import type { ResponsePlan } from "./plan.ts";
import type { PlanResult } from "../tools/semantic/result.ts";
import { addUsage, NO_USAGE, type LlmUsage } from "../llm/types.ts";

export type AnswerSource = "rules" | "gemini" | "groq" | "cache";

/** What a previous turn leaves behind so that follow-ups ("e ieri?") can be resolved. */
export interface PreviousTurn {
  readonly question: string;
  readonly classification: Classification;
}

/**
 * Everything one request knows, passed from node to node. Immutable: readonly in its type and
 * frozen at run time. Nodes derive a new context with the `with…` helpers below.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly threadId: string;
  readonly userId: string;
  readonly question: string;
  /** ISO instant the request started (from the injected clock). */
  readonly receivedAt: string;
  readonly startedAtMs: number;
  readonly previousTurn: PreviousTurn | null;
  /**
   * The language the user's memory says they use, read only when the question has no language of its
   * own and opens a conversation; it then decides the answer's language. Never a source of figures.
   */
  readonly rememberedLanguage: Language | null;
  /** A preference about Milhena this message states (the answer language); recorded with the turn. */
  readonly statedPreference: StatedPreference | null;
  /** The message asks what the user asked last time: answered from memory (their question, never a figure). */
  readonly recallsLastQuestion: boolean;
  readonly classification: Classification | null;
  readonly cacheKey: string | null;
  /** How current n8n's data, workflows and the ETL were when the request began (read once, by cacheCheck). */
  readonly freshness: Freshness | null;
  readonly cached: boolean;
  /** The data question's plan, resolved against the live data (or why it could not be). */
  readonly plan: ResponsePlan | null;
  /** The period named is still to come: the answer offers a forecast instead. */
  readonly future: boolean;
  readonly toolResult: PlanResult | null;
  readonly answer: string | null;
  /** Who shaped the answer: rules, the LLM provider that classified or wrote it, or the cache. */
  readonly source: AnswerSource;
  /** LLM calls, fallbacks, guard rejections, tokens and cost of this request so far. */
  readonly usage: LlmUsage;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}

export interface NewContextInput {
  requestId: string;
  threadId: string;
  userId: string;
  question: string;
  now: Date;
  startedAtMs: number;
  previousTurn: PreviousTurn | null;
  rememberedLanguage?: Language | null;
}

export function withStatedPreference(ctx: RequestContext, preference: StatedPreference): RequestContext {
  return deepFreeze({ ...ctx, statedPreference: preference });
}

export function withRecallOfLastQuestion(ctx: RequestContext): RequestContext {
  return deepFreeze({ ...ctx, recallsLastQuestion: true });
}

export function createRequestContext(input: NewContextInput): RequestContext {
  return deepFreeze({
    requestId: input.requestId,
    threadId: input.threadId,
    userId: input.userId,
    question: input.question,
    receivedAt: input.now.toISOString(),
    startedAtMs: input.startedAtMs,
    previousTurn: input.previousTurn,
    rememberedLanguage: input.rememberedLanguage ?? null,
    statedPreference: null,
    recallsLastQuestion: false,
    classification: null,
    cacheKey: null,
    freshness: null,
    cached: false,
    plan: null,
    future: false,
    toolResult: null,
    answer: null,
    source: "rules",
    usage: NO_USAGE,
  });
}

function derive(ctx: RequestContext, patch: Partial<RequestContext>): RequestContext {
  return deepFreeze({ ...ctx, ...patch });
}

export const withCacheKey = (
  ctx: RequestContext,
  cacheKey: string | null,
  freshness: Freshness | null = null,
): RequestContext => derive(ctx, { cacheKey, freshness });

export const withCachedAnswer = (
  ctx: RequestContext,
  answer: string,
  classification: Classification,
  plan: ResponsePlan | null,
): RequestContext => derive(ctx, { answer, classification, plan, cached: true, source: "cache" });

export const withClassification = (
  ctx: RequestContext,
  classification: Classification,
  source: AnswerSource = ctx.source,
): RequestContext => derive(ctx, { classification, source });

/** Adds one step's LLM usage to the request's. */
export const withUsage = (ctx: RequestContext, usage: Partial<LlmUsage> | undefined): RequestContext =>
  usage ? derive(ctx, { usage: addUsage(ctx.usage, usage) }) : ctx;

/** The resolved plan; the classification follows it (follow-ups edit the plan with real names). */
export const withPlan = (
  ctx: RequestContext,
  plan: ResponsePlan | null,
  classification: Classification = ctx.classification!,
  future = false,
): RequestContext => derive(ctx, { plan, classification, future });

export const withToolResult = (ctx: RequestContext, toolResult: PlanResult): RequestContext =>
  derive(ctx, { toolResult, plan: toolResult.plan });

export const withAnswer = (
  ctx: RequestContext,
  answer: string,
  source: AnswerSource = ctx.source,
): RequestContext => derive(ctx, { answer, source });
