import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type pg from "pg";
import type { Caller } from "../caller.ts";

export type Role = Caller["role"];

export interface CreatedKey {
  readonly keyId: string;
  /** The key itself: shown once, never stored. */
  readonly key: string;
}

/** API keys: only a SHA-256 of each key is stored; a key is `mk_<keyId>_<secret>`. */
export interface ApiKeyStore {
  create(userId: string, role: Role): Promise<CreatedKey>;
  /** The caller a key belongs to, or null for an unknown, malformed or revoked key. */
  verify(key: string): Promise<Caller | null>;
  revoke(keyId: string): Promise<boolean>;
}

const KEY_FORMAT = /^mk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function createApiKeyStore(pool: pg.Pool, appSchema: string): ApiKeyStore {
  const table = `${appSchema}.api_keys`;
  return {
    async create(userId, role) {
      if (!USER_ID.test(userId)) throw new Error("A user id is 1–64 letters, digits, dots, @, _ or -.");
      const keyId = randomBytes(8).toString("hex");
      const key = `mk_${keyId}_${randomBytes(32).toString("base64url")}`;
      await pool.query(`INSERT INTO ${table} (key_id, key_hash, user_id, role) VALUES ($1, $2, $3, $4)`, [
        keyId,
        sha256(key),
        userId,
        role,
      ]);
      return { keyId, key };
    },
    async verify(key) {
      const match = KEY_FORMAT.exec(key);
      if (!match?.[1]) return null;
      const { rows } = await pool.query<{ key_hash: string; user_id: string; role: Role }>(
        `SELECT key_hash, user_id, role FROM ${table} WHERE key_id = $1 AND revoked_at IS NULL`,
        [match[1]],
      );
      const row = rows[0];
      if (!row) return null;
      const given = Buffer.from(sha256(key), "hex");
      const stored = Buffer.from(row.key_hash, "hex");
      if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
      return { userId: row.user_id, role: row.role, keyId: match[1] };
    },
    async revoke(keyId) {
      const { rowCount } = await pool.query(
        `UPDATE ${table} SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL`,
        [keyId],
      );
      return (rowCount ?? 0) > 0;
    },
  };
}
