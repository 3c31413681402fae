import { stringify } from "flatted";
import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract.ts";

/** A node's run as n8n records it: `source` is empty for the node that started the execution. */
const run = (json: Record<string, unknown>, from?: string) => [
  {
    startTime: 1,
    executionTime: 2,
    source: from ? [{ previousNode: from }] : [],
    data: { main: [[{ json, pairedItem: { item: 0 } }]] },
  },
];
const data = (runData: Record<string, unknown>, error?: Record<string, unknown>) =>
  stringify({
    startData: {},
    resultData: { runData, lastNodeExecuted: "Last", ...(error ? { error } : {}) },
  });

describe("extractFacts", () => {
  const emailTypes = new Map([
    ["Gmail Trigger", "n8n-nodes-base.gmailTrigger"],
    ["AI Agent", "@n8n/n8n-nodes-langchain.agent"],
  ]);

  it("reads a Gmail sender, subject and the AI reply", () => {
    const facts = extractFacts(
      data({
        "Gmail Trigger": run({
          subject: "Preventivo",
          from: { value: [{ address: "a@b.it", name: "Anna Neri" }], text: "Anna Neri <a@b.it>" },
        }),
        "AI Agent": run({ output: "Gentile Anna, …" }, "Gmail Trigger"),
      }),
      emailTypes,
    );
    expect(facts).toMatchObject({
      emailSender: "Anna Neri",
      emailSubject: "Preventivo",
      aiReply: "Gentile Anna, …",
    });
  });

  it("reads an email posted to a Webhook, under json.body, and the reply of an LLM chain", () => {
    const types = new Map([
      ["Webhook", "n8n-nodes-base.webhook"],
      ["Draft reply", "@n8n/n8n-nodes-langchain.chainLlm"],
    ]);
    const facts = extractFacts(
      data({
        Webhook: run({
          headers: { host: "n8n.local" },
          body: { from: "Laura Conti <laura@conti.it>", subject: "Fattura di ottobre", text: "…" },
          query: {},
        }),
        "Draft reply": run({ text: "Buongiorno Laura, …" }, "Webhook"),
      }),
      types,
    );
    expect(facts).toMatchObject({
      emailSender: "Laura Conti",
      emailSubject: "Fattura di ottobre",
      aiReply: "Buongiorno Laura, …",
    });
  });

  it("reads an Outlook sender, falling back to the address", () => {
    const types = new Map([["Outlook", "n8n-nodes-base.microsoftOutlookTrigger"]]);
    const facts = extractFacts(
      data({ Outlook: run({ subject: "Ciao", from: { emailAddress: { address: "x@y.it" } } }) }),
      types,
    );
    expect(facts.emailSender).toBe("x@y.it");
  });

  it("reads Shopify and WooCommerce orders, and a posted order with a lower-case currency", () => {
    const shop = extractFacts(
      data({ Shop: run({ id: 5123456789, order_number: 1042, total_price: "129.90", currency: "eur" }) }),
      new Map([["Shop", "n8n-nodes-base.shopifyTrigger"]]),
    );
    expect(shop).toMatchObject({ orderId: "1042", orderAmount: 129.9, orderCurrency: "EUR" });
    const woo = extractFacts(
      data({ Woo: run({ id: 77, number: "9001", total: 20 }) }),
      new Map([["Woo", "n8n-nodes-base.wooCommerceTrigger"]]),
    );
    expect(woo).toMatchObject({ orderId: "9001", orderAmount: 20, orderCurrency: null });
    const posted = extractFacts(
      data({ Webhook: run({ body: { order_id: "A-17", total: "49,90", currency: "usd" } }) }),
      new Map([["Webhook", "n8n-nodes-base.webhook"]]),
    );
    expect(posted).toMatchObject({ orderId: "A-17", orderAmount: 49.9, orderCurrency: "USD" });
  });

  it("reads an order that a Code node shaped after a schedule trigger", () => {
    const facts = extractFacts(
      data({
        Schedule: run({ timestamp: "2026-11-24T10:00:00Z" }),
        "Shape order": run(
          { order: { orderNumber: "5501", totalPrice: { amount: "12.00", currency: "GBP" } } },
          "Schedule",
        ),
      }),
      new Map([
        ["Schedule", "n8n-nodes-base.scheduleTrigger"],
        ["Shape order", "n8n-nodes-base.code"],
      ]),
    );
    expect(facts).toMatchObject({ orderId: "5501", orderAmount: 12, orderCurrency: "GBP" });
  });

  it("reads a contact from a form trigger", () => {
    const facts = extractFacts(
      data({ "Contact form": run({ Name: "Sara Colombo", Email: "sara@colombo.it", submittedAt: "…" }) }),
      new Map([["Contact form", "n8n-nodes-base.formTrigger"]]),
    );
    expect(facts.leadContact).toBe("sara@colombo.it");
    expect(facts.orderId).toBeNull();
  });

  it("reads the error, the node that failed, and its cause", () => {
    const facts = extractFacts(
      data({}, { message: "Authorization failed - please check your credentials", node: { name: "Reply" } }),
      emailTypes,
      "error",
    );
    expect(facts).toMatchObject({
      errorMessage: "Authorization failed - please check your credentials",
      errorNode: "Reply",
      errorCause: "credentials",
    });
    const code = extractFacts(
      data({}, { message: "Payment declined for order 10423 [line 4]" }),
      emailTypes,
      "error",
    );
    expect(code).toMatchObject({ errorNode: "Last", errorCause: "msg:Payment declined for order" });
  });

  it("says a crash with no error stopped unexpectedly", () => {
    expect(extractFacts(data({}), emailTypes, "crashed").errorCause).toBe("crashed");
    expect(extractFacts(null, emailTypes, "crashed").errorCause).toBe("crashed");
    expect(extractFacts(null, emailTypes, "success").errorCause).toBeNull();
  });

  it("yields no facts, and no exception, for malformed data", () => {
    for (const bad of ["", "not flatted", "[1,2", stringify({ resultData: "x" })]) {
      expect(extractFacts(bad, emailTypes)).toMatchObject({ emailSender: null, errorMessage: null });
    }
  });
});
