import { describe, expect, it } from "vitest";
import { readStatedPreference } from "./preference.ts";

describe("readStatedPreference", () => {
  it.each([
    ["rispondimi sempre in inglese", "en"],
    ["d'ora in poi parlami in italiano", "it"],
    ["Scrivimi in inglese, per favore", "en"],
    ["please always answer in Italian", "it"],
    ["from now on reply to me in English", "en"],
  ] as const)("%s sets the answer language", (q, language) => {
    expect(readStatedPreference(q)).toEqual({ answerLanguage: language });
  });

  it.each(["forget my language preference", "dimentica la mia preferenza di lingua"])("%s clears it", (q) => {
    expect(readStatedPreference(q)).toEqual({ answerLanguage: null });
  });

  it.each(["quante email in inglese sono arrivate?", "how many orders today?", "ciao", "in english?"])(
    "%s is not a preference",
    (q) => {
      expect(readStatedPreference(q)).toBeNull();
    },
  );
});
