import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize.ts";
import { unsupportedTopic } from "./unsupported.ts";

/** Questions about the business that the data cannot answer, by topic (docs/query-plans.md, "Honest answers"). */
const topicOf = (q: string) => unsupportedTopic(normalizeText(q));

describe("unsupportedTopic", () => {
  it.each([
    ["what did Laura Conti write about?", "email_content"],
    ["what did Marco Rossi say in his emails?", "email_content"],
    ["cosa ci ha scritto Laura Conti?", "email_content"],
    ["di cosa ha scritto Marco Rossi ieri?", "email_content"],
    ["di cosa parlano le email di oggi?", "email_content"],
    ["quali prodotti abbiamo venduto?", "products"],
  ])("%s is %s", (q, topic) => {
    expect(topicOf(q)).toBe(topic);
  });

  it.each([
    "how many emails did Laura Conti write this week?",
    "quante email ci ha scritto Laura Conti?",
    "what did we sell yesterday in total?",
    "how many orders came in today?",
  ])("%s is a question the data answers", (q) => {
    expect(topicOf(q)).toBeNull();
  });
});
