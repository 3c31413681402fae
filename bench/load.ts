/**
 * The HTTP load generator, run as a child process of the bench (forked by bench/http.ts) so that
 * autocannon's client work does not share the server's event loop. It takes `LoadRequest`s over IPC
 * and answers each with ticks (one a second) and a `LoadResult`.
 */
import autocannon from "autocannon";
import { summarizeRun, type HttpRunReport } from "./stats.ts";

/** What one connection sends, again and again. */
export interface LoadClient {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LoadRequest {
  readonly type: "run";
  readonly id: number;
  readonly url: string;
  readonly path: string;
  readonly seconds: number;
  /** One per connection: connection i sends clients[i] (its own key and thread). */
  readonly clients: readonly LoadClient[];
}

export type LoadMessage =
  | { readonly type: "tick"; readonly id: number; readonly second: number }
  | { readonly type: "done"; readonly id: number; readonly report: HttpRunReport }
  | { readonly type: "error"; readonly id: number; readonly message: string };

const CACHED = '"cached":true';

const toError = (error: unknown) =>
  error instanceof Error ? error : new Error(error ? JSON.stringify(error) : "autocannon gave no result");

async function run(request: LoadRequest, send: (message: LoadMessage) => void): Promise<void> {
  let next = 0;
  let ok = 0;
  let cached = 0;
  let finish: (error: unknown, result: autocannon.Result | undefined) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error || !result ? reject(toError(error)) : resolve(result));
  });
  const options: autocannon.Options = {
    url: request.url,
    connections: request.clients.length,
    duration: request.seconds,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: request.path,
        onResponse: (status, body) => {
          if (status !== 200) return;
          ok++;
          if (body.includes(CACHED)) cached++;
        },
      },
    ],
    setupClient: (client) => {
      const mine = request.clients[next++ % request.clients.length]!;
      client.setHeadersAndBody(mine.headers, mine.body);
    },
  };
  const instance = autocannon(options, (error: unknown, result) => finish(error, result));
  let second = 0;
  instance.on("tick", () => send({ type: "tick", id: request.id, second: ++second }));
  const result = await finished;
  send({ type: "done", id: request.id, report: summarizeRun(result, ok, cached) });
}

if (process.send) {
  const send = (message: LoadMessage) => process.send?.(message);
  process.on("message", (message: LoadRequest) => {
    run(message, send).catch((error: unknown) =>
      send({
        type: "error",
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
      }),
    );
  });
  process.on("disconnect", () => process.exit(0));
}
