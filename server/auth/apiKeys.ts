import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { LruMap } from "../../cache/lru.ts";
import type { Caller } from "../caller.ts";

export type Role = Caller["role"];

export interface CreatedKey {
  readonly keyId: string;
  /** The key itself: shown once, never stored. */
  readonly key: string;
}

export interface CreateKeyOptions {
  /** After this instant the key is refused (none: it never expires). */
  readonly expiresAt?: Date;
}

/** API keys: only a SHA-256 of each key is stored; a key is `mk_<keyId>_<secret>`. */
export interface ApiKeyStore {
  create(userId: string, role: Role, options?: CreateKeyOptions): Promise<CreatedKey>;
  /**
   * The caller a key belongs to, or null for an unknown, malformed, expired or revoked key. A key
   * verified in the last `cacheSeconds` is answered from memory; a verification that asks the
   * database also records the key's `last_used_at`.
   */
  verify(key: string): Promise<Caller | null>;
  /** The caller when the key was verified recently in this process (no database), else null. */
  verifyCached(key: string): Caller | null;
  revoke(keyId: string): Promise<boolean>;
}

export interface ApiKeyStoreOptions {
  /** How long a verified key is trusted without asking the database (0: always ask). */
  readonly cacheSeconds?: number;
  readonly now?: () => number;
}

const KEY_FORMAT = /^mk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;
/** Verified keys remembered per process (each entry is a hash and a caller). */
const CACHED_KEYS = 10_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

interface CachedCaller {
  readonly caller: Caller;
  readonly validUntil: number;
}

export function createApiKeyStore(
  pool: pg.Pool,
  appSchema: string,
  options: ApiKeyStoreOptions = {},
): ApiKeyStore {
  const table = `${appSchema}.api_keys`;
  const cacheMs = (options.cacheSeconds ?? 0) * 1000;
  const now = options.now ?? Date.now;
  // Keyed by the key's hash: the key itself is never kept.
  const cache = new LruMap<string, CachedCaller>(CACHED_KEYS);

  const cached = (hash: string): Caller | null => {
    const entry = cache.get(hash);
    if (!entry) return null;
    if (entry.validUntil > now()) return entry.caller;
    cache.delete(hash);
    return null;
  };

  return {
    async create(userId, role, createOptions = {}) {
      if (!USER_ID.test(userId)) throw new Error("A user id is 1–64 letters, digits, dots, @, _ or -.");
      const keyId = randomBytes(8).toString("hex");
      const key = `mk_${keyId}_${randomBytes(32).toString("base64url")}`;
      await pool.query(
        `INSERT INTO ${table} (key_id, key_hash, user_id, role, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [keyId, sha256(key), userId, role, createOptions.expiresAt ?? null],
      );
      return { keyId, key };
    },
    verifyCached(key) {
      return KEY_FORMAT.test(key) ? cached(sha256(key)) : null;
    },
    async verify(key) {
      const match = KEY_FORMAT.exec(key);
      if (!match?.[1]) return null;
      const hash = sha256(key);
      const hit = cached(hash);
      if (hit) return hit;
      // One round trip checks the key (id and hash, not revoked, not expired) and records its use.
      // The hash is compared by the database: it is a digest of the secret, which a timing attack
      // cannot steer byte by byte.
      const { rows } = await pool.query<{ user_id: string; role: Role; expires_at: Date | null }>(
        `UPDATE ${table} SET last_used_at = now()
          WHERE key_id = $1 AND key_hash = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
          RETURNING user_id, role, expires_at`,
        [match[1], hash],
      );
      const row = rows[0];
      if (!row) return null;
      const caller: Caller = { userId: row.user_id, role: row.role, keyId: match[1] };
      if (cacheMs > 0) {
        const expires = row.expires_at ? row.expires_at.getTime() : Number.POSITIVE_INFINITY;
        cache.set(hash, { caller, validUntil: Math.min(now() + cacheMs, expires) });
      }
      return caller;
    },
    async revoke(keyId) {
      const { rowCount } = await pool.query(
        `UPDATE ${table} SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL`,
        [keyId],
      );
      // This process stops trusting the key at once; other processes within their cache period.
      cache.clear();
      return (rowCount ?? 0) > 0;
    },
  };
}
