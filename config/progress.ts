/** Progress on stderr: a line redrawn in place on a terminal, a JSON line every ~10% otherwise. */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDecile = -1;
  return {
    update(done: number, total: number) {
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(done / seconds) : 0;
      if (stream.isTTY) {
        stream.write(
          `\r${label}: ${pct}% (${done.toLocaleString("en")}/${total.toLocaleString("en")}, ${rate.toLocaleString("en")}/s)   `,
        );
      } else if (Math.floor(pct / 10) !== lastDecile) {
        lastDecile = Math.floor(pct / 10);
        stream.write(
          JSON.stringify({
            time: new Date().toISOString(),
            level: "info",
            msg: label,
            done,
            total,
            percent: pct,
            ratePerSecond: rate,
          }) + "\n",
        );
      }
    },
    finish() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
