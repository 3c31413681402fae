import type pg from "pg";

export type AuditEvent =
  | "auth.missing_key"
  | "auth.invalid_key"
  | "access.other_users_thread"
  | "rate_limited"
  | "unsafe_request"
  | "data.erased"
  | "key.created";

export interface AuditEntry {
  readonly event: AuditEvent;
  readonly userId?: string | null;
  readonly keyId?: string | null;
  readonly requestId?: string;
  readonly route?: string;
  readonly ip?: string;
  /** Small, secret-free facts (never a key, a message text or a stack). */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Security events, stored in `<app>.audit_events`. Writing never fails a request; callers may fire
 * and forget, and `settled()` waits for every write still in flight (before the pool closes).
 */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  settled(): Promise<void>;
}

export function createAuditLog(
  pool: pg.Pool,
  appSchema: string,
  onError: (error: unknown) => void,
): AuditLog {
  const table = `${appSchema}.audit_events`;
  const inFlight = new Set<Promise<void>>();
  async function write(entry: AuditEntry): Promise<void> {
    try {
      await pool.query(
        `INSERT INTO ${table} (event, user_id, key_id, request_id, route, ip, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          entry.event,
          entry.userId ?? null,
          entry.keyId ?? null,
          entry.requestId ?? null,
          entry.route ?? null,
          entry.ip ?? null,
          JSON.stringify(entry.detail ?? {}),
        ],
      );
    } catch (error) {
      onError(error);
    }
  }
  return {
    record(entry) {
      const pending = write(entry);
      inFlight.add(pending);
      void pending.then(() => inFlight.delete(pending));
      return pending;
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
