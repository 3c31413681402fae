import { describe, expect, it } from "vitest";
import { hasLanguageSignal } from "./languageSignal.ts";

describe("hasLanguageSignal", () => {
  it.each(["quante email oggi?", "how many orders today?", "ciao", "hello", "e ieri?"])(
    "%s says its language",
    (q) => {
      expect(hasLanguageSignal(q)).toBe(true);
    },
  );
  it.each(["ok", "42", "WooCommerce", "email?", "?"])("%s does not", (q) => {
    expect(hasLanguageSignal(q)).toBe(false);
  });
});
