import { createHash, randomBytes, randomUUID } from "node:crypto";
import pino from "pino";
import type pg from "pg";
import type { AppEnv } from "../config/env.ts";
import type { MilhenaRuntime } from "../graph/runtime.ts";
import type { Caller } from "./caller.ts";
import { createThreadRuns, type ThreadRuns } from "./threadRuns.ts";
import { createThreadStore, type ThreadStore } from "./threadStore.ts";

/** API keys: only their SHA-256 is stored; the key itself is shown once at creation. */
export interface ApiKeyStore {
  create(userId: string, role?: "user" | "admin"): Promise<{ key: string; keyId: string }>;
  verify(key: string): Promise<Caller | null>;
}

export interface AuditLog {
  record(userId: string | null, action: string, detail?: Record<string, unknown>): Promise<void>;
}

export interface RateLimiter {
  /** True when the user may make one more request now. */
  take(userId: string): Promise<boolean>;
}

export interface Metrics {
  observeRequest(route: string, status: number, seconds: number): void;
}

export interface AppDeps {
  readonly env: AppEnv;
  readonly runtime: MilhenaRuntime;
  readonly threads: ThreadStore;
  readonly runs: ThreadRuns;
  readonly keys: ApiKeyStore;
  readonly audit: AuditLog;
  readonly rateLimiter: RateLimiter;
  readonly metrics: Metrics;
  readonly logger: pino.Logger;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function createApiKeyStore(pool: pg.Pool, appSchema: string): ApiKeyStore {
  const table = `${appSchema}.api_keys`;
  return {
    async create(userId, role = "user") {
      const keyId = randomUUID();
      const key = `mk_${randomBytes(24).toString("base64url")}`;
      await pool.query(`INSERT INTO ${table} (key_id, key_hash, user_id, role) VALUES ($1, $2, $3, $4)`, [
        keyId,
        sha256(key),
        userId,
        role,
      ]);
      return { key, keyId };
    },
    async verify(key) {
      const { rows } = await pool.query<{ key_id: string; user_id: string; role: "user" | "admin" }>(
        `SELECT key_id, user_id, role FROM ${table} WHERE key_hash = $1 AND revoked_at IS NULL`,
        [sha256(key)],
      );
      const row = rows[0];
      return row ? { userId: row.user_id, role: row.role, keyId: row.key_id } : null;
    },
  };
}

export function createServerDeps(
  env: AppEnv,
  runtime: MilhenaRuntime,
  overrides: Partial<AppDeps> = {},
): AppDeps {
  const pool = runtime.database.pool;
  const schema = env.MILHENA_SCHEMA;
  return {
    env,
    runtime,
    threads: overrides.threads ?? createThreadStore(pool, schema, runtime.checkpointer),
    runs: overrides.runs ?? createThreadRuns(),
    keys: overrides.keys ?? createApiKeyStore(pool, schema),
    audit: overrides.audit ?? { record: () => Promise.resolve() },
    rateLimiter: overrides.rateLimiter ?? { take: () => Promise.resolve(true) },
    metrics: overrides.metrics ?? { observeRequest: () => undefined },
    logger: overrides.logger ?? pino({ level: env.LOG_LEVEL }),
  };
}
