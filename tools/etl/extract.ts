import { parse } from "flatted";
import type { Category } from "../../graph/plan.ts";
import { classifyErrorMessage } from "../errorCauses.ts";
import type { ErrorCause } from "../types.ts";
import { isTriggerNode } from "./workflowProfile.ts";

export { categoryOf } from "./workflowProfile.ts";
/** What a workflow does (its business category). */
export type BusinessCategory = Category;

export interface ExtractedFacts {
  emailSender: string | null;
  emailSubject: string | null;
  aiReply: string | null;
  orderId: string | null;
  orderAmount: number | null;
  orderCurrency: string | null;
  /** A captured contact's name or email (lead workflows). */
  leadContact: string | null;
  errorMessage: string | null;
  errorNode: string | null;
  /** The error message's plain category (null without an error). */
  errorCause: ErrorCause | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const asString = (v: unknown): string | null =>
  typeof v === "string" && v.trim() !== ""
    ? v.trim().slice(0, 500)
    : typeof v === "number"
      ? String(v)
      : null;

/** First output item's json of a node's first run. */
function firstJson(runs: unknown): Json | null {
  if (!Array.isArray(runs) || runs.length === 0) return null;
  const run: unknown = runs[0];
  if (!isObject(run) || !isObject(run.data)) return null;
  const main = run.data.main;
  if (!Array.isArray(main) || !Array.isArray(main[0])) return null;
  const item: unknown = main[0][0];
  return isObject(item) && isObject(item.json) ? item.json : null;
}

/** Gmail: from.value[0] / from.text; Outlook: from.emailAddress; IMAP: from as text. */
function senderOf(json: Json): string | null {
  const from = json.from;
  if (typeof from === "string") return asString(from.replace(/<[^>]*>/, ""));
  if (!isObject(from)) return null;
  if (isObject(from.emailAddress))
    return asString(from.emailAddress.name) ?? asString(from.emailAddress.address);
  if (Array.isArray(from.value) && isObject(from.value[0]))
    return asString(from.value[0].name) ?? asString(from.value[0].address);
  return asString(from.text);
}

function amountOf(json: Json): number | null {
  const raw = json.total_price ?? json.total ?? json.amount;
  const value = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
}

/** A contact from a form or webhook payload: a name or an email address. */
function contactOf(json: Json): string | null {
  const fields = isObject(json.body) ? { ...json, ...json.body } : json;
  return asString(fields.email) ?? asString(fields.name) ?? asString(fields.Email) ?? asString(fields.Name);
}

const EMPTY: ExtractedFacts = {
  emailSender: null,
  emailSubject: null,
  aiReply: null,
  orderId: null,
  orderAmount: null,
  orderCurrency: null,
  leadContact: null,
  errorMessage: null,
  errorNode: null,
  errorCause: null,
};

/**
 * Business facts from one execution's `execution_data.data` (flatted IRunExecutionData). `nodeTypes`
 * maps node names to types. Facts about what came in are read from the trigger's output; the AI reply
 * from an AI node. Malformed data yields no facts rather than an error.
 */
export function extractFacts(
  data: string,
  category: BusinessCategory,
  nodeTypes: ReadonlyMap<string, string>,
): ExtractedFacts {
  let parsed: unknown;
  try {
    parsed = data === "" ? null : parse(data);
  } catch {
    return { ...EMPTY };
  }
  if (!isObject(parsed) || !isObject(parsed.resultData)) return { ...EMPTY };
  const result = parsed.resultData;
  const facts: ExtractedFacts = { ...EMPTY };
  const runData = isObject(result.runData) ? result.runData : {};

  for (const [nodeName, runs] of Object.entries(runData)) {
    const type = nodeTypes.get(nodeName) ?? "";
    const json = firstJson(runs);
    if (!json) continue;
    const trigger = isTriggerNode(type);
    if (category === "email" && trigger) {
      facts.emailSender = senderOf(json);
      facts.emailSubject = asString(json.subject);
    }
    if (category === "order" && trigger) {
      facts.orderId = asString(json.order_number ?? json.number ?? json.id);
      facts.orderAmount = amountOf(json);
      facts.orderCurrency = asString(json.currency)?.toUpperCase().slice(0, 3) ?? null;
    }
    if (category === "lead" && trigger) facts.leadContact = contactOf(json);
    if (/\.agent$|\.chainLlm$|\.openAi$/.test(type)) facts.aiReply = asString(json.output ?? json.text);
  }

  if (isObject(result.error)) {
    facts.errorMessage = asString(result.error.message);
    facts.errorNode = isObject(result.error.node)
      ? asString(result.error.node.name)
      : asString(result.lastNodeExecuted);
    facts.errorCause = classifyErrorMessage(facts.errorMessage);
  }
  return facts;
}
