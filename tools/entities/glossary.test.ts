import { describe, expect, it } from "vitest";
import { conceptOf, isGenericConcept, NAME_STOPWORDS, nameTokens, sameConcept } from "./glossary.ts";

describe("conceptOf / sameConcept", () => {
  it("puts the Italian and English words of one concept together", () => {
    expect(conceptOf("solleciti")).toBe("reminder");
    expect(conceptOf("reminders")).toBe("reminder");
    expect(conceptOf("fatture")).toBe("invoice");
    expect(conceptOf("invoice")).toBe("invoice");
    expect(sameConcept("invoice", "fatture")).toBe(true);
    expect(sameConcept("reminders", "solleciti")).toBe(true);
    expect(sameConcept("backup", "backups")).toBe(true);
    expect(sameConcept("documents", "documenti")).toBe(true);
    expect(sameConcept("sorting", "smistamento")).toBe(true);
    expect(sameConcept("overdue", "scadute")).toBe(true);
    expect(sameConcept("xmas", "natale")).toBe(true);
  });

  it("keys the glossary by normalized words (e-mail is email, fatturazione has no accent)", () => {
    expect(conceptOf("email")).toBe("email");
    expect(sameConcept("fatturazione", "invoice")).toBe(true);
  });

  it("does not relate words of different concepts, or unknown words", () => {
    expect(sameConcept("invoice", "orders")).toBe(false);
    expect(sameConcept("reminder", "overdue")).toBe(false);
    // Two words that are not in the glossary are never "the same concept", even when equal.
    expect(sameConcept("shopify", "shopify")).toBe(false);
    expect(conceptOf("shopify")).toBe("shopify");
  });
});

describe("isGenericConcept", () => {
  it("marks kinds of work as generic and telling words as not", () => {
    for (const word of [
      "emails",
      "ordini",
      "clienti",
      "contatti",
      "fatture",
      "report",
      "workflow",
      "inbox",
      "weekly",
    ])
      expect(isGenericConcept(conceptOf(word)), word).toBe(true);
    for (const word of [
      "solleciti",
      "smistamento",
      "backup",
      "documenti",
      "supporto",
      "natale",
      "spedizioni",
    ])
      expect(isGenericConcept(conceptOf(word)), word).toBe(false);
  });

  it("treats a word outside the glossary (a brand) as telling", () => {
    expect(isGenericConcept(conceptOf("shopify"))).toBe(false);
  });
});

describe("nameTokens", () => {
  it("lower-cases, strips accents and drops joining words of both languages", () => {
    expect(nameTokens("Backup documenti su Drive")).toEqual(["backup", "documenti", "drive"]);
    expect(nameTokens("The reminders for the overdue invoices")).toEqual([
      "reminders",
      "overdue",
      "invoices",
    ]);
    expect(nameTokens("Caffè del lunedì")).toEqual(["caffe", "lunedi"]);
    expect(nameTokens("Fatturazióne  elettronica!")).toEqual(["fatturazione", "elettronica"]);
  });

  it("splits apostrophes and punctuation and joins e-mail", () => {
    expect(nameTokens("l'e-mail di supporto, per l'ufficio")).toEqual(["email", "supporto", "ufficio"]);
    expect(NAME_STOPWORDS.has("l")).toBe(true);
  });

  it("returns nothing for joining words only", () => {
    expect(nameTokens("the of di")).toEqual([]);
    expect(nameTokens("")).toEqual([]);
  });
});
