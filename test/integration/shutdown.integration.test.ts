import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import { createApiKeyStore } from "../../server/auth/apiKeys.ts";
import { runEtl } from "../../tools/etl.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";
import { freePort } from "../support/freePort.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BUDGET_MS = 6_000;
/** Slack on top of the budget for the signal, the process exit and its notification to the test. */
const EXIT_MARGIN_MS = 1_500;
const QUESTION = "how many workflow runs today?";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, log?: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${log ? `:\n${log()}` : ""}`);
}

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly log: () => string;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  readonly exited: Promise<number | null>;
}

/** `server/main.ts` as its own process (and process group) on a free port. */
async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: "info",
    SHUTDOWN_TIMEOUT_MS: String(BUDGET_MS),
    BUSINESS_TZ: "UTC",
    RATE_LIMIT_RPM: "6000",
    RATE_LIMIT_BURST: "1000",
    // Rules only and nothing remote: the answers come from the database alone.
    GEMINI_API_KEY: "",
    GROQ_API_KEY: "",
    REDIS_URL: "",
    LANGSMITH_TRACING: "false",
  };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const log = () => output;
  await until(
    "the server to listen",
    async () => {
      if (child.exitCode !== null) throw new Error(`the server exited early (${child.exitCode}):\n${log()}`);
      return fetch(`${url}/health`).then(
        (res) => res.ok,
        () => false,
      );
    },
    60_000,
    log,
  );
  return { child, url, log, exited };
}

function killGroup(child: ChildProcess | undefined): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** The structured log lines of a shutdown phase. */
function phases(log: string): string[] {
  return log
    .split("\n")
    .flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as { phase?: unknown };
        return typeof parsed.phase === "string" ? [parsed.phase] : [];
      } catch {
        return [];
      }
    })
    .filter((phase, i, all) => all.indexOf(phase) === i);
}

type Outcome =
  | {
      readonly kind: "response";
      readonly status: number;
      readonly connection: string | null;
      readonly body: unknown;
    }
  | { readonly kind: "error"; readonly error: string };

/** One `POST /api/chat`; a reset or closed connection is an outcome, not a failure. */
async function ask(url: string, key: string, threadId: string): Promise<Outcome> {
  try {
    const res = await fetch(`${url}/api/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ message: QUESTION, threadId }),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text, and the test says so
    }
    return { kind: "response", status: res.status, connection: res.headers.get("connection"), body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: "error", error: cause?.code ?? cause?.message ?? String(error) };
  }
}

// Server processes need a PostgreSQL they can share with the test (PGlite is single-process).
describe.runIf(TEST_BACKENDS.includes("postgres"))("graceful shutdown of server/main.ts", () => {
  let db: TestDatabase;
  let key = "";
  let server: Server | undefined;
  let locker: pg.Client | undefined;

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    await migrate(db.pool, { app: "milhena", n8n: "n8n" });
    await seedDemo(db.pool, { n8nSchema: "n8n", executions: 300, days: 5, seed: 11, now: new Date() });
    await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: "UTC" });
    key = (await createApiKeyStore(db.pool, "milhena").create("alice", "user")).key;
  });

  afterEach(async () => {
    await locker?.query("ROLLBACK").catch(() => undefined);
    await locker?.end().catch(() => undefined);
    locker = undefined;
    killGroup(server?.child);
    server = undefined;
  });

  afterAll(async () => {
    await db?.destroy();
  });

  /** Threads of alice's, their rows locked from the test's own transaction: the run's final UPDATE waits. */
  async function lockedThreads(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    await db.pool.query(
      "INSERT INTO milhena.threads (thread_id, user_id) SELECT unnest($1::text[]), 'alice'",
      [ids],
    );
    locker = new pg.Client({ connectionString: db.connectionString });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("SELECT thread_id FROM milhena.threads WHERE thread_id = ANY($1) FOR UPDATE", [ids]);
    return ids;
  }

  /** Every run has saved its turn and its request now waits on the locked row (threads.touch). */
  async function runsSavedAndWaiting(ids: string[], log: () => string): Promise<void> {
    await until(
      "every run to save its checkpoint and wait in threads.touch",
      async () => {
        const saved = await db.pool.query<{ n: number }>(
          "SELECT count(DISTINCT thread_id)::int AS n FROM milhena.checkpoints WHERE thread_id = ANY($1)",
          [ids],
        );
        const waiting = await db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE milhena.threads%'`,
        );
        return saved.rows[0]!.n === ids.length && waiting.rows[0]!.n === ids.length;
      },
      30_000,
      log,
    );
  }

  it("SIGTERM with answers saved but not yet sent: every client gets its 200, then exit 0", async () => {
    server = await startServer(db.connectionString);
    const { url, log } = server;
    const ids = await lockedThreads(4);
    const answers = Promise.all(ids.map((id) => ask(url, key, id)));
    await runsSavedAndWaiting(ids, log);

    const signalled = Date.now();
    server.child.kill("SIGTERM");
    await sleep(1_000);
    // The slow database answers again, well within the budget.
    await locker!.query("ROLLBACK");

    const outcomes = await answers;
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome, log()).toMatchObject({
        kind: "response",
        status: 200,
        connection: "close",
        body: { threadId: ids[i], answer: expect.any(String) as unknown },
      });
    }
    expect(await server.exited, log()).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(BUDGET_MS + EXIT_MARGIN_MS);
    expect(phases(log())).toEqual(
      expect.arrayContaining(["draining", "drained", "connections-closed", "closed", "stopped"]),
    );
    expect(phases(log())).not.toContain("cancelling");
  }, 90_000);

  it("SIGTERM while queries stay blocked: exits within SHUTDOWN_TIMEOUT_MS, no client hangs", async () => {
    server = await startServer(db.connectionString);
    const { url, log } = server;
    const ids = await lockedThreads(3);
    const answers = Promise.all(ids.map((id) => ask(url, key, id)));
    await runsSavedAndWaiting(ids, log);

    const signalled = Date.now();
    server.child.kill("SIGTERM");
    // The lock is never released while the process lives: only the shutdown's own cancel frees it.
    const code = await Promise.race([server.exited, sleep(BUDGET_MS + EXIT_MARGIN_MS).then(() => "hung")]);
    const took = Date.now() - signalled;
    expect(code, `still running ${took} ms after SIGTERM:\n${log()}`).not.toBe("hung");
    expect(took).toBeLessThan(BUDGET_MS + EXIT_MARGIN_MS);

    // Each client has its answer (an error once its query was cancelled) or a closed connection.
    const outcomes = await Promise.race([answers, sleep(2_000).then(() => "hung" as const)]);
    expect(outcomes, "a client still waits after the server exited").not.toBe("hung");
    for (const outcome of outcomes as Outcome[]) {
      if (outcome.kind === "response") expect(typeof outcome.body, log()).toBe("object");
      else expect(outcome.error).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed|closed/i);
    }
    expect(phases(log())).toEqual(expect.arrayContaining(["draining", "cancelling", "cancelled"]));
  }, 90_000);
});
