import type { ServerResponse } from "node:http";
import { toWire } from "./agentServer/wire.ts";

/** One Server-Sent Event; `data` is serialized with the wire serializer (messages as dicts). */
export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

const EVENT_NAME = /^[A-Za-z0-9_/|.:-]{1,100}$/;

/**
 * The text of one event: `event: <name>`, one `data:` line of JSON (JSON never contains a raw line
 * break), then a blank line.
 */
export function formatSseEvent({ event, data }: SseEvent): string {
  if (!EVENT_NAME.test(event)) throw new Error(`invalid SSE event name: ${JSON.stringify(event)}`);
  return `event: ${event}\ndata: ${JSON.stringify(toWire(data) ?? null)}\n\n`;
}

export interface SseWriter {
  /** True once the response headers are out (from then on errors travel as events). */
  readonly started: boolean;
  /** True when the client went away or the response ended. */
  readonly closed: boolean;
  /** Sends the status line and the event-stream headers (idempotent). */
  start(headers?: Readonly<Record<string, string>>): void;
  /** Writes one event, waiting for the socket to drain when its buffer is full. False when closed. */
  send(event: SseEvent): Promise<boolean>;
  end(): void;
}

/** An SSE writer on a node/express response. */
export function createSseWriter(res: ServerResponse): SseWriter {
  let started = false;
  let closed = false;
  let wakeDrain: (() => void) | null = null;
  res.on("close", () => {
    closed = true;
    wakeDrain?.();
  });
  const writer: SseWriter = {
    get started() {
      return started;
    },
    get closed() {
      return closed || res.writableEnded || res.destroyed;
    },
    start(headers = {}) {
      if (started) return;
      started = true;
      res.statusCode = 200;
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
      res.setHeader("Cache-Control", "no-store, no-transform");
      res.setHeader("Connection", "keep-alive");
      res.setHeader("X-Accel-Buffering", "no");
      res.flushHeaders();
    },
    async send(event) {
      writer.start();
      if (writer.closed) return false;
      const ok = res.write(formatSseEvent(event));
      if (!ok && !writer.closed) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            wakeDrain = null;
            resolve();
          };
          wakeDrain = done;
          res.on("drain", done);
        });
      }
      return !writer.closed;
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
  return writer;
}
