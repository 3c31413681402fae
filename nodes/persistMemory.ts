import { AIMessage, RemoveMessage, type BaseMessage } from "@langchain/core/messages";
import type { RequestContext } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import { isDataIntent } from "../graph/labels.ts";
import type { MilhenaResponse } from "../graph/response.ts";
import { seriesOf } from "../graph/series.ts";
import { usageRecord, type BreakerState } from "../llm/types.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import type { TurnRecord } from "../graph/turnRecord.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

export function buildResponse(
  context: RequestContext,
  latencyMs: number,
  breakers: Readonly<Record<string, BreakerState>> = {},
): MilhenaResponse {
  const c = requireClassification(context);
  const series = seriesOf(context.toolResult);
  const usage = usageRecord(context.usage, breakers);
  return {
    threadId: context.threadId,
    answer: context.answer ?? "",
    intent: c.intent,
    queryType: c.queryType,
    window: c.window,
    language: c.language,
    cached: context.cached,
    source: context.source,
    confidence: c.confidence,
    latencyMs: Math.round(latencyMs * 10) / 10,
    ...(context.plan ? { plan: context.plan } : {}),
    ...(usage ? { usage } : {}),
    ...(series ? { series } : {}),
  };
}

/** Messages beyond the newest `keep` are removed, so turn 1,000 costs what turn 10 costs. */
export function trimMessages(messages: readonly BaseMessage[], keep: number): RemoveMessage[] {
  const excess = messages.length - keep;
  if (excess <= 0) return [];
  return messages
    .slice(0, excess)
    .filter((m): m is BaseMessage & { id: string } => typeof m.id === "string")
    .map((m) => new RemoveMessage({ id: m.id }));
}

/** What the finished turn leaves for the run to record once it is saved (memory, and the cache). */
export function turnRecordOf(context: RequestContext): TurnRecord {
  const classification = requireClassification(context);
  const answer = context.answer ?? "";
  const cacheable =
    !context.cached &&
    context.cacheKey !== null &&
    context.toolResult !== null &&
    isDataIntent(classification.intent);
  return {
    interaction: {
      userId: context.userId,
      threadId: context.threadId,
      question: context.question,
      answer,
      classification,
      ...(context.statedPreference ? { answerLanguage: context.statedPreference.answerLanguage } : {}),
    },
    cacheEntry:
      cacheable && context.cacheKey
        ? {
            key: context.cacheKey,
            value: { answer, classification, plan: context.plan },
            userId: context.userId,
          }
        : null,
  };
}

/**
 * Last node: writes the answer into the thread (as the last AI message), keeps the thread bounded,
 * leaves the turn behind for follow-ups and hands over the turn's record (the interaction for the
 * user's memory, the cache entry of a fresh data answer), which the run records after the thread is
 * saved — never for a cancelled turn. No I/O: the thread is saved by the checkpointer.
 */
export function makePersistMemory(deps: MilhenaDeps) {
  return function persistMemory(state: MilhenaStateType): MilhenaStateUpdate {
    const context = requireContext(state);
    const classification = requireClassification(context);
    const aiMessage = new AIMessage({ id: deps.newId(), content: context.answer ?? "" });
    const removals = trimMessages(state.messages, deps.maxThreadMessages - 1);
    const response = buildResponse(context, performance.now() - context.startedAtMs, deps.llm.breakers());
    return {
      messages: [...removals, aiMessage],
      response,
      turnRecord: turnRecordOf(context),
      // Only data questions can be continued ("e ieri?"); a greeting in between does not reset that.
      ...(isDataIntent(classification.intent)
        ? { lastTurn: { question: context.question, classification } }
        : {}),
    };
  };
}
