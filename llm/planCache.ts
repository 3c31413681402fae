import { RedisCache } from "@langchain/community/caches/ioredis";
import { InMemoryCache, type BaseCache } from "@langchain/core/caches";
import { Redis } from "ioredis";
import type { Logger } from "../config/logger.ts";
import { z } from "zod";
import { LlmPlanReplySchema } from "../classifier/llmPlan.ts";

/**
 * LLM plans, cached by prompt. A plan depends on the words only — the planning prompt holds the
 * question, the previous plan and the prompt's version, never data or the date — so the same prompt
 * always means the same plan, across data changes (the answer cache, keyed by the data watermark,
 * cannot serve this). With REDIS_URL the entries live in Redis through LangChain's chat-model cache
 * (`@langchain/community`'s RedisCache) and are shared by every replica; without it, in process.
 *
 * The cache sits in front of the provider chain rather than inside a chat model, so a cached plan is
 * served even when every provider is down or rate-limited, and costs no call.
 */
const CachedPlanSchema = z.object({
  /** Who wrote the plan first. */
  provider: z.enum(["gemini", "groq"]),
  reply: LlmPlanReplySchema,
});
export type CachedPlan = z.infer<typeof CachedPlanSchema>;

export interface PlanCache {
  lookup(prompt: string): Promise<CachedPlan | null>;
  update(prompt: string, plan: CachedPlan): Promise<void>;
  close(): Promise<void>;
}

/** Part of the key: a new reply schema makes old entries unreachable. */
const REPLY_KEY = "milhena-plan-reply-v1";
const TTL_SECONDS = 30 * 24 * 3600;
/** In-process entries kept (oldest dropped first): about 2 KB each. */
export const MEMORY_CACHE_ENTRIES = 5_000;

/** A Map that forgets its oldest entries beyond `capacity` (InMemoryCache itself is unbounded). */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.capacity) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}

export interface PlanCacheOptions {
  readonly redisUrl?: string;
  /** Key prefix in Redis (tests use a unique one). */
  readonly keyPrefix?: string;
  readonly memoryEntries?: number;
}

export function createPlanCache(options: PlanCacheOptions, logger: Logger): PlanCache {
  let redis: Redis | null = null;
  let cache: BaseCache;
  if (options.redisUrl) {
    redis = new Redis(options.redisUrl, {
      keyPrefix: options.keyPrefix ?? "milhena:plans:",
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
    });
    redis.on("error", (error: Error) =>
      logger.warn({ event: "plan_cache.error", err: error.message }, "plan cache: redis error"),
    );
    cache = new RedisCache(redis, { ttl: TTL_SECONDS });
  } else {
    cache = new InMemoryCache(new BoundedMap(options.memoryEntries ?? MEMORY_CACHE_ENTRIES));
  }
  // The cache only saves calls: when it fails, planning goes on without it.
  const failed = (what: string) => (error: unknown) => {
    logger.warn(
      { event: "plan_cache.error", err: error instanceof Error ? error.message : String(error) },
      `plan cache ${what} failed`,
    );
  };
  return {
    async lookup(prompt) {
      try {
        const generations = await cache.lookup(prompt, REPLY_KEY);
        const text = generations?.[0]?.text;
        if (text === undefined) return null;
        const parsed = CachedPlanSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : null;
      } catch (error) {
        failed("lookup")(error);
        return null;
      }
    },
    async update(prompt, plan) {
      await cache.update(prompt, REPLY_KEY, [{ text: JSON.stringify(plan) }]).catch(failed("update"));
    },
    async close() {
      if (redis) await redis.quit().catch(() => undefined);
    },
  };
}
