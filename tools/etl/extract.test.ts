import { stringify } from "flatted";
import { describe, expect, it } from "vitest";
import { categoryOf, extractFacts } from "./extract.ts";

const run = (json: Record<string, unknown>) => [
  { startTime: 1, executionTime: 2, data: { main: [[{ json }]] } },
];
const data = (runData: Record<string, unknown>, error?: Record<string, unknown>) =>
  stringify({
    startData: {},
    resultData: { runData, lastNodeExecuted: "Last", ...(error ? { error } : {}) },
  });

describe("categoryOf", () => {
  it.each([
    [["n8n-nodes-base.gmailTrigger"], "email"],
    [["n8n-nodes-base.microsoftOutlookTrigger", "@n8n/n8n-nodes-langchain.agent"], "email"],
    [["n8n-nodes-base.shopifyTrigger", "n8n-nodes-base.quickbooks"], "order"],
    [["n8n-nodes-base.scheduleTrigger", "n8n-nodes-base.xero"], "invoice"],
    [["n8n-nodes-base.formTrigger", "n8n-nodes-base.hubspot"], "lead"],
    [["n8n-nodes-base.scheduleTrigger", "n8n-nodes-base.hubspot"], "crm"],
    [["n8n-nodes-base.scheduleTrigger"], "other"],
  ])("%j → %s", (types, category) => {
    expect(categoryOf(types)).toBe(category);
  });
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
        "AI Agent": run({ output: "Gentile Anna, …" }),
      }),
      "email",
      emailTypes,
    );
    expect(facts).toMatchObject({
      emailSender: "Anna Neri",
      emailSubject: "Preventivo",
      aiReply: "Gentile Anna, …",
    });
  });

  it("reads an Outlook sender, falling back to the address", () => {
    const types = new Map([["Outlook", "n8n-nodes-base.microsoftOutlookTrigger"]]);
    const facts = extractFacts(
      data({ Outlook: run({ subject: "Ciao", from: { emailAddress: { address: "x@y.it" } } }) }),
      "email",
      types,
    );
    expect(facts.emailSender).toBe("x@y.it");
  });

  it("reads Shopify and WooCommerce orders", () => {
    const shop = extractFacts(
      data({ Shop: run({ id: 5123456789, order_number: 1042, total_price: "129.90", currency: "eur" }) }),
      "order",
      new Map([["Shop", "n8n-nodes-base.shopifyTrigger"]]),
    );
    expect(shop).toMatchObject({ orderId: "1042", orderAmount: 129.9, orderCurrency: "EUR" });
    const woo = extractFacts(
      data({ Woo: run({ id: 77, number: "9001", total: 20 }) }),
      "order",
      new Map([["Woo", "n8n-nodes-base.wooCommerceTrigger"]]),
    );
    expect(woo).toMatchObject({ orderId: "9001", orderAmount: 20, orderCurrency: null });
  });

  it("reads the error and the node that failed", () => {
    const facts = extractFacts(
      data({}, { message: "Authorization failed - please check your credentials", node: { name: "Reply" } }),
      "email",
      emailTypes,
    );
    expect(facts).toMatchObject({
      errorMessage: "Authorization failed - please check your credentials",
      errorNode: "Reply",
    });
  });

  it("yields no facts, and no exception, for malformed data", () => {
    for (const bad of ["", "not flatted", "[1,2", stringify({ resultData: "x" })]) {
      expect(extractFacts(bad, "email", emailTypes)).toMatchObject({ emailSender: null, errorMessage: null });
    }
  });
});
