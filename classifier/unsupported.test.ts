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
    ["quanti ordini sopra i 100 euro?", "amount_filter"],
    ["how many orders over 500 euros this week?", "amount_filter"],
    ["orders of at least 50 euros yesterday", "amount_filter"],
    ["how many orders were refunded?", "refunds"],
    ["quanti rimborsi questo mese?", "refunds"],
    ["quante esecuzioni sono in corso adesso?", "live_status"],
    ["how many runs are waiting?", "live_status"],
    ["how many orders in the first week of November?", "other"],
    ["ordini della prima settimana di novembre", "other"],
    ["runs in the past 90 minutes", "other"],
    ["what time did the first order arrive today?", "single_record"],
    ["a che ora è arrivato il primo ordine?", "single_record"],
    ["how long did the weekly sales report take last time?", "single_record"],
    ["how many orders do we get on average per day?", "other"],
    ["in media quante esecuzioni al giorno?", "other"],
    ["how many senders wrote more than 10 emails?", "other"],
  ])("%s is %s", (q, topic) => {
    expect(topicOf(q)).toBe(topic);
  });

  it.each([
    "how many emails did Laura Conti write this week?",
    "quante email ci ha scritto Laura Conti?",
    "what did we sell yesterday in total?",
    "how many orders came in today?",
    "quanti ordini nel mese in corso?",
    "which workflow returns the most errors?",
    "more than 100 emails today?",
    "quante email sono in attesa di risposta?",
    "how many automations are running right now?",
    "how many orders last week?",
    "runs in the last 120 minutes",
    "the average order value per day this week",
    "how long does a run take on average each day?",
    "orders per day this week",
  ])("%s is a question the data answers", (q) => {
    expect(topicOf(q)).toBeNull();
  });
});
