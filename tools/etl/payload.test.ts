import { describe, expect, it } from "vitest";
import { amountValue, candidateObjects, contactOf, currencyCode, emailOf, orderOf } from "./payload.ts";

describe("payload readers", () => {
  it.each([
    ["usd", "USD"],
    [" EUR ", "EUR"],
    ["€", "EUR"],
    ["£", "GBP"],
    ["euro", null],
    ["US", null],
    [12, null],
  ])("currencyCode(%j) = %j", (raw, code) => {
    expect(currencyCode(raw)).toBe(code);
  });

  it.each([
    [49.9, 49.9],
    ["49.90", 49.9],
    ["49,90", 49.9],
    ["1.234,50", 1234.5],
    ["1,234.50", 1234.5],
    ["€ 12", 12],
    ["", null],
    ["abc", null],
    [Number.NaN, null],
  ])("amountValue(%j) = %j", (raw, value) => {
    expect(amountValue(raw)).toBe(value);
  });

  it("looks under the usual envelopes, outermost first", () => {
    const json = { headers: {}, body: { data: { object: { id: "cs_1" } } } };
    expect(candidateObjects(json)).toHaveLength(4);
  });

  it("reads senders of every common shape, and needs a sender for an email", () => {
    expect(emailOf({ from: "Laura Conti <laura@conti.it>", subject: "Ciao" })).toEqual({
      sender: "Laura Conti",
      subject: "Ciao",
    });
    expect(emailOf({ body: { sender: { email: "a@b.it" }, subject: "Offerta" } })).toEqual({
      sender: "a@b.it",
      subject: "Offerta",
    });
    expect(emailOf({ from: { value: [{ address: "x@y.it", name: "" }] }, subject: "S" })?.sender).toBe(
      "x@y.it",
    );
    expect(emailOf({ from: "<only@address.it>" })).toEqual({ sender: "only@address.it", subject: null });
    expect(emailOf({ subject: "No sender" })).toBeNull();
  });

  it("reads orders with an id and a total, in minor units for Stripe", () => {
    expect(orderOf({ body: { order_id: "W-9", total: "120.00", currency: "usd" } })).toEqual({
      id: "W-9",
      amount: 120,
      currency: "USD",
    });
    expect(
      orderOf({
        body: {
          data: { object: { object: "checkout.session", id: "cs_1", amount_total: 4990, currency: "eur" } },
        },
      }),
    ).toEqual({ id: "cs_1", amount: 49.9, currency: "EUR" });
    expect(orderOf({ id: 7, name: "no total" })).toBeNull();
    expect(orderOf({ order_id: "BV-1", total: "", currency: "eur" })).toEqual({
      id: "BV-1",
      amount: null,
      currency: "EUR",
    });
    expect(orderOf({ total: 10 })).toBeNull();
  });

  it("reads a contact from a form", () => {
    expect(contactOf({ Nome: "Sara", Email: "sara@x.it" })).toBe("sara@x.it");
    expect(contactOf({ body: { name: "Paolo" } })).toBe("Paolo");
    expect(contactOf({ message: "hello" })).toBeNull();
  });
});
