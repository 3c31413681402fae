import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "./freePort.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** A server in a child process of its own (its own process group, so it stops with everything it started). */
export interface ChildServer {
  readonly url: string;
  /** What it printed so far (for a failure's message). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `command` with `args` (PORT in the environment and `{port}` in the arguments name its port)
 * and waits until `GET <url><readyPath>` answers 2xx.
 */
export async function startChildServer(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; readyPath: string; timeoutMs: number },
): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    command,
    args.map((a) => a.replace("{port}", String(port))),
    {
      cwd: ROOT,
      env: { ...options.env, PORT: String(port) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal("SIGTERM");
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 10_000)),
    ]);
    if (!stopped) signal("SIGKILL");
  };

  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}${options.readyPath}`);
      if (res.ok) return { url, output: () => output, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`${command} did not start in ${options.timeoutMs} ms:\n${output}`);
}

/** The official server, `langgraph dev`, on Milhena's `langgraph.json` (its own in-memory checkpointer). */
export function startLanggraphDev(env: NodeJS.ProcessEnv, timeoutMs = 150_000): Promise<ChildServer> {
  const cli = path.join(ROOT, "node_modules/@langchain/langgraph-cli/dist/cli/cli.mjs");
  const config = path.join(ROOT, "langgraph.json");
  return startChildServer(
    process.execPath,
    [cli, "dev", "--port", "{port}", "--host", "127.0.0.1", "--no-browser", "--config", config],
    { env: { LANGGRAPH_CLI_NO_ANALYTICS: "1", ...env }, readyPath: "/ok", timeoutMs },
  );
}

/** The environment a child server gets: this one's, on `databaseUrl`, in UTC, logging only warnings. */
export function childServerEnv(databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LANGGRAPH_CLI_NO_ANALYTICS: "1",
    LOG_LEVEL: "warn",
    BUSINESS_TZ: "UTC",
    DATABASE_URL: databaseUrl,
    ...extra,
  };
}
