import type { Category } from "../../graph/plan.ts";

/** What Milhena knows of a workflow beyond n8n's row: its business category and the services it uses. */
export interface WorkflowProfile {
  readonly category: Category;
  /** Services its nodes use, trigger first ("shopify", "slack", "google drive"), lower case. */
  readonly services: readonly string[];
}

/** A node as n8n stores it in `workflow_entity.nodes`. */
export interface WorkflowNode {
  readonly name: string;
  readonly type: string;
}

const CATEGORY_BY_NODE: ReadonlyArray<readonly [Category, RegExp]> = [
  ["email", /\.(gmailTrigger|microsoftOutlookTrigger|emailReadImap)$/],
  ["order", /\.(shopifyTrigger|wooCommerceTrigger|stripeTrigger)$/],
  ["lead", /\.(formTrigger|typeformTrigger|jotFormTrigger|mailchimp)$/],
  ["invoice", /\.(xero|quickbooks)$/],
  ["crm", /\.(hubspot|salesforce|pipedrive|zohoCrm)$/],
];

/** Reports and backups announce themselves by name more than by node type. */
const REPORT_NAME = /\b(report|reports|reporting|rapporto|rapporti|resoconto|riepilogo|backup)\b/i;

/** Node types that say nothing about which service a workflow talks to. */
const GENERIC_NODE =
  /^(schedule|cron|interval|manual|webhook|form|set|if|switch|merge|code|function|functionItem|noOp|wait|splitInBatches|splitOut|aggregate|filter|sort|limit|itemLists|dateTime|httpRequest|respondToWebhook|executeWorkflow|executeWorkflowTrigger|start|stickyNote|agent|chainLlm|emailSend|errorTrigger|n8n)$/;

/** Readable service names of n8n node types whose names are not plain words. */
const SERVICE_NAMES: Readonly<Record<string, string>> = {
  microsoftOutlook: "outlook",
  emailReadImap: "imap",
  googleDrive: "google drive",
  googleSheets: "google sheets",
  googleCalendar: "google calendar",
  wooCommerce: "woocommerce",
  lmChatGoogleGemini: "gemini",
  lmChatOpenAi: "openai",
  openAi: "openai",
  lmChatAnthropic: "anthropic",
  zohoCrm: "zoho",
  quickbooks: "quickbooks",
  hubspot: "hubspot",
  mailchimp: "mailchimp",
};

/** "n8n-nodes-base.shopifyTrigger" → "shopify"; null for generic nodes (schedule, code, …). */
export function serviceOf(nodeType: string): string | null {
  const base = nodeType.slice(nodeType.lastIndexOf(".") + 1).replace(/Trigger$/, "");
  if (base === "" || GENERIC_NODE.test(base)) return null;
  const known = SERVICE_NAMES[base];
  if (known) return known;
  return base
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
}

/** The business category of a workflow: node types first, then words of its name. */
export function categoryOf(nodeTypes: readonly string[], name = ""): Category {
  for (const [category, pattern] of CATEGORY_BY_NODE) {
    if (nodeTypes.some((t) => pattern.test(t))) return category;
  }
  return REPORT_NAME.test(name) ? "report" : "other";
}

const isTrigger = (type: string) => /Trigger$|\.webhook$|\.emailReadImap$/.test(type);

/** Category and services of a workflow from its nodes (n8n's JSON) and name. */
export function profileWorkflow(nodes: readonly WorkflowNode[], name: string): WorkflowProfile {
  const ordered = [...nodes.filter((n) => isTrigger(n.type)), ...nodes.filter((n) => !isTrigger(n.type))];
  const services: string[] = [];
  for (const node of ordered) {
    const service = serviceOf(node.type);
    if (service && !services.includes(service)) services.push(service);
  }
  return {
    category: categoryOf(
      nodes.map((n) => n.type),
      name,
    ),
    services,
  };
}

/** The nodes of `workflow_entity.nodes` (JSON text or parsed), malformed entries left out. */
export function nodesOf(raw: unknown): WorkflowNode[] {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const nodes: WorkflowNode[] = [];
  for (const node of value as unknown[]) {
    if (typeof node === "object" && node !== null && "name" in node && "type" in node) {
      const { name, type } = node;
      if (typeof name === "string" && typeof type === "string") nodes.push({ name, type });
    }
  }
  return nodes;
}

/** Is this node the one that started the execution (a trigger or a webhook)? */
export const isTriggerNode = isTrigger;
