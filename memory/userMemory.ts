import type pg from "pg";
import type { BaseStore } from "@langchain/langgraph";
import { z } from "zod";
import { INTENTS, QUERY_TYPES, type Classification, type Language } from "../graph/labels.ts";

export interface Interaction {
  readonly userId: string;
  readonly threadId: string;
  readonly question: string;
  readonly answer: string;
  readonly classification: Classification;
  /** A language to always answer in, stated in this turn ("rispondimi sempre in inglese"); null forgets it. */
  readonly answerLanguage?: Language | null;
}

export interface UserProfile {
  readonly userId: string;
  readonly preferredLanguage: Language;
  /** The language the user asked to be always answered in, if they did. */
  readonly answerLanguage: Language | null;
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

/**
 * A user id as a store namespace label. Labels cannot hold "." or "_" (nor ":", "%", "\\"), which user
 * ids may (letters, digits, ".", "@", "_", "-"): "." becomes "~d" and "_" becomes "~u" ("~" is in no
 * user id, so no two ids share a label).
 */
export const userLabel = (userId: string): string => userId.replace(/\./g, "~d").replace(/_/g, "~u");

/** A user's namespace in the long-term store: everything of theirs is under `["users", <label>]`. */
export const userNamespace = (userId: string): string[] => ["users", userLabel(userId)];
const interactionsOf = (userId: string) => [...userNamespace(userId), "interactions"];
const PROFILE_KEY = "profile";

type StoredInteraction = z.infer<typeof StoredInteraction>;

/** The profile as stored; read back through its schema (a user can write their own items through the store API). */
const StoredProfile = z.object({
  preferredLanguage: z.enum(["it", "en"]),
  answerLanguage: z.enum(["it", "en"]).nullable().optional(),
  topics: z.record(z.string().max(40), z.number().int().min(0)),
  interactions: z.number().int().min(0),
});
type StoredProfile = z.infer<typeof StoredProfile>;

const StoredInteraction = z.object({
  threadId: z.string(),
  question: z.string(),
  answer: z.string(),
  intent: z.enum(INTENTS),
  queryType: z.enum(QUERY_TYPES).nullable(),
  language: z.enum(["it", "en"]),
  at: z.string(),
});

/** Keys that sort as the interactions were recorded (a time, then a sequence within this process). */
let sequence = 0;
const interactionKey = (now: number) =>
  `${String(now).padStart(15, "0")}-${String((sequence = (sequence + 1) % 1_000_000)).padStart(6, "0")}`;

/** How many of a user's items one read or one erasure handles at a time. */
const PAGE = 100;

/**
 * Only the items really under `prefix`: the store matches a namespace prefix with SQL `LIKE` on the
 * joined path, so "users:anna" also matches "users:annabel" and "_" matches any character. Every read
 * of a user's items goes through here.
 */
export function within<T extends { readonly namespace: readonly string[] }>(
  prefix: readonly string[],
  items: T[],
): T[] {
  return items.filter((item) => prefix.every((part, i) => item.namespace[i] === part));
}

/**
 * Per-user memory in LangGraph's long-term store (`BaseStore`; `PostgresStore` in production, the
 * graph reaches the same store through its run's config): the last 50 interactions and a profile.
 * Users never share a namespace.
 */
export function createUserMemory(store: BaseStore): UserMemory {
  async function all(namespace: string[]) {
    const items = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.search(namespace, { limit: PAGE, offset });
      items.push(...within(namespace, page));
      if (page.length < PAGE) return items;
    }
  }

  return {
    async record(i) {
      const c = i.classification;
      const stored: StoredInteraction = {
        threadId: i.threadId,
        question: i.question,
        answer: i.answer,
        intent: c.intent,
        queryType: c.queryType,
        language: c.language,
        at: new Date().toISOString(),
      };
      await store.put(interactionsOf(i.userId), interactionKey(Date.now()), { ...stored });
      const previous = StoredProfile.safeParse(
        (await store.get(userNamespace(i.userId), PROFILE_KEY))?.value,
      ).data;
      const topic = topicOf(c);
      const profile: StoredProfile = {
        preferredLanguage: c.language,
        answerLanguage:
          i.answerLanguage !== undefined ? i.answerLanguage : (previous?.answerLanguage ?? null),
        topics: { ...previous?.topics, [topic]: (previous?.topics[topic] ?? 0) + 1 },
        interactions: (previous?.interactions ?? 0) + 1,
      };
      await store.put(userNamespace(i.userId), PROFILE_KEY, { ...profile });
      // Bounded: the oldest beyond the last 50 go.
      const kept = within(
        interactionsOf(i.userId),
        await store.search(interactionsOf(i.userId), { limit: PAGE, offset: 0 }),
      );
      const old = kept.sort((a, b) => b.key.localeCompare(a.key)).slice(MAX_INTERACTIONS);
      await Promise.all(old.map((item) => store.delete(interactionsOf(i.userId), item.key)));
    },

    async profile(userId) {
      const parsed = StoredProfile.safeParse((await store.get(userNamespace(userId), PROFILE_KEY))?.value);
      if (!parsed.success) return null;
      const p = parsed.data;
      return {
        userId,
        preferredLanguage: p.preferredLanguage,
        answerLanguage: p.answerLanguage ?? null,
        topics: p.topics,
        interactions: p.interactions,
      };
    },

    async recent(userId, limit = MAX_INTERACTIONS) {
      const items = within(
        interactionsOf(userId),
        await store.search(interactionsOf(userId), { limit: PAGE, offset: 0 }),
      );
      return items
        .sort((a, b) => b.key.localeCompare(a.key))
        .flatMap((item) => {
          const parsed = StoredInteraction.safeParse(item.value);
          return parsed.success ? [parsed.data] : [];
        })
        .slice(0, Math.min(limit, MAX_INTERACTIONS))
        .map((r) => {
          return {
            userId,
            threadId: r.threadId,
            question: r.question,
            answer: r.answer,
            classification: {
              intent: r.intent,
              queryType: r.queryType,
              window: null,
              language: r.language,
              confidence: 1,
              analysis: null,
              followUp: false,
              reason: "",
              plan: null,
            },
          };
        });
    },

    async eraseUser(userId) {
      const items = await all(userNamespace(userId));
      await Promise.all(items.map((item) => store.delete(item.namespace, item.key)));
      return items.filter((item) => item.namespace.at(-1) === "interactions").length;
    },
  };
}

/** The user memory of a graph run: the store the graph was compiled with reaches nodes as `config.store`. */
export function memoryOf(config: { readonly store?: BaseStore } | undefined): UserMemory | null {
  return config?.store ? createUserMemory(config.store) : null;
}

/**
 * Moves what an earlier version kept in its own tables (`user_interaction`, `user_profile`) into the
 * store, once: rows are deleted as they are moved, so a start that stops halfway goes on next time.
 */
export async function moveLegacyMemory(pool: pg.Pool, appSchema: string, store: BaseStore): Promise<number> {
  const interactions = `${appSchema}.user_interaction`;
  const profiles = `${appSchema}.user_profile`;
  const { rows } = await pool.query<{
    id: string;
    user_id: string;
    thread_id: string;
    question: string;
    answer: string;
    intent: Classification["intent"];
    query_type: Classification["queryType"];
    language: Language;
    created_at: Date | null;
  }>(`SELECT * FROM ${interactions} ORDER BY id`);
  for (const r of rows) {
    const at = r.created_at ?? new Date();
    const stored: StoredInteraction = {
      threadId: r.thread_id,
      question: r.question,
      answer: r.answer,
      intent: r.intent,
      queryType: r.query_type,
      language: r.language,
      at: at.toISOString(),
    };
    await store.put(
      interactionsOf(r.user_id),
      `${String(at.getTime()).padStart(15, "0")}-${String(r.id).padStart(6, "0")}`,
      {
        ...stored,
      },
    );
    await pool.query(`DELETE FROM ${interactions} WHERE id = $1`, [r.id]);
  }
  const profileRows = await pool.query<{
    user_id: string;
    preferred_language: Language;
    topics: Record<string, number>;
    interactions: number;
  }>(`SELECT user_id, preferred_language, topics, interactions FROM ${profiles}`);
  for (const p of profileRows.rows) {
    const profile: StoredProfile = {
      preferredLanguage: p.preferred_language,
      topics: p.topics,
      interactions: p.interactions,
    };
    await store.put(userNamespace(p.user_id), PROFILE_KEY, { ...profile });
    await pool.query(`DELETE FROM ${profiles} WHERE user_id = $1`, [p.user_id]);
  }
  return rows.length;
}
