import { describe, expect, it } from "vitest";
import { withClassification } from "../graph/context.ts";
import { resolveWindow } from "../tools/timeWindows.ts";
import type { ToolResult } from "../tools/types.ts";
import { classification, fakeDeps, testContext } from "../test/support/fakes.ts";
import { makeBusinessTool } from "./businessTool.ts";

const NOW = new Date("2026-11-18T10:00:00Z");
const base = testContext({ now: NOW });
const state = withClassification(
  base,
  classification({ queryType: "ERRORS", window: { kind: "yesterday" }, language: "it" }),
);

describe("businessTool", () => {
  it("syncs business data, then asks the tool with the classification and the request time", async () => {
    let seen: { queryType: string | null; now: string } | null = null;
    const { deps, calls } = fakeDeps({
      result: (c, now) => {
        seen = { queryType: c.queryType, now: now.toISOString() };
        const result: ToolResult = {
          kind: "errors",
          range: resolveWindow(c.window!, now, "UTC"),
          failures: 2,
          runs: 9,
          byWorkflow: [],
        };
        return Promise.resolve(result);
      },
    });
    const update = await makeBusinessTool(deps)({
      messages: [],
      lastTurn: null,
      response: null,
      context: state,
    });
    expect(calls.sync).toBe(1);
    expect(seen).toEqual({ queryType: "ERRORS", now: NOW.toISOString() });
    expect(update.context!.toolResult).toMatchObject({ kind: "errors", failures: 2 });
    expect(update.context!.answer).toBeNull();
  });

  it("answers a polite 'try again' in the user's language when the data cannot be read, and logs why", async () => {
    const { deps, lines } = fakeDeps({ result: () => Promise.reject(new Error("connection terminated")) });
    const update = await makeBusinessTool(deps)({
      messages: [],
      lastTurn: null,
      response: null,
      context: state,
    });
    expect(update.context!.toolResult).toBeNull();
    expect(update.context!.answer).toMatch(/Riprova tra poco/);
    expect(update.context!.answer).not.toMatch(/connection/);
    expect(lines.some((l) => l.level === "error" && l.error === "connection terminated")).toBe(true);
  });
});
