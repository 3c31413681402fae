import type http from "node:http";
import pg from "pg";
import type { Database } from "../db/database.ts";

/** The logger calls shutdown makes (a pino logger fits). */
export interface ShutdownLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** The HTTP requests this server is still answering, from arrival until their response is closed. */
export interface InFlightRequests {
  readonly count: number;
  /**
   * From now on every response carries `Connection: close` (those in flight whose headers are not sent
   * yet too), and a connection left idle by a finished response is closed at once.
   */
  drain(): void;
  /** Resolves once no request is in flight. */
  idle(): Promise<void>;
}

/** Counts the server's requests through its 'request' event and each response's 'close'. */
export function trackInFlight(server: http.Server): InFlightRequests {
  const open = new Set<http.ServerResponse>();
  let waiters: (() => void)[] = [];
  let draining = false;
  const closeAfter = (res: http.ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close");
  };
  // Before the app's own listener, so even a response sent synchronously carries the header.
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    open.add(res);
    if (draining) closeAfter(res);
    res.once("close", () => {
      open.delete(res);
      if (draining) setImmediate(() => server.closeIdleConnections());
      if (open.size > 0) return;
      const resolved = waiters;
      waiters = [];
      for (const resolve of resolved) resolve();
    });
  });
  return {
    get count() {
      return open.size;
    },
    drain() {
      draining = true;
      for (const res of open) closeAfter(res);
    },
    idle() {
      if (open.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

/** Something shutdown closes after the connections, in order, each within its own timeout. */
export interface Closer {
  readonly name: string;
  close(): Promise<void>;
}

export interface ShutdownOptions {
  readonly server: Pick<http.Server, "close" | "closeIdleConnections" | "closeAllConnections">;
  readonly inFlight: InFlightRequests;
  /** Called first: new requests are refused from now on (503). */
  readonly onDraining?: () => void;
  /** Other work to let finish along with the responses (the graph runs). */
  readonly settled?: () => Promise<void>;
  /** Cancels this process's running database queries; resolves with how many were cancelled. */
  readonly cancelQueries: () => Promise<number>;
  readonly closers: readonly Closer[];
  readonly logger: ShutdownLogger;
  /** The whole shutdown, signal to exit, never takes longer than this. */
  readonly budgetMs: number;
  /** Longest one closer may take (bounded by what is left of the budget too). */
  readonly closeTimeoutMs?: number;
  readonly exit: (code: number) => void;
}

/** When, within a budget, blocked queries are cancelled, and how long each step after that may take. */
export function shutdownPhases(budgetMs: number): { cancelAtMs: number; stepMs: number } {
  const reserve = Math.min(3_000, Math.floor(budgetMs / 3));
  return { cancelAtMs: budgetMs - reserve, stepMs: Math.floor(reserve / 3) };
}

const TIMED_OUT = Symbol("timed out");
/** Leave this much of the budget for logging and exiting after the last closer. */
const EXIT_MARGIN_MS = 100;

/** The promise's value, or TIMED_OUT after `ms` (a rejection is passed on). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Graceful shutdown within `budgetMs`: stop accepting, let every in-flight response finish; when only
 * the end of the budget is left, cancel this process's queries (their requests answer with an error)
 * and give those answers a moment; then close all connections, run the closers and exit — 0 when
 * everything finished, 1 when something was abandoned or failed. A timer at the budget exits (1)
 * whatever is still pending. Resolves with the exit code it gave.
 */
export async function shutdown(signal: string, options: ShutdownOptions): Promise<number> {
  const { server, inFlight, logger, budgetMs } = options;
  // Monotonic: a wall-clock step must not stretch or cut the budget.
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const left = () => budgetMs - elapsed() - EXIT_MARGIN_MS;
  const { cancelAtMs, stepMs } = shutdownPhases(budgetMs);
  let exited = false;
  const exit = (code: number) => {
    if (exited) return;
    exited = true;
    clearTimeout(hard);
    options.exit(code);
  };
  const hard = setTimeout(() => {
    logger.error(
      { phase: "forced", ms: elapsed(), inFlight: inFlight.count },
      "shutdown: budget spent, exiting now",
    );
    exit(1);
  }, budgetMs);
  hard.unref();

  let clean = true;
  try {
    logger.info(
      { phase: "draining", signal, inFlight: inFlight.count, budgetMs },
      "shutdown: draining in-flight answers",
    );
    options.onDraining?.();
    inFlight.drain();
    server.close();
    server.closeIdleConnections();
    // A failed run is not our concern here (its request answers the error), but its failure must not
    // end the wait for the responses.
    const settled = Promise.resolve()
      .then(() => options.settled?.())
      .catch(() => undefined);
    const quiet = Promise.all([inFlight.idle(), settled]);

    if ((await within(quiet, cancelAtMs - elapsed())) !== TIMED_OUT) {
      logger.info({ phase: "drained", ms: elapsed() }, "shutdown: every answer was sent");
    } else {
      logger.warn(
        { phase: "cancelling", ms: elapsed(), inFlight: inFlight.count },
        "shutdown: answers still running, cancelling this process's queries",
      );
      const cancelled = await within(options.cancelQueries(), stepMs).catch((error: unknown) => {
        logger.error({ phase: "cancelling", err: message(error) }, "shutdown: cancelling queries failed");
        return 0;
      });
      logger.info(
        { phase: "cancelled", ms: elapsed(), cancelled: cancelled === TIMED_OUT ? null : cancelled },
        cancelled === TIMED_OUT ? "shutdown: cancelling queries timed out" : "shutdown: queries cancelled",
      );
      if ((await within(quiet, stepMs)) !== TIMED_OUT) {
        logger.info({ phase: "drained", ms: elapsed() }, "shutdown: every answer was sent");
      } else {
        clean = false;
        logger.warn(
          { phase: "abandoning", ms: elapsed(), inFlight: inFlight.count },
          "shutdown: closing connections with answers still unsent",
        );
      }
    }

    server.closeAllConnections();
    logger.info({ phase: "connections-closed", ms: elapsed() }, "shutdown: connections closed");

    for (const closer of options.closers) {
      const timeoutMs = Math.min(options.closeTimeoutMs ?? 5_000, left());
      const outcome = await within(
        closer.close().then(() => "closed" as const),
        timeoutMs,
      ).catch((error: unknown) => error);
      if (outcome === "closed") {
        logger.info({ phase: "closed", name: closer.name, ms: elapsed() }, `shutdown: ${closer.name} closed`);
        continue;
      }
      clean = false;
      if (outcome === TIMED_OUT)
        logger.error(
          { phase: "closed", name: closer.name, ms: elapsed(), timeoutMs },
          `shutdown: ${closer.name} did not close in time`,
        );
      else
        logger.error(
          { phase: "closed", name: closer.name, ms: elapsed(), err: message(outcome) },
          `shutdown: ${closer.name} failed to close`,
        );
    }
  } catch (error) {
    clean = false;
    logger.error({ phase: "failed", ms: elapsed(), err: message(error) }, "shutdown failed");
  }
  if (exited) return 1;
  const code = clean ? 0 : 1;
  logger.info({ phase: "stopped", ms: elapsed(), code }, "stopped");
  exit(code);
  return code;
}

/**
 * Cancels the running queries of this process's pool on PostgreSQL (found by its unique
 * `application_name`), from a connection of its own since the pool may be exhausted. The embedded
 * database has one in-process backend and nothing to cancel: 0.
 */
export function cancelOwnQueries(
  database: Pick<Database, "kind" | "connectionString" | "applicationName">,
  timeoutMs = 2_000,
): () => Promise<number> {
  return async () => {
    if (database.kind !== "postgres" || !database.applicationName) return 0;
    const client = new pg.Client({
      connectionString: database.connectionString,
      application_name: `${database.applicationName}:shutdown`,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    });
    client.on("error", () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*) FILTER (WHERE pg_cancel_backend(pid))::int AS n FROM pg_stat_activity
         WHERE application_name = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
        [database.applicationName],
      );
      return rows[0]?.n ?? 0;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
}
