import type { Category } from "../../graph/plan.ts";
import { categoryOfWord } from "../../classifier/mentions.ts";
import { normalizeText } from "../../classifier/normalize.ts";

/** What Milhena knows of a workflow beyond n8n's row: its business category and the services it uses. */
export interface WorkflowProfile {
  readonly category: Category;
  /** Where the category came from, strongest first (shown by `npm run categories -- list`). */
  readonly basis: CategoryBasis;
  /** Services its nodes use, trigger first ("shopify", "slack", "google drive"), lower case. */
  readonly services: readonly string[];
}

export type CategoryBasis = "owner" | "nodes" | "tags" | "name" | "payload" | "schedule" | "none";

/** A node as n8n stores it in `workflow_entity.nodes` (and `workflow_history.nodes`). */
export interface WorkflowNode {
  readonly name: string;
  readonly type: string;
}

/** How many of a workflow's recent executions carried an email, an order or a contact. */
export interface PayloadShapes {
  readonly observed: number;
  readonly emails: number;
  readonly orders: number;
  readonly contacts: number;
}

/** Triggers of a service that is one kind of work: what starts the workflow is what it handles. */
const CATEGORY_BY_TRIGGER: ReadonlyArray<readonly [Category, RegExp]> = [
  ["email", /\.(gmailTrigger|microsoftOutlookTrigger|emailReadImap)$/],
  ["order", /\.(shopifyTrigger|wooCommerceTrigger|stripeTrigger|paypalTrigger)$/],
  ["lead", /\.(typeformTrigger|jotFormTrigger|calendlyTrigger|mailchimpTrigger)$/],
  ["invoice", /\.(invoiceNinjaTrigger)$/],
  ["crm", /\.(hubspotTrigger|salesforceTrigger|pipedriveTrigger)$/],
];

/** Actions on such a service; email actions last, as they are mostly notifications sent out. */
const CATEGORY_BY_ACTION: ReadonlyArray<readonly [Category, RegExp]> = [
  ["invoice", /\.(xero|quickbooks|invoiceNinja)$/],
  ["order", /\.(shopify|wooCommerce|magento2)$/],
  ["crm", /\.(hubspot|salesforce|pipedrive|zohoCrm|copper)$/],
  ["lead", /\.(mailchimp)$/],
];
const EMAIL_ACTION = /\.(gmail|microsoftOutlook)$/;

/** Words of names and tags that say a kind of work, beyond those a question uses. */
const NAME_WORDS: ReadonlyArray<readonly [Category, RegExp]> = [
  ["report", /^(rapporto|rapporti|resoconto|riepilogo|riepiloghi|digest|summary|reportistica|statistiche)$/],
  ["email", /^(inbox|casella|messaggi|triage)$/],
  ["order", /^(checkout|carrello|acquisti|purchases|pagamenti|payments)$/],
  ["lead", /^(richieste|preventivi|prospect|prospects|iscrizioni|signups|signup)$/],
];

/** A kind of work named by words of a name or tag; a report outranks what it reports on. */
export function categoryOfWords(text: string): Category | null {
  const found = new Set<Category>();
  for (const token of normalizeText(text).split(" ")) {
    const c = categoryOfWord(token) ?? NAME_WORDS.find(([, re]) => re.test(token))?.[0] ?? null;
    if (c) found.add(c);
  }
  // The more specific kind first: "Sincronizza contatti CRM" is CRM work, "Email fatture" invoicing.
  for (const c of ["report", "crm", "invoice", "order", "email", "lead"] as const) if (found.has(c)) return c;
  return null;
}

/** The kind of work its executions' data shows: most recent executions carry that shape. */
export function categoryOfShapes(shapes: PayloadShapes | undefined): Category | null {
  if (!shapes || shapes.observed === 0) return null;
  const half = shapes.observed / 2;
  if (shapes.orders >= half && shapes.orders >= shapes.emails) return "order";
  if (shapes.emails >= half) return "email";
  if (shapes.contacts >= half) return "lead";
  return null;
}

const SCHEDULE = /\.(scheduleTrigger|cron|interval)$/;
const SENDS_OUT =
  /\.(emailSend|gmail|slack|telegram|microsoftTeams|discord|googleSheets|googleDocs|googleDrive|microsoftExcel|airtable|notion)$/;

export interface CategorySignals {
  readonly nodes: readonly WorkflowNode[];
  readonly name: string;
  readonly tags?: readonly string[];
  readonly shapes?: PayloadShapes;
  /** The owner's choice (`npm run categories -- set`), which always wins. */
  readonly override?: Category | null;
}

/**
 * A workflow's business category and where it came from. In order: the owner's override; a trigger of
 * a service that is one kind of work (Gmail, Outlook, IMAP, Shopify, WooCommerce, Stripe, Typeform,
 * HubSpot, …); its tags; the words of its name in Italian or English (a report outranks what it
 * reports on); an action on such a service (Xero, Shopify, HubSpot, Mailchimp); what its executions
 * carried (an email with a sender and a subject, an order with an id and a total, a contact) — which
 * is how Webhook, Form and Code workflows are known; a Form trigger (a contact form); a scheduled
 * workflow that sends or writes something out (a report); an email action; otherwise "other".
 */
export function categorize(signals: CategorySignals): { category: Category; basis: CategoryBasis } {
  if (signals.override) return { category: signals.override, basis: "owner" };
  const types = signals.nodes.map((n) => n.type);
  const byNodes = (table: ReadonlyArray<readonly [Category, RegExp]>) =>
    table.find(([, pattern]) => types.some((t) => pattern.test(t)))?.[0] ?? null;
  const triggered = byNodes(CATEGORY_BY_TRIGGER);
  if (triggered) return { category: triggered, basis: "nodes" };
  for (const tag of signals.tags ?? []) {
    const category = categoryOfWords(tag);
    if (category) return { category, basis: "tags" };
  }
  const named = categoryOfWords(signals.name);
  if (named) return { category: named, basis: "name" };
  const acted = byNodes(CATEGORY_BY_ACTION);
  if (acted) return { category: acted, basis: "nodes" };
  const shaped = categoryOfShapes(signals.shapes);
  if (shaped) return { category: shaped, basis: "payload" };
  if (types.some((t) => /\.formTrigger$/.test(t))) return { category: "lead", basis: "nodes" };
  if (types.some((t) => SCHEDULE.test(t)) && types.some((t) => SENDS_OUT.test(t)))
    return { category: "report", basis: "schedule" };
  if (types.some((t) => EMAIL_ACTION.test(t))) return { category: "email", basis: "nodes" };
  return { category: "other", basis: "none" };
}

/** Node types that say nothing about which service a workflow talks to. */
const GENERIC_NODE =
  /^(schedule|cron|interval|manual|webhook|form|set|if|switch|merge|code|function|functionItem|noOp|wait|splitInBatches|splitOut|aggregate|filter|sort|limit|itemLists|dateTime|httpRequest|respondToWebhook|executeWorkflow|executeWorkflowTrigger|start|stickyNote|agent|chainLlm|chainSummarization|chainRetrievalQa|emailSend|errorTrigger|error|executionData|stopAndError|n8n|memoryBufferWindow|outputParserStructured|toolCode|toolHttpRequest|removeDuplicates|renameKeys|html|xml|crypto|compareDatasets|summarize)$/;

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
  lmOpenAi: "openai",
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

/** A node type that starts an execution or takes what comes in: triggers, webhooks, IMAP, form pages. */
export const isEntryNodeType = (type: string) => /Trigger$|\.webhook$|\.emailReadImap$|\.form$/.test(type);

/** The services a workflow's nodes use, trigger first. */
export function servicesOf(nodes: readonly WorkflowNode[]): string[] {
  const ordered = [
    ...nodes.filter((n) => isEntryNodeType(n.type)),
    ...nodes.filter((n) => !isEntryNodeType(n.type)),
  ];
  const services: string[] = [];
  for (const node of ordered) {
    const service = serviceOf(node.type);
    if (service && !services.includes(service)) services.push(service);
  }
  return services;
}

/** Category, its basis and services of a workflow. */
export function profileWorkflow(signals: CategorySignals): WorkflowProfile {
  return { ...categorize(signals), services: servicesOf(signals.nodes) };
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
