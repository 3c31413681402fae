import { describe, expect, it } from "vitest";
import { withClassification } from "../graph/context.ts";
import type { Intent, Language } from "../graph/labels.ts";
import { classification, testContext } from "../test/support/fakes.ts";
import { respond } from "./respond.ts";

const base = testContext();
const run = (intent: Intent, language: Language) =>
  respond({
    messages: [],
    lastTurn: null,
    response: null,
    context: withClassification(base, classification({ intent, language, queryType: null, window: null })),
  });

describe("respond", () => {
  it.each([
    ["GREETING", "it", /Ciao/],
    ["GREETING", "en", /Hi/],
    ["HELP", "it", /Posso dirti/],
    ["HELP", "en", /I can tell you/],
    ["GENERAL", "it", /solo delle automazioni/],
    ["GENERAL", "en", /only look after/],
    ["UNSAFE", "it", /non posso farlo/],
    ["UNSAFE", "en", /can't do that/],
  ] as const)("answers %s in %s", async (intent, language, pattern) => {
    const update = await run(intent, language);
    expect(update.context!.answer).toMatch(pattern);
    expect(update.context!.source).toBe("rules");
  });

  it("does not answer data questions", async () => {
    await expect(run("BUSINESS_DATA", "en")).rejects.toThrow(/cannot answer/);
  });
});
