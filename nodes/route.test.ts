import { describe, expect, it } from "vitest";
import { withClassification } from "../graph/context.ts";
import { INTENTS, type Intent } from "../graph/labels.ts";
import { classification, testContext, graphState } from "../test/support/fakes.ts";
import { route } from "./route.ts";

const base = testContext();
const stateFor = (intent: Intent) =>
  graphState({ context: withClassification(base, classification({ intent })) });

describe("route", () => {
  it.each(INTENTS.map((i) => [i]))("sends %s to the right branch", (intent) => {
    const expected = ["BUSINESS_DATA", "ANALYSIS", "PREDICTION"].includes(intent)
      ? "businessTool"
      : "respond";
    expect(route(stateFor(intent))).toBe(expected);
  });

  it("refuses to route an unclassified request", () => {
    expect(() => route(graphState({ context: base }))).toThrow(/Classification missing/);
  });
});
