import { describe, expect, it } from "vitest";
import { statesFigures, statesMoment, withoutRestatements } from "./figures.ts";

describe("statesFigures: restatements are not figures", () => {
  it.each([
    ["quoted names", "Ieri «Promo Natale 2025» non è stato eseguito."],
    ["English quoted names", "Yesterday “Report Q3 2025” did not run."],
    ["straight quotes", 'No run of "Backup 2" today.'],
    ["the product's name", "I can't see the n8n server's health."],
    ["times of day", "L'ultima email è arrivata alle 16:20."],
    ["time spans", "Today, between 6:00 and 12:00, no emails came in."],
    ["day ranges", "Dal 3 al 10 novembre non è arrivato nessun ordine."],
    ["English day ranges", "From 3 to 10 November no orders came in."],
    ["day and month", "Non ho dati del 3 novembre."],
    ["ordinal days", "Nothing since 1st November."],
    ["month and day", "No orders on Nov 3rd."],
    ["a day with its year", "Nessun ordine il 25 dicembre 2025."],
    ["a year", "Nothing recorded in 2025."],
    ["a numeric range", "Nessuna email nella fascia 9–12."],
    ["last N days", "Negli ultimi 7 giorni non ci sono state interruzioni."],
    ["past N weeks", "Nothing in the past 2 weeks."],
    ["rolling hours", "No emails in the last 24 hours."],
    ["top N", "There is no top 5 yet."],
    ["N days ago", "3 giorni fa non è successo niente."],
    ["N months", "Nessun dato negli ultimi 3 mesi."],
  ])("%s", (_, answer) => {
    expect(statesFigures(answer)).toBe(false);
  });

  it("takes out only the restatement and leaves the rest of the text", () => {
    expect(withoutRestatements("Oggi «Ordini 2025» ha ricevuto")).toBe("Oggi   ha ricevuto");
    expect(withoutRestatements("no digits here")).toBe("no digits here");
  });

  it("is not fooled by an honest answer without numbers", () => {
    expect(statesFigures("I can't answer that precisely.")).toBe(false);
    expect(statesFigures("")).toBe(false);
  });
});

describe("statesFigures: figures are figures", () => {
  it.each([
    ["a small count", "Today 23 emails came in."],
    ["one", "Oggi è arrivato 1 ordine."],
    ["Italian thousands", "Oggi le automazioni sono state eseguite 1.234 volte."],
    ["English thousands", "Today your automations ran 1,234 times."],
    ["an Italian percentage", "È andato a buon fine il 94,5% delle esecuzioni."],
    ["an English percentage", "94.5% of runs succeeded."],
    ["an Italian amount", "Un ordine è valso in media 45,90 €."],
    ["an English amount in thousands", "Orders were worth €12,345.50 in total."],
    ["a duration", "Un'esecuzione è durata in media 42 secondi."],
    ["a figure next to a quoted name", "«Promo Natale 2025» è stato eseguito 12 volte."],
    ["a figure next to a period", "Negli ultimi 7 giorni sono arrivati 40 ordini."],
    ["a figure next to a time of day", "Today, between 6:00 and 12:00, 23 emails came in."],
    ["a figure next to a date range", "Dal 3 al 10 novembre sono arrivati 1.500 ordini."],
    ["a forecast", "Over the next 7 days I expect about 1,600 orders (between 1,280 and 1,920)."],
  ])("%s", (_, answer) => {
    expect(statesFigures(answer)).toBe(true);
  });
});

describe("figures that look like dates or times", () => {
  it("a count after a month name is a figure; a date ending a clause is not", () => {
    expect(statesFigures("In October 45 orders came in.")).toBe(true);
    expect(statesFigures("A ottobre 3 ordini non sono andati a buon fine.")).toBe(true);
    expect(statesFigures("The last order came on November 3.")).toBe(false);
    expect(statesFigures("From November 3 to November 10, nothing failed.")).toBe(false);
  });

  it("an English amount with a dot is a figure; a time with a colon is not", () => {
    expect(statesFigures("The average order was €45.90.")).toBe(true);
    expect(statesFigures("The smallest order was US$9.99.")).toBe(true);
    expect(statesFigures("The last email came in at 16:20.")).toBe(false);
  });

  it("tells whether an answer states a moment", () => {
    expect(statesMoment("The last order came in on Wednesday 18 November at 09:20.")).toBe(true);
    expect(statesMoment("L'ultimo ordine è arrivato mercoledì 18 novembre.")).toBe(true);
    expect(statesMoment("No order has come in yet.")).toBe(false);
    expect(statesMoment("Nothing from «Report 16:00».")).toBe(false);
  });
});
