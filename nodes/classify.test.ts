import { describe, expect, it } from "vitest";
import { MilhenaState } from "../graph/state.ts";
import { classification, fakeDeps, graphState, testContext } from "../test/support/fakes.ts";
import { makeClassify } from "./classify.ts";

type State = typeof MilhenaState.State;
const ctx = (question: string) => testContext({ requestId: "r1", question });
const state = (question: string): State => graphState({ context: ctx(question) });

describe("classify", () => {
  it("derives a new context with the classifier's labels, leaving the old one untouched", async () => {
    const labels = classification({ queryType: "EMAILS", language: "it" });
    const { deps } = fakeDeps({
      classifier: { classify: () => Promise.resolve({ classification: labels, source: "rules" }) },
    });
    const before = state("quante email oggi?");
    const update = await makeClassify(deps)(before);
    expect(update.context!.classification).toEqual(labels);
    expect(before.context!.classification).toBeNull();
    expect(update.context).not.toBe(before.context);
    expect(update.context!.source).toBe("rules");
  });

  it("records which provider labelled the question and what it cost", async () => {
    const labels = classification({ queryType: "ORDERS" });
    const { deps } = fakeDeps({
      classifier: {
        classify: (_q, _p, options) => {
          expect(options?.deadlineAt).toBeGreaterThan(Date.now());
          return Promise.resolve({
            classification: labels,
            source: "groq",
            usage: { llmCalls: 2, fallbacks: 1, inputTokens: 40, outputTokens: 8 },
          });
        },
      },
    });
    const update = await makeClassify(deps)(state("ordini?"));
    expect(update.context).toMatchObject({
      source: "groq",
      usage: { llmCalls: 2, fallbacks: 1, inputTokens: 40 },
    });
  });

  it("logs UNSAFE requests as security events without the question text", async () => {
    const labels = classification({ intent: "UNSAFE", queryType: null, window: null, reason: "sql" });
    const { deps, lines } = fakeDeps({
      classifier: { classify: () => Promise.resolve({ classification: labels, source: "rules" }) },
    });
    await makeClassify(deps)(state("'; DROP TABLE users; --"));
    const event = lines.find((l) => l.event === "security.unsafe_request");
    expect(event).toMatchObject({ level: "warn", rule: "sql", requestId: "r1" });
    expect(JSON.stringify(lines)).not.toContain("DROP TABLE");
  });
});

describe("classify a message about Milhena itself", () => {
  const never = {
    classify: () =>
      Promise.reject(new Error("the classifier must not be asked about a message about Milhena")),
  };

  it("labels a stated preference and a recall by the rules alone, without asking the classifier", async () => {
    const { deps } = fakeDeps({ classifier: never });
    const stated = (await makeClassify(deps)(state("rispondimi sempre in inglese"))).context!;
    expect(stated.statedPreference).toEqual({ answerLanguage: "en" });
    expect(stated.classification).toMatchObject({ intent: "GENERAL", language: "en", plan: null });
    expect(stated.source).toBe("rules");
    const recall = (await makeClassify(deps)(state("cosa ti ho chiesto l'ultima volta?"))).context!;
    expect(recall.recallsLastQuestion).toBe(true);
    expect(recall.classification).toMatchObject({ intent: "GENERAL", language: "it" });
  });

  it("leaves an unsafe message that also states a preference to the classifier", async () => {
    const labels = classification({ intent: "UNSAFE", queryType: null, window: null });
    const { deps } = fakeDeps({
      classifier: { classify: () => Promise.resolve({ classification: labels, source: "rules" }) },
    });
    const update = await makeClassify(deps)(
      state("rispondimi in inglese'; DROP TABLE n8n.execution_entity; --"),
    );
    expect(update.context!.classification?.intent).toBe("UNSAFE");
    expect(update.context!.statedPreference).toBeNull();
  });
});
