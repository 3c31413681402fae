import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { Logger } from "../../config/logger.ts";
import { loadEnv } from "../../config/env.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import type { DatabaseKind } from "../../db/database.ts";
import { createMilhenaRuntime, type MilhenaRuntime, type RuntimeOverrides } from "../../graph/runtime.ts";
import { applyServerTimeouts, createApp } from "../../server/app.ts";
import { createServerDeps, type AppDeps, type ServerDepsOverrides } from "../../server/deps.ts";
import { runEtl } from "../../tools/etl.ts";
import { createTestDatabase, type TestDatabase } from "./testDatabase.ts";

export interface TestServer {
  readonly baseUrl: string;
  createKey(userId: string, role?: "user" | "admin"): Promise<string>;
  readonly runtime: MilhenaRuntime;
  readonly deps: AppDeps;
  readonly db: TestDatabase;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly backend?: DatabaseKind;
  readonly env?: Record<string, string>;
  readonly deps?: ServerDepsOverrides;
  /** Graph dependencies to replace (a classifier that holds a run, say). */
  readonly runtime?: Pick<RuntimeOverrides, "classifier">;
  /** One logger for the graph and the server (default: silent). */
  readonly logger?: Logger;
  /** Demo executions to seed (default 800 over 20 days). */
  readonly executions?: number;
}

/** The real server on a random port, on a fresh test database with a little demo data. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = await createTestDatabase(options.backend ?? "postgres");
  const env = loadEnv({
    LOG_LEVEL: "silent",
    RATE_LIMIT_RPM: "6000",
    RATE_LIMIT_BURST: "1000",
    ...options.env,
  });
  const runtime = await createMilhenaRuntime(env, {
    ...options.runtime,
    database: db,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  await seedDemo(db.pool, {
    n8nSchema: env.N8N_SCHEMA,
    executions: options.executions ?? 800,
    days: 20,
    seed: 7,
    now: new Date(),
  });
  await runEtl(db.pool, {
    n8nSchema: env.N8N_SCHEMA,
    appSchema: env.MILHENA_SCHEMA,
    timeZone: env.BUSINESS_TZ,
  });
  const deps = createServerDeps(env, runtime, {
    logger: options.logger ?? pino({ level: "silent" }),
    ...options.deps,
  });
  const server = http.createServer(createApp(deps));
  applyServerTimeouts(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    createKey: async (userId, role = "user") => (await deps.keys.create(userId, role)).key,
    runtime,
    deps,
    db,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.runs.drain();
      await deps.close();
      await db.destroy();
    },
  };
}
