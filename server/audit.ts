import type pg from "pg";

export type AuditEvent =
  | "auth.missing_key"
  | "auth.invalid_key"
  | "auth.throttled"
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
 * and forget, and `settled()` flushes what is pending and waits for every write still in flight
 * (before the pool closes).
 *
 * Events a flood repeats (bad keys, throttling, rate limits) are aggregated: the first of a kind from
 * one address (or user) on one route is written at once; the repeats within the next `windowMs` are
 * written as one row whose `occurrences` counts them, with `at`/`last_at` the first and last.
 */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  settled(): Promise<void>;
}

export interface AuditLogOptions {
  /** How long repeats are gathered into one row (default 10 s). */
  readonly windowMs?: number;
  readonly now?: () => number;
}

/** The events whose repeats are aggregated. */
const AGGREGATED: ReadonlySet<AuditEvent> = new Set([
  "auth.missing_key",
  "auth.invalid_key",
  "auth.throttled",
  "rate_limited",
  "access.other_users_thread",
]);

interface Repeats {
  readonly entry: AuditEntry;
  count: number;
  first: number;
  last: number;
}

export function createAuditLog(
  pool: pg.Pool,
  appSchema: string,
  onError: (error: unknown) => void,
  options: AuditLogOptions = {},
): AuditLog {
  const table = `${appSchema}.audit_events`;
  const windowMs = options.windowMs ?? 10_000;
  const now = options.now ?? Date.now;
  const inFlight = new Set<Promise<void>>();
  /** Per aggregation key: when its window opened, and the repeats gathered since. */
  const windows = new Map<string, { opened: number; repeats: Repeats | null }>();
  let timer: NodeJS.Timeout | null = null;

  async function write(entry: AuditEntry, occurrences = 1, at?: number, lastAt?: number): Promise<void> {
    try {
      await pool.query(
        `INSERT INTO ${table} (event, user_id, key_id, request_id, route, ip, detail, occurrences, at, last_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, now()), $10)`,
        [
          entry.event,
          entry.userId ?? null,
          entry.keyId ?? null,
          entry.requestId ?? null,
          entry.route ?? null,
          entry.ip ?? null,
          JSON.stringify(entry.detail ?? {}),
          occurrences,
          at === undefined ? null : new Date(at),
          lastAt === undefined ? null : new Date(lastAt),
        ],
      );
    } catch (error) {
      onError(error);
    }
  }

  function track(pending: Promise<void>): Promise<void> {
    inFlight.add(pending);
    void pending.then(() => inFlight.delete(pending));
    return pending;
  }

  /** Writes the repeats of every window that has closed (all of them when `all`). */
  function flush(all: boolean): void {
    const t = now();
    for (const [key, window] of windows) {
      if (!all && t - window.opened < windowMs) continue;
      windows.delete(key);
      const r = window.repeats;
      if (r) void track(write(r.entry, r.count, r.first, r.last));
    }
    if (windows.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  function aggregate(entry: AuditEntry): Promise<void> {
    const key = JSON.stringify([entry.event, entry.ip ?? "", entry.userId ?? "", entry.route ?? ""]);
    const t = now();
    const window = windows.get(key);
    if (!window || t - window.opened >= windowMs) {
      if (window) flush(false);
      windows.set(key, { opened: t, repeats: null });
      timer ??= setInterval(() => flush(false), Math.max(1_000, windowMs / 2)).unref();
      return track(write(entry));
    }
    if (window.repeats) {
      window.repeats.count++;
      window.repeats.last = t;
    } else {
      window.repeats = { entry, count: 1, first: t, last: t };
    }
    return Promise.resolve();
  }

  return {
    record(entry) {
      return AGGREGATED.has(entry.event) ? aggregate(entry) : track(write(entry));
    },
    async settled() {
      flush(true);
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
