import { findJargon } from "../i18n/jargon.ts";
import type { ErrorCause } from "./types.ts";

const RULES: ReadonlyArray<readonly [ErrorCause, RegExp]> = [
  [
    "credentials",
    /credential|authori[sz]|unauthori[sz]ed|forbidden|\b40[13]\b|token (has )?expired|invalid api key|permission/i,
  ],
  ["crashed", /did not finish|out[- ]of[- ]memory|heap limit|process exited|was terminated/i],
  ["rate_limit", /too many requests|rate limit|\b429\b|quota/i],
  ["timeout", /timeout|timed out|ETIMEDOUT|ESOCKETTIMEDOUT/i],
  [
    "unreachable",
    /ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|unreachable|not able to (connect|process)|refused the connection|perhaps it is offline|service unavailable|\b50[234]\b|bad gateway/i,
  ],
  ["not_found", /not be found|not found|\b404\b|does not exist/i],
  [
    "bad_data",
    /invalid json|unexpected token|invalid (input|value|data|email)|request is invalid|unprocessable|\b422\b|missing (field|parameter|property)|validation|cannot read propert|is not defined|\b400\b|bad request/i,
  ],
];

/** Turns an n8n error message into one of the known kinds, or "other". */
export function classifyErrorMessage(message: string | null | undefined): ErrorCause {
  if (!message) return "other";
  for (const [cause, pattern] of RULES) if (pattern.test(message)) return cause;
  return "other";
}

/** A cause that is a summary of the message itself, not one of the known kinds. */
export const MESSAGE_CAUSE_PREFIX = "msg:";

const SECRETISH: readonly RegExp[] = [
  /\{[^{}]*\}|\[[^[\]]*\]/g, // JSON fragments, "[line 3]", "[item 0]"
  /(?<=\b(?:bearer|basic|token|apikey|api[_-]?key|password|secret|authorization)\b\s*[:=]?\s*)\S+/gi,
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, // email addresses
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, // URLs
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // uuids
  /[^\s"'`«»“”]*\d[^\s"'`«»“”]*/g, // anything with a digit: ids, codes, keys, numbers, dates
];

/**
 * What an error message says happened: its first line, without an "Error:" prefix or stack frames,
 * and — when it reads "<what happened>: <the case at hand>" ("Mailbox rejected the message: Address
 * not found: a@b.it") — only what happened: the case would split one cause into as many groups as
 * there are cases, and its words ("not found") are not the cause.
 */
export function leadingClause(message: string): string {
  let s = message.split(/\r?\n/)[0] ?? "";
  s = s.replace(/^\s*(?:[A-Z][A-Za-z]*Error|Error|NodeOperationError|NodeApiError)\s*:\s*/, "");
  s = s.replace(/\s+at\s+\S+\s*\(.*$/, "");
  const head = /^([^:]{12,}?):\s/.exec(s)?.[1];
  return head && head.trim().split(/\s+/).length >= 2 ? head : s;
}

/**
 * A short, safe summary of an n8n error message to group failures by and to quote to the owner:
 * its leading clause without ids, numbers, URLs, email addresses, JSON or anything that looks like a
 * secret; at most 80 characters on a word boundary. Null when nothing readable is left.
 */
export function summariseErrorMessage(message: string): string | null {
  let s = leadingClause(message);
  for (const pattern of SECRETISH) s = s.replace(pattern, " ");
  s = s
    .replace(/["`«»“”]|(?<!\p{L})'|'(?!\p{L})/gu, "")
    .replace(/\s*[-–—:;,]\s*(?=[-–—:;,]|$)/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[^\p{L}]+|[^\p{L}).!?]+$/gu, "")
    .replace(/[.!?]+$/, "")
    .trim();
  if (s.length > 80) s = s.slice(0, 80).replace(/\s+\S*$/, "");
  // A message that would read as code or data (null, SQL, JSON, a node type) is not quoted to anyone.
  if (findJargon(s).length > 0) return null;
  return (s.match(/\p{L}/gu) ?? []).length >= 4 ? s : null;
}

/**
 * The cause of a failed execution: a known kind when the message's leading clause is recognised,
 * otherwise that clause's summary (prefixed), "crashed" for an execution that stopped with no message
 * at all (n8n restarted or ran out of memory), and "other" when nothing readable is left.
 */
export function causeOfFailure(status: string, message: string | null): string {
  if (!message) return status === "crashed" ? "crashed" : "other";
  const known = classifyErrorMessage(leadingClause(message));
  if (known !== "other") return known;
  const summary = summariseErrorMessage(message);
  return summary ? `${MESSAGE_CAUSE_PREFIX}${summary}` : "other";
}
