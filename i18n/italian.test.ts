import { describe, expect, it } from "vitest";
import { alNumber, allOf, dalNumber, ilNumber, isFeminine, participle, thereWas } from "./italian.ts";

describe("Italian grammar of the answers", () => {
  it("elides the article before numbers read with a vowel", () => {
    expect(["50%", "80%", "8%", "11%", "1,5%", "18%", "8.000", "1.234", "100%"].map(ilNumber)).toEqual([
      "il 50%",
      "l'80%",
      "l'8%",
      "l'11%",
      "l'1,5%",
      "il 18%",
      "l'8.000",
      "il 1.234",
      "il 100%",
    ]);
    expect(dalNumber("3 novembre")).toBe("dal 3 novembre");
    expect(dalNumber("8 novembre 2025")).toBe("dall'8 novembre 2025");
    expect(dalNumber("11 novembre 2025")).toBe("dall'11 novembre 2025");
    expect(alNumber("11")).toBe("all'11");
    expect(alNumber("10")).toBe("al 10");
  });

  it("knows the gender of the nouns Milhena counts", () => {
    for (const noun of [
      "esecuzioni",
      "email",
      "risposte preparate",
      "interruzioni per errore",
      "durata media",
    ])
      expect(isFeminine(noun), noun).toBe(true);
    for (const noun of ["ordini", "ordine", "mittenti diversi", "contatti acquisiti", "processi attivi"])
      expect(isFeminine(noun), noun).toBe(false);
    expect(allOf("ordini")).toBe("tutti gli ordini");
    expect(allOf("mittenti diversi")).toBe("tutti i mittenti diversi");
    expect(allOf("email")).toBe("tutte le email");
    expect([thereWas(1, true), thereWas(2, true), thereWas(1, false), thereWas(5, false)]).toEqual([
      "c'è stata",
      "ci sono state",
      "c'è stato",
      "ci sono stati",
    ]);
    expect(participle("eseguit", true, true)).toBe("eseguite");
    expect(participle("interrott", false, false)).toBe("interrotto");
  });
});
