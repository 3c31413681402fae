import http from "node:http";
import { loadEnv } from "../config/env.ts";
import { ensureDemoData } from "../db/demoData.ts";
import { createMilhenaRuntime } from "../graph/runtime.ts";
import { createApp } from "./app.ts";
import { createServerDeps, type AppDeps } from "./deps.ts";

/** Longest a shutdown waits for in-flight answers before closing anyway. */
const DRAIN_TIMEOUT_MS = 25_000;

/** `npm run serve`: the chat API, the web chat and the Agent Server API on PORT. */
async function main(): Promise<void> {
  const env = loadEnv();
  const runtime = await createMilhenaRuntime(env);
  if (runtime.database.kind === "pglite") await ensureDemoData(runtime.database.pool, env);
  const deps = createServerDeps(env, runtime);
  const server = http.createServer(createApp(deps));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(env.PORT, resolve));
  deps.logger.info(
    { port: env.PORT, database: runtime.database.kind, providers: Object.keys(runtime.providerStatus()) },
    `Milhena is listening on http://localhost:${env.PORT}/`,
  );
  await offerFirstKey(deps, runtime.database.kind, env.PORT);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, "shutting down: draining in-flight answers");
    deps.lifecycle.draining = true;
    server.close();
    server.closeIdleConnections();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref());
    void Promise.race([deps.runs.drain(), timeout])
      .then(async () => {
        server.closeAllConnections();
        await deps.close();
        await runtime.close();
        deps.logger.info({}, "stopped");
        process.exit(0);
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: String(error) }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/**
 * On the embedded database (a local try-out) with no key yet, make one for "owner" and show it once on
 * the terminal — the embedded database cannot be opened by `npm run keys` while the server holds it.
 */
async function offerFirstKey(deps: AppDeps, kind: string, port: number): Promise<void> {
  if (kind !== "pglite") return;
  const { rows } = await deps.runtime.database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${deps.env.MILHENA_SCHEMA}.api_keys WHERE revoked_at IS NULL`,
  );
  if ((rows[0]?.n ?? 0) > 0) return;
  const { key } = await deps.keys.create("owner", "admin");
  process.stdout.write(
    `\nNo API key existed yet: created one for user "owner" (admin). It is shown only this once.\n` +
      `Open http://localhost:${port}/ and sign in with:\n\n  ${key}\n\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    JSON.stringify({
      level: "error",
      msg: "milhena server failed to start",
      error: error instanceof Error ? error.message : String(error),
    }) + "\n",
  );
  process.exit(1);
});
