import type { AddressInfo } from "node:net";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { seedDemo } from "../../db/demo/seed.ts";
import { createMilhenaRuntime, type MilhenaRuntime } from "../../graph/runtime.ts";
import { createApp } from "../../server/app.ts";
import { createServerDeps, type AppDeps } from "../../server/deps.ts";
import { runEtl } from "../../tools/etl.ts";
import { createTestDatabase } from "./testDatabase.ts";

export interface TestServer {
  readonly baseUrl: string;
  createKey(userId: string, role?: "user" | "admin"): Promise<string>;
  readonly runtime: MilhenaRuntime;
  readonly deps: AppDeps;
  close(): Promise<void>;
}

/** The server on a random port over a fresh test database with small demo data. */
export async function startTestServer(
  options: { backend?: "postgres" | "pglite"; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const db = await createTestDatabase(options.backend ?? "postgres");
  const env = loadEnv({ LOG_LEVEL: "silent", ...options.env });
  const runtime = await createMilhenaRuntime(env, { database: db, logger: silentLogger });
  await seedDemo(db.pool, { n8nSchema: env.N8N_SCHEMA, executions: 500, days: 10, seed: 7, now: new Date() });
  await runEtl(db.pool, {
    n8nSchema: env.N8N_SCHEMA,
    appSchema: env.MILHENA_SCHEMA,
    timeZone: env.BUSINESS_TZ,
  });
  const deps = createServerDeps(env, runtime);
  const app = createApp(deps);
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    createKey: async (userId, role = "user") => (await deps.keys.create(userId, role)).key,
    runtime,
    deps,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.runs.drain();
      await runtime.close().catch(() => undefined);
      await db.destroy();
    },
  };
}
