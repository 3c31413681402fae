import { describe, expect, it } from "vitest";
import { createRequestContext, withClassification } from "../graph/context.ts";
import { INTENTS, type Intent } from "../graph/labels.ts";
import { classification } from "../test/support/fakes.ts";
import { route } from "./route.ts";

const base = createRequestContext({
  requestId: "r",
  threadId: "t",
  userId: "u",
  question: "q",
  now: new Date(),
  startedAtMs: 0,
  previousTurn: null,
});
const stateFor = (intent: Intent) => ({
  messages: [],
  lastTurn: null,
  response: null,
  context: withClassification(base, classification({ intent })),
});

describe("route", () => {
  it.each(INTENTS.map((i) => [i]))("sends %s to the right branch", (intent) => {
    const expected = ["BUSINESS_DATA", "ANALYSIS", "PREDICTION"].includes(intent)
      ? "businessTool"
      : "respond";
    expect(route(stateFor(intent))).toBe(expected);
  });

  it("refuses to route an unclassified request", () => {
    expect(() => route({ messages: [], lastTurn: null, response: null, context: base })).toThrow(
      /Classification missing/,
    );
  });
});
