import { describe, expect, it } from "vitest";
import { createProgressBar, renderBar } from "./progressBar.ts";

describe("progress bar", () => {
  it("draws the share done", () => {
    expect(renderBar(0, 4, 8)).toBe("[--------] 0/4 0%");
    expect(renderBar(2, 4, 8)).toBe("[####----] 2/4 50%");
    expect(renderBar(4, 4, 8)).toBe("[########] 4/4 100%");
  });

  it("writes a JSON line at each tenth when stderr is not a terminal", () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const bar = createProgressBar("Evaluating", stream);
    for (let i = 1; i <= 100; i++) bar.update(i, 100);
    bar.finish();
    expect(lines).toHaveLength(11);
    expect(JSON.parse(lines[10]!)).toMatchObject({ level: "info", msg: "Evaluating", done: 100, total: 100 });
  });
});
