import http from "node:http";
import { loadEnv } from "../config/env.ts";
import { ensureDemoData } from "../db/demoData.ts";
import { createMilhenaRuntime } from "../graph/runtime.ts";
import { applyServerTimeouts, createApp } from "./app.ts";
import { createServerDeps, type AppDeps } from "./deps.ts";
import { cancelOwnQueries, shutdown, trackInFlight } from "./shutdown.ts";

/** `npm run serve`: the chat API, the web chat and the Agent Server API on PORT. */
async function main(): Promise<void> {
  const env = loadEnv();
  const runtime = await createMilhenaRuntime(env);
  if (runtime.database.kind === "pglite") await ensureDemoData(runtime.database.pool, env);
  const deps = createServerDeps(env, runtime);
  const server = http.createServer(createApp(deps));
  const inFlight = trackInFlight(server);
  applyServerTimeouts(server);
  await new Promise<void>((resolve) => server.listen(env.PORT, resolve));
  deps.logger.info(
    { port: env.PORT, database: runtime.database.kind, providers: Object.keys(runtime.providerStatus()) },
    `Milhena is listening on http://localhost:${env.PORT}/`,
  );
  await offerFirstKey(deps, runtime.database.kind, env.PORT);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      deps.logger.warn({ signal }, "shutdown already under way");
      return;
    }
    stopping = true;
    void shutdown(signal, {
      server,
      inFlight,
      onDraining: () => {
        deps.lifecycle.draining = true;
      },
      settled: () => deps.runs.drain(),
      cancelQueries: cancelOwnQueries(runtime.database),
      closers: [
        { name: "deps", close: () => deps.close() },
        { name: "runtime", close: () => runtime.close() },
      ],
      logger: deps.logger,
      budgetMs: env.SHUTDOWN_TIMEOUT_MS,
      exit: (code) => process.exit(code),
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
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
