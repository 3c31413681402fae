/**
 * Progress of the bench on stderr: on a terminal a progress bar per phase (config/progress.ts) and a
 * line when it ends; otherwise one JSON line per phase when it ends, with how long it took.
 */
import { createProgress } from "../config/progress.ts";

export interface Phase {
  /** How far the phase is (redrawn at most every 100 ms, on a terminal only). */
  update(done: number, total: number): void;
  /** Ends the phase; `detail` goes into its line. */
  end(detail?: Record<string, unknown>): void;
}

export type StartPhase = (name: string) => Phase;

export function createPhases(stream: NodeJS.WriteStream = process.stderr): StartPhase {
  return (name) => {
    const started = Date.now();
    const bar = stream.isTTY ? createProgress(name, stream) : null;
    let drawn = 0;
    return {
      update(done, total) {
        if (!bar) return;
        const now = Date.now();
        if (done < total && now - drawn < 100) return;
        drawn = now;
        bar.update(done, total);
      },
      end(detail = {}) {
        const ms = Date.now() - started;
        if (bar) {
          if (drawn > 0) bar.finish();
          const extra = Object.entries(detail)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(" ");
          stream.write(`${name}: done in ${(ms / 1000).toFixed(1)} s${extra ? ` (${extra})` : ""}\n`);
        } else {
          stream.write(
            JSON.stringify({
              time: new Date().toISOString(),
              level: "info",
              msg: "bench.phase",
              phase: name,
              ms,
              ...detail,
            }) + "\n",
          );
        }
      },
    };
  };
}
