import { describe, expect, it } from "vitest";
import { detectLanguage, jargonIn } from "../evals/evaluators.ts";
import { statesFigures } from "../evals/figures.ts";
import type { Language } from "../graph/labels.ts";
import { MEASURES, UNSUPPORTED_TOPICS, type Clarification, type MeasureName } from "../graph/plan.ts";
import { findJargon } from "./jargon.ts";
import { clarifyReply, futureReply, unsupportedReply } from "./planReplies.ts";

const LANGS: readonly Language[] = ["it", "en"];

const clarify = (partial: Partial<Clarification> = {}): Clarification => ({
  kind: "clarify",
  measure: "runs",
  entity: "workflow",
  mention: "Promo Natale",
  reason: "unknown",
  candidates: [],
  ...partial,
});

/** Digits left once quoted names and the product name n8n are taken out: figures a user could read as the answer. */
const digitsOutsideNames = (text: string) =>
  text
    .replace(/«[^»]*»|“[^”]*”/g, " ")
    .replace(/\bn8n\b/gi, " ")
    .match(/\d/g) ?? [];

function expectHonest(text: string, lang: Language) {
  expect(digitsOutsideNames(text), text).toEqual([]);
  expect(statesFigures(text), text).toBe(false);
  expect(findJargon(text), text).toEqual([]);
  expect(jargonIn(text), text).toEqual([]);
  expect(detectLanguage(text), text).toBe(lang);
}

describe("clarifyReply", () => {
  it("asks which workflow was meant, naming the closest ones with 'o' / 'or'", () => {
    const plan = clarify({ candidates: ["Promo Natale 2024", "Ordini WooCommerce", "Newsletter clienti"] });
    expect(clarifyReply(plan, "it")).toBe(
      "Non trovo un processo che corrisponda a «Promo Natale». I più simili sono «Promo Natale 2024», «Ordini WooCommerce» o «Newsletter clienti»: intendevi uno di questi?",
    );
    expect(clarifyReply(plan, "en")).toBe(
      "I can't find a process matching “Promo Natale”. The closest are “Promo Natale 2024”, “Ordini WooCommerce” or “Newsletter clienti”: did you mean one of them?",
    );
  });

  it("offers no list when nothing is close", () => {
    expect(clarifyReply(clarify({ mention: "foo" }), "it")).toBe(
      "Non trovo un processo che corrisponda a «foo».",
    );
    expect(clarifyReply(clarify({ mention: "foo" }), "en")).toBe("I can't find a process matching “foo”.");
  });

  it("asks which of several matching workflows was meant", () => {
    const plan = clarify({
      mention: "email",
      reason: "ambiguous",
      candidates: ["Smistamento email clienti", "Customer support inbox"],
    });
    expect(clarifyReply(plan, "it")).toBe(
      "«email» può indicare più processi: «Smistamento email clienti» o «Customer support inbox». Quale intendi?",
    );
    expect(clarifyReply(plan, "en")).toBe(
      "“email” could mean more than one process: “Smistamento email clienti” or “Customer support inbox”. Which one do you mean?",
    );
  });

  it("asks which sender was meant", () => {
    const ambiguous = clarify({
      entity: "sender",
      mention: "Laura",
      reason: "ambiguous",
      candidates: ["Laura Conti", "Laura Bianchi"],
    });
    expect(clarifyReply(ambiguous, "it")).toBe(
      "Più mittenti corrispondono a «Laura»: «Laura Conti» o «Laura Bianchi». Di chi parli?",
    );
    expect(clarifyReply(ambiguous, "en")).toBe(
      "Several senders match “Laura”: “Laura Conti” or “Laura Bianchi”. Who do you mean?",
    );
    const unknown = clarify({ entity: "sender", mention: "Giulio Verdi", candidates: ["Giulia Verdi"] });
    expect(clarifyReply(unknown, "it")).toBe(
      "Non trovo email da «Giulio Verdi». I mittenti più simili sono «Giulia Verdi»: intendevi uno di loro?",
    );
    expect(clarifyReply(unknown, "en")).toBe(
      "I can't find any email from “Giulio Verdi”. The closest senders are “Giulia Verdi”: did you mean one of them?",
    );
  });

  it("keeps names with digits inside their quotes and states no figure", () => {
    for (const entity of ["workflow", "sender"] as const)
      for (const reason of ["unknown", "ambiguous"] as const)
        for (const lang of LANGS) {
          const text = clarifyReply(
            clarify({ entity, reason, mention: "Promo 2025", candidates: ["Promo Natale 2024", "Report 3"] }),
            lang,
          );
          expectHonest(text, lang);
          expect(text).toContain(lang === "it" ? "«Promo Natale 2024»" : "“Promo Natale 2024”");
          expect(text).toMatch(/\?$/);
        }
  });

  it("strips characters that would read as code from names", () => {
    const text = clarifyReply(clarify({ mention: "{ordini}", candidates: ['"Ordini" <shop>'] }), "en");
    expect(text).toContain("“ordini”");
    expect(text).toContain("“Ordini shop”");
    expect(findJargon(text)).toEqual([]);
  });
});

describe("unsupportedReply", () => {
  it.each(UNSUPPORTED_TOPICS.flatMap((topic) => LANGS.map((lang) => [topic, lang] as const)))(
    "%s (%s) says what it cannot tell and what it can, without figures",
    (topic, lang) => {
      for (const measure of ["runs", "emails_received", "orders_received", "order_value_sum"] as const) {
        const text = unsupportedReply({ kind: "unsupported", measure, topic }, lang);
        expectHonest(text, lang);
        expect(text).toMatch(lang === "it" ? /Posso dirti/ : /I can tell you/);
        expect(text).toMatch(lang === "it" ? /\bnon\b/i : /n't\b|\bnot\b|\bcannot\b/i);
        expect(text.split(/(?<=[.:?])\s/).length).toBeLessThanOrEqual(4);
      }
    },
  );

  it("names the topic it cannot answer", () => {
    const say = (topic: (typeof UNSUPPORTED_TOPICS)[number], lang: Language) =>
      unsupportedReply({ kind: "unsupported", measure: "orders_received", topic }, lang);
    expect(say("products", "it")).toMatch(/prodotti/);
    expect(say("products", "en")).toMatch(/products/);
    expect(say("places", "en")).toMatch(/countries or cities/);
    expect(say("profit", "it")).toMatch(/profitto/);
    expect(say("email_content", "en")).toMatch(/what emails are about/);
    expect(say("people", "it")).toMatch(/chi del team/);
    expect(say("single_record", "en")).toMatch(/single orders or runs/);
    expect(say("server", "en")).toMatch(/CPU, memory, disk/);
    expect(say("currency_conversion", "it")).toMatch(/valute/);
    const texts = new Set(UNSUPPORTED_TOPICS.map((t) => say(t, "en")));
    expect(texts.size).toBe(UNSUPPORTED_TOPICS.length);
  });

  it("offers what it can say about the measure's kind of work", () => {
    const offer = (measure: MeasureName, lang: Language) =>
      unsupportedReply({ kind: "unsupported", measure, topic: "other" }, lang);
    expect(offer("emails_received", "it")).toContain("quante email sono arrivate, da chi");
    expect(offer("reply_rate", "en")).toContain("how many emails came in, from whom");
    expect(offer("order_value_sum", "it")).toContain("quanti ordini sono arrivati, quanto valgono");
    expect(offer("orders_received", "en")).toContain("how many orders came in, what they were worth");
    expect(offer("runs", "en")).toContain("how many runs, emails and orders there were");
    expect(offer("leads", "it")).toContain("quante esecuzioni, email e ordini ci sono stati");
  });
});

describe("futureReply", () => {
  it("says the period has not come and offers a forecast, in the question's language", () => {
    expect(futureReply("orders_received", "it")).toBe(
      "Quel periodo non è ancora arrivato, quindi non ho dati. Posso però farti una previsione: chiedimi, per esempio, «che previsioni ci sono per la prossima settimana?» (ordini).",
    );
    expect(futureReply("orders_received", "en")).toBe(
      "That period hasn't come yet, so there is no data. I can make a forecast instead: ask me, for example, “what should we expect next week?” (orders).",
    );
  });

  it.each(MEASURES.flatMap((m) => LANGS.map((lang) => [m, lang] as const)))(
    "%s (%s) states no figure and no jargon",
    (measure, lang) => {
      const text = futureReply(measure, lang);
      expectHonest(text, lang);
      expect(text).toMatch(lang === "it" ? /previsione/ : /forecast/);
    },
  );
});
