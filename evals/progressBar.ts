/** A progress bar on stderr: redrawn in place on a terminal, a JSON line every 10% otherwise. */
export interface ProgressBar {
  update(done: number, total: number, note?: string): void;
  finish(): void;
}

export function renderBar(done: number, total: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${Math.floor(ratio * 100)}%`;
}

export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  let lastDecile = -1;
  return {
    update(done, total, note = "") {
      if (stream.isTTY) {
        stream.write(`\r${label} ${renderBar(done, total)} ${note}`.padEnd(100));
        return;
      }
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(
          JSON.stringify({ time: new Date().toISOString(), level: "info", msg: label, done, total, note }) +
            "\n",
        );
      }
    },
    finish() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
