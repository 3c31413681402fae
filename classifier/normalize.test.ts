import { describe, expect, it } from "vitest";
import { createSpellFixer, editDistance, normalizeText } from "./normalize.ts";

describe("normalizeText", () => {
  it.each([
    ["  Com'È   ANDATA  ieri???  ", "com e andata ieri"],
    ["QUANTE   ESECUZIONI OGGI???", "quante esecuzioni oggi"],
    ["perché  falliscono?!", "perche falliscono"],
    ["affidabilità", "affidabilita"],
    ["quante e-mail oggi", "quante email oggi"],
    ["ultimi 7gg", "ultimi 7 gg"],
    ["last 24h", "last 24 h"],
    ["tasso di successo: 95%", "tasso di successo 95%"],
    ["DATABASE_URL", "database url"],
    ["how's it going…", "how s it going"],
    ["«ordini» — oggi", "ordini oggi"],
    ["", ""],
  ])("%j → %j", (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });
});

describe("editDistance (optimal string alignment)", () => {
  it.each([
    ["email", "email", 0],
    ["emial", "email", 1],
    ["yesteday", "yesterday", 1],
    ["erori", "errori", 1],
    ["ordnii", "ordini", 1],
    ["ordini", "errori", 2],
    ["a", "abc", 2],
  ])("%s ↔ %s = %i", (a, b, d) => {
    expect(editDistance(a, b, 1)).toBe(d);
  });

  it("stops counting past the cap", () => {
    expect(editDistance("completely", "different", 1)).toBe(2);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
  });
});

describe("createSpellFixer", () => {
  const fixer = createSpellFixer(
    ["email", "emails", "errori", "yesterday", "ordini", "rotto", "previsione"],
    ["sotto"],
  );

  it.each([
    ["emial", "email"],
    ["emaail", "email"],
    ["erori", "errori"],
    ["yesteday", "yesterday"],
    ["yesterdya", "yesterday"],
    ["ordnii", "ordini"],
    ["previsone", "previsione"],
    ["previsionee", "previsione"], // one longer than the longest word: still one edit away
  ])("corrects %s → %s", (typo, word) => {
    expect(fixer.fix(typo)).toBe(word);
  });

  it.each([
    ["mail", "short words are left alone"],
    ["emai", "short words are left alone"],
    ["sotto", "a protected common word"],
    ["errori", "a known word"],
    ["emailz", "ambiguous between email and emails"],
    ["zzzzz", "nothing near"],
    ["ordini2", "tokens with digits"],
    ["previsioneee", "two letters longer than any word"],
  ])("leaves %s alone (%s)", (token) => {
    expect(fixer.fix(token)).toBe(token);
  });

  it("leaves a message-long token alone", () => {
    const token = "x".repeat(10_000);
    expect(fixer.fix(token)).toBe(token);
  });

  it("knows its vocabulary and protected words", () => {
    expect(fixer.knows("email")).toBe(true);
    expect(fixer.knows("sotto")).toBe(true);
    expect(fixer.knows("emial")).toBe(false);
  });
});
