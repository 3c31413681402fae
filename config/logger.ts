import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger as PinoLogger } from "pino";

/**
 * The one logger of Milhena (graph, server, CLI, evals): pino, one JSON object per line on stderr
 * (`time` ISO, `level` as a word, `msg`). Lines written while handling a request carry its request id,
 * thread and user from the log context (`withLogContext`), LLM calls and graph nodes included, without
 * each call site passing them. Secrets and question texts are never passed in.
 */
export type Logger = PinoLogger;
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const logContext = new AsyncLocalStorage<Readonly<Record<string, unknown>>>();

/** Runs `fn` with `fields` added to every log line written inside it (nested contexts add up). */
export function withLogContext<T>(fields: Readonly<Record<string, unknown>>, fn: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...fields }, fn);
}

export function createLogger(
  level: LogLevel = "info",
  base: Record<string, unknown> = {},
  destination: DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino(
    {
      level,
      base: { service: "milhena", ...base },
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...logContext.getStore() }),
    },
    destination,
  );
}

export const silentLogger: Logger = createLogger("silent");
