import { describe, expect, it } from "vitest";
import {
  categorize,
  categoryOfShapes,
  categoryOfWords,
  servicesOf,
  type WorkflowNode,
} from "./workflowProfile.ts";

const nodes = (...types: string[]): WorkflowNode[] => types.map((type, i) => ({ name: `n${i}`, type }));
const shapes = (observed: number, emails: number, orders: number, contacts = 0) => ({
  observed,
  emails,
  orders,
  contacts,
});

describe("categorize", () => {
  it.each([
    [nodes("n8n-nodes-base.gmailTrigger"), "Anything", "email", "nodes"],
    [nodes("n8n-nodes-base.shopifyTrigger", "n8n-nodes-base.quickbooks"), "x", "order", "nodes"],
    [nodes("n8n-nodes-base.scheduleTrigger", "n8n-nodes-base.xero"), "Solleciti", "invoice", "nodes"],
    [nodes("n8n-nodes-base.webhook"), "Elaborazione ordini (webhook)", "order", "name"],
    [nodes("n8n-nodes-base.webhook"), "Sincronizza contatti CRM", "crm", "name"],
    [nodes("n8n-nodes-base.scheduleTrigger", "n8n-nodes-base.postgres"), "Report vendite", "report", "name"],
    [nodes("n8n-nodes-base.formTrigger"), "Modulo", "lead", "nodes"],
    [nodes("n8n-nodes-base.scheduleTrigger", "n8n-nodes-base.slack"), "Daily", "report", "schedule"],
    [nodes("n8n-nodes-base.errorTrigger", "n8n-nodes-base.httpRequest"), "Notifica errori", "other", "none"],
  ])("%j named %j is %s (from %s)", (n, name, category, basis) => {
    expect(categorize({ nodes: n, name })).toEqual({ category, basis });
  });

  it("takes tags before names, the payload before generic nodes, and the owner before all", () => {
    const webhook = nodes("n8n-nodes-base.webhook", "n8n-nodes-base.code");
    expect(categorize({ nodes: webhook, name: "Intake", tags: ["ordini"] })).toEqual({
      category: "order",
      basis: "tags",
    });
    expect(categorize({ nodes: webhook, name: "Intake", shapes: shapes(10, 9, 0) })).toEqual({
      category: "email",
      basis: "payload",
    });
    expect(categorize({ nodes: webhook, name: "Intake", shapes: shapes(10, 1, 8) }).category).toBe("order");
    expect(categorize({ nodes: webhook, name: "Intake", shapes: shapes(10, 2, 2) }).category).toBe("other");
    expect(
      categorize({
        nodes: nodes("n8n-nodes-base.gmailTrigger"),
        name: "x",
        tags: ["ordini"],
        override: "crm",
      }),
    ).toEqual({ category: "crm", basis: "owner" });
  });
});

describe("name words and payload shapes", () => {
  it("reads names in either language, the more specific kind first", () => {
    expect(categoryOfWords("Smistamento email clienti")).toBe("email");
    expect(categoryOfWords("Riepilogo ordini giornaliero")).toBe("report");
    expect(categoryOfWords("Email fatture fornitori")).toBe("invoice");
    expect(categoryOfWords("Aggiornamento listino")).toBeNull();
  });
  it("needs most recent executions to carry a shape", () => {
    expect(categoryOfShapes(undefined)).toBeNull();
    expect(categoryOfShapes(shapes(0, 0, 0))).toBeNull();
    expect(categoryOfShapes(shapes(4, 0, 0, 3))).toBe("lead");
  });
  it("lists the services a workflow talks to, trigger first", () => {
    expect(
      servicesOf(nodes("n8n-nodes-base.slack", "n8n-nodes-base.shopifyTrigger", "n8n-nodes-base.code")),
    ).toEqual(["shopify", "slack"]);
  });
});
