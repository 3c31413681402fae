import { hasLanguageSignal } from "../classifier/languageSignal.ts";
import { memoryOf } from "../memory/userMemory.ts";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { createRequestContext, deepFreeze, withCacheKey, withCachedAnswer } from "../graph/context.ts";
import type { MilhenaDeps } from "../graph/deps.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { civilDateOf, formatCivil } from "../tools/calendar.ts";
import { latestQuestion } from "./question.ts";

export function configValue(config: LangGraphRunnableConfig | undefined, key: string): string | undefined {
  const value: unknown = config?.configurable?.[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * First node: starts the request's RequestContext from the latest question and the thread's previous
 * turn, then looks the answer up in the cache. A hit carries the cached answer straight to persistMemory.
 */
export function makeCacheCheck(deps: MilhenaDeps) {
  return async function cacheCheck(
    state: MilhenaStateType,
    config?: LangGraphRunnableConfig,
  ): Promise<MilhenaStateUpdate> {
    const now = deps.clock();
    const question = latestQuestion(state.messages);
    const previousTurn = state.lastTurn ? deepFreeze(structuredClone(state.lastTurn)) : null;
    const userId = configValue(config, "user_id") ?? "local";
    // The language memory decides: the one the user asked to be always answered in; otherwise, for a
    // conversation that opens with a question of no language ("ok", a bare number, a workflow name),
    // the one they usually write in.
    const profile = await memoryOf(config)?.profile(userId);
    const rememberedLanguage =
      profile?.answerLanguage ??
      (profile && !previousTurn && !hasLanguageSignal(question) ? profile.preferredLanguage : null);
    let context = createRequestContext({
      requestId: configValue(config, "request_id") ?? deps.newId(),
      threadId: configValue(config, "thread_id") ?? "ephemeral",
      userId,
      question,
      now,
      startedAtMs: performance.now(),
      previousTurn,
      rememberedLanguage,
    });
    const freshness = await deps.sync.freshness();
    const key = await deps.cache.keyFor({
      question,
      previousTurn,
      businessDay: formatCivil(civilDateOf(now, deps.timeZone)),
      freshness,
      language: rememberedLanguage,
    });
    context = withCacheKey(context, key, freshness);
    const hit = await deps.cache.get(key);
    if (hit) context = withCachedAnswer(context, hit.answer, hit.classification, hit.plan);
    return { context, response: null };
  };
}

/** Edge after cacheCheck: a hit goes straight to persistMemory. */
export function afterCacheCheck(state: MilhenaStateType): "persistMemory" | "classify" {
  return state.context?.cached ? "persistMemory" : "classify";
}
