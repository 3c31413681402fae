import type pg from "pg";
import type { Classification, Language } from "../graph/labels.ts";
import { prepared } from "../db/prepared.ts";

export interface Interaction {
  readonly userId: string;
  readonly threadId: string;
  readonly question: string;
  readonly answer: string;
  readonly classification: Classification;
}

export interface UserProfile {
  readonly userId: string;
  readonly preferredLanguage: Language;
  /** Topic (queryType or intent) → how often the user asked about it. */
  readonly topics: Readonly<Record<string, number>>;
  readonly interactions: number;
}

export interface UserMemory {
  record(interaction: Interaction): Promise<void>;
  profile(userId: string): Promise<UserProfile | null>;
  recent(userId: string, limit?: number): Promise<Interaction[]>;
  /** Deletes the user's interactions and profile; returns how many interactions were deleted. */
  eraseUser(userId: string): Promise<number>;
}

/** Interactions kept per user; older ones are deleted as new ones arrive. */
export const MAX_INTERACTIONS = 50;

function topicOf(c: Classification): string {
  return c.queryType ?? c.intent;
}

/** Per-user memory in Postgres: the last 50 interactions and a small profile. */
export function createUserMemory(pool: pg.Pool, appSchema: string): UserMemory {
  const interactions = `${appSchema}.user_interaction`;
  const profiles = `${appSchema}.user_profile`;
  return {
    async record(i) {
      const c = i.classification;
      await pool.query(
        prepared(
          `WITH inserted AS (
           INSERT INTO ${interactions} (user_id, thread_id, question, answer, intent, query_type, language)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
         ), trimmed AS (
           DELETE FROM ${interactions} WHERE user_id = $1 AND id IN (
             SELECT id FROM ${interactions} WHERE user_id = $1 ORDER BY id DESC OFFSET $8)
         )
         INSERT INTO ${profiles} (user_id, preferred_language, topics, interactions, updated_at)
         VALUES ($1, $7, jsonb_build_object($9::text, 1), 1, now())
         ON CONFLICT (user_id) DO UPDATE SET
           preferred_language = EXCLUDED.preferred_language,
           topics = ${profiles}.topics || jsonb_build_object($9::text, coalesce((${profiles}.topics ->> $9)::int, 0) + 1),
           interactions = ${profiles}.interactions + 1,
           updated_at = now()`,
          [
            i.userId,
            i.threadId,
            i.question,
            i.answer,
            c.intent,
            c.queryType,
            c.language,
            MAX_INTERACTIONS - 1,
            topicOf(c),
          ],
        ),
      );
    },

    async profile(userId) {
      const { rows } = await pool.query<{
        preferred_language: Language;
        topics: Record<string, number>;
        interactions: number;
      }>(`SELECT preferred_language, topics, interactions FROM ${profiles} WHERE user_id = $1`, [userId]);
      const row = rows[0];
      return row
        ? {
            userId,
            preferredLanguage: row.preferred_language,
            topics: row.topics,
            interactions: row.interactions,
          }
        : null;
    },

    async recent(userId, limit = MAX_INTERACTIONS) {
      const { rows } = await pool.query<{
        thread_id: string;
        question: string;
        answer: string;
        intent: Classification["intent"];
        query_type: Classification["queryType"];
        language: Language;
      }>(
        `SELECT thread_id, question, answer, intent, query_type, language FROM ${interactions}
          WHERE user_id = $1 ORDER BY id DESC LIMIT $2`,
        [userId, Math.min(limit, MAX_INTERACTIONS)],
      );
      return rows.map((r) => ({
        userId,
        threadId: r.thread_id,
        question: r.question,
        answer: r.answer,
        classification: {
          intent: r.intent,
          queryType: r.query_type,
          window: null,
          language: r.language,
          confidence: 1,
          analysis: null,
          followUp: false,
          reason: "",
          plan: null,
        },
      }));
    },

    async eraseUser(userId) {
      const { rowCount } = await pool.query(`DELETE FROM ${interactions} WHERE user_id = $1`, [userId]);
      await pool.query(`DELETE FROM ${profiles} WHERE user_id = $1`, [userId]);
      return rowCount ?? 0;
    },
  };
}
