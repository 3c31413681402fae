import { parse } from "flatted";
import { causeOfFailure } from "../errorCauses.ts";
import { asText, contactOf, emailOf, isObject, orderOf, type Json } from "./payload.ts";
import { isEntryNodeType } from "./workflowProfile.ts";

/** What one execution says in business terms; which of it counts depends on the workflow's category. */
export interface ExtractedFacts {
  emailSender: string | null;
  emailSubject: string | null;
  aiReply: string | null;
  orderId: string | null;
  orderAmount: number | null;
  /** ISO 4217 code, upper case ("usd" and "€" are normalised), or null when the payload gives none. */
  orderCurrency: string | null;
  /** A captured contact's name or email (lead workflows). */
  leadContact: string | null;
  errorMessage: string | null;
  errorNode: string | null;
  /** The failure's cause: a known kind, or a short summary of n8n's message (null without a failure). */
  errorCause: string | null;
}

const EMPTY_FACTS: Readonly<ExtractedFacts> = Object.freeze({
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
});

interface NodeOutput {
  readonly name: string;
  readonly json: Json;
  /** The node started the execution (a trigger, a webhook, a form): its run has no source node. */
  readonly start: boolean;
}

/** Each node's first output item, in the order the nodes ran. */
function outputsOf(runData: Json): NodeOutput[] {
  const out: NodeOutput[] = [];
  for (const [name, runs] of Object.entries(runData)) {
    if (!Array.isArray(runs) || runs.length === 0) continue;
    const run: unknown = runs[0];
    if (!isObject(run) || !isObject(run.data)) continue;
    const main = run.data.main;
    if (!Array.isArray(main)) continue;
    const branch = (main as unknown[]).find((b) => Array.isArray(b) && b.length > 0) as unknown[] | undefined;
    const item: unknown = branch?.[0];
    if (!isObject(item) || !isObject(item.json)) continue;
    const source = run.source;
    const start = !Array.isArray(source) || source.every((s) => s === null);
    out.push({ name, json: item.json, start });
  }
  return out;
}

const LANGCHAIN = /^@n8n\/n8n-nodes-langchain\./;

/** The text an AI node answered with: Agent `output`, LLM Chain `text`, OpenAI `message.content`. */
function replyOf(json: Json): string | null {
  const message = isObject(json.message) ? json.message : null;
  return (
    asText(json.output, 2000) ??
    asText(json.text, 2000) ??
    asText(json.response, 2000) ??
    (isObject(json.response) ? asText(json.response.text, 2000) : null) ??
    (message ? asText(message.content, 2000) : null) ??
    asText(json.content, 2000)
  );
}

/** Parses `execution_data.data` (flatted IRunExecutionData); null when it is not n8n's format. */
export function parseExecutionData(data: string): Json | null {
  if (data === "") return null;
  try {
    const parsed: unknown = parse(data);
    return isObject(parsed) && isObject(parsed.resultData) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Business facts from one execution's data. `nodeTypes` maps node names to n8n node types (the
 * workflow's definition). What came in (an email, an order, a contact) is read from the first node
 * whose output has its shape, whatever the node's type, so Webhook, Form, Code and Set nodes count as
 * much as Gmail or Shopify triggers; the AI reply from the last LangChain node that answered; the error
 * from `resultData.error`. `status` is the execution's n8n status. Malformed data yields no facts.
 */
export function extractFacts(
  data: string | Json | null,
  nodeTypes: ReadonlyMap<string, string>,
  status = "success",
): ExtractedFacts {
  const parsed = typeof data === "string" ? parseExecutionData(data) : data;
  const facts: ExtractedFacts = { ...EMPTY_FACTS };
  const failed = status === "error" || status === "crashed";
  if (!parsed || !isObject(parsed.resultData)) {
    if (failed) facts.errorCause = causeOfFailure(status, null);
    return facts;
  }
  const result = parsed.resultData;
  const outputs = outputsOf(isObject(result.runData) ? result.runData : {});

  for (const o of outputs) {
    if (facts.emailSender === null) {
      const email = emailOf(o.json);
      if (email) {
        facts.emailSender = email.sender;
        facts.emailSubject = email.subject;
      }
    }
    if (facts.orderId === null) {
      const order = orderOf(o.json);
      if (order) {
        facts.orderId = order.id;
        facts.orderAmount = order.amount;
        facts.orderCurrency = order.currency;
      }
    }
    const type = nodeTypes.get(o.name) ?? "";
    if (LANGCHAIN.test(type)) facts.aiReply = replyOf(o.json) ?? facts.aiReply;
  }
  const entry =
    outputs.find((o) => isEntryNodeType(nodeTypes.get(o.name) ?? "")) ?? outputs.find((o) => o.start);
  if (entry) facts.leadContact = contactOf(entry.json);

  if (isObject(result.error)) {
    const error = result.error;
    facts.errorMessage = asText(error.message) ?? asText(error.description);
    facts.errorNode = isObject(error.node) ? asText(error.node.name) : asText(result.lastNodeExecuted);
  }
  if (failed || facts.errorMessage !== null) facts.errorCause = causeOfFailure(status, facts.errorMessage);
  return facts;
}
