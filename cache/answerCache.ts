import { createHash } from "node:crypto";
import type pg from "pg";
import { ClassificationSchema, type Classification } from "../graph/labels.ts";
import { ResponsePlanSchema, type ResponsePlan } from "../graph/plan.ts";
import type { PreviousTurn } from "../graph/context.ts";
import { normalizeText } from "../classifier/normalize.ts";
import { readDataWatermark, type Freshness } from "../tools/dataWatermark.ts";
import { LruMap } from "./lru.ts";
import { prepared } from "../db/prepared.ts";

export interface CachedAnswer {
  readonly answer: string;
  readonly classification: Classification;
  /** The resolved plan the answer was written from. */
  readonly plan: ResponsePlan | null;
}

export interface CacheKeyInput {
  readonly question: string;
  /** A follow-up means something else after another question: the previous turn is part of the key. */
  readonly previousTurn: PreviousTurn | null;
  /** Today's date in the business time zone: "today" and "last 7 days" move at midnight. */
  readonly businessDay: string;
  /** How current n8n's data and workflows are, when the caller has just read it (else read here). */
  readonly freshness?: Pick<Freshness, "data" | "workflows">;
  /** The user's remembered language, when it decides the answer's (a question with no language of its own). */
  readonly language?: string | null;
}

export interface AnswerCache {
  /** The key for a question as of the current data (the data watermark is part of it). */
  keyFor(input: CacheKeyInput): Promise<string>;
  get(key: string): Promise<CachedAnswer | null>;
  /** Stores an answer; `userId` says whose question produced it (erased with the user's data). */
  put(key: string, value: CachedAnswer, userId?: string): Promise<void>;
  /** Deletes the entries the user's questions produced; returns how many. */
  eraseUser(userId: string): Promise<number>;
}

export interface AnswerCacheOptions {
  readonly pool: pg.Pool;
  readonly n8nSchema: string;
  /** n8n's DB_TABLE_PREFIX. */
  readonly n8nTablePrefix?: string | undefined;
  readonly appSchema: string;
  readonly ttlSeconds: number;
  readonly clock: () => Date;
  readonly lruSize?: number;
}

/** Expired rows are deleted once every this many writes. */
const PURGE_EVERY = 100;

interface LruEntry extends CachedAnswer {
  readonly expiresAt: number;
}

/**
 * Answers cached by normalized question, the context that fixes language and window (previous turn,
 * business day) and the n8n data watermark, so new or finished executions invalidate them. An
 * in-process LRU sits in front of a Postgres table shared by replicas; entries expire after a TTL.
 */
export function createAnswerCache(options: AnswerCacheOptions): AnswerCache {
  const lru = new LruMap<string, LruEntry>(options.lruSize ?? 1000);
  const table = `${options.appSchema}.answer_cache`;
  const ttlMs = options.ttlSeconds * 1000;
  let puts = 0;

  return {
    async keyFor(input) {
      // A follow-up edits the previous plan: what it means depends on that plan.
      const previous = input.previousTurn
        ? JSON.stringify([
            input.previousTurn.classification.intent,
            input.previousTurn.classification.language,
            input.previousTurn.classification.plan,
          ])
        : "";
      const material = [
        normalizeText(input.question),
        previous,
        input.businessDay,
        input.language ?? "",
        // New executions, or a workflow renamed: the answer may read differently.
        ...(input.freshness
          ? [input.freshness.data, input.freshness.workflows]
          : [
              await readDataWatermark(options.pool, {
                n8n: options.n8nSchema,
                n8nPrefix: options.n8nTablePrefix,
                app: options.appSchema,
              }),
            ]),
      ];
      return createHash("sha256").update(material.join("\u0000")).digest("hex");
    },

    async get(key) {
      if (ttlMs <= 0) return null;
      const now = options.clock().getTime();
      const hit = lru.get(key);
      if (hit) {
        if (hit.expiresAt > now)
          return { answer: hit.answer, classification: hit.classification, plan: hit.plan };
        lru.delete(key);
      }
      const { rows } = await options.pool.query<{
        answer: string;
        classification: unknown;
        plan: unknown;
        expires_at: Date;
      }>(
        prepared(
          `SELECT answer, classification, plan, expires_at FROM ${table} WHERE cache_key = $1 AND expires_at > $2`,
          [key, new Date(now)],
        ),
      );
      const row = rows[0];
      if (!row) return null;
      const parsed = ClassificationSchema.safeParse(row.classification);
      const plan =
        row.plan === null ? { success: true as const, data: null } : ResponsePlanSchema.safeParse(row.plan);
      if (!parsed.success || !plan.success) return null;
      const entry = {
        answer: row.answer,
        classification: parsed.data,
        plan: plan.data,
        expiresAt: row.expires_at.getTime(),
      };
      lru.set(key, entry);
      return { answer: entry.answer, classification: entry.classification, plan: entry.plan };
    },

    async put(key, value, userId) {
      if (ttlMs <= 0) return;
      const now = options.clock().getTime();
      const expiresAt = now + ttlMs;
      lru.set(key, { ...value, expiresAt });
      if (++puts % PURGE_EVERY === 0) {
        await options.pool.query(`DELETE FROM ${table} WHERE expires_at <= $1`, [new Date(now)]);
      }
      await options.pool.query(
        prepared(
          `INSERT INTO ${table} (cache_key, answer, classification, plan, created_at, expires_at, user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (cache_key) DO UPDATE SET answer = EXCLUDED.answer, classification = EXCLUDED.classification,
           plan = EXCLUDED.plan, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
           user_id = EXCLUDED.user_id`,
          [
            key,
            value.answer,
            JSON.stringify(value.classification),
            value.plan === null ? null : JSON.stringify(value.plan),
            new Date(now),
            new Date(expiresAt),
            userId ?? null,
          ],
        ),
      );
    },

    async eraseUser(userId) {
      // The in-process copies carry no owner: dropping them all only costs a few cache misses.
      lru.clear();
      const { rowCount } = await options.pool.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
      return rowCount ?? 0;
    },
  };
}
