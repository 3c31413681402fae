import type { ErrorCause } from "./types.ts";

const RULES: ReadonlyArray<readonly [ErrorCause, RegExp]> = [
  [
    "credentials",
    /credential|authori[sz]|unauthori[sz]ed|forbidden|\b40[13]\b|token (has )?expired|invalid api key|permission/i,
  ],
  ["rate_limit", /too many requests|rate limit|\b429\b|quota/i],
  ["timeout", /timeout|timed out|ETIMEDOUT|ESOCKETTIMEDOUT/i],
  [
    "unreachable",
    /ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|unreachable|not able to (connect|process)|service unavailable|\b50[234]\b|bad gateway/i,
  ],
  ["not_found", /not be found|not found|\b404\b|does not exist/i],
  [
    "bad_data",
    /invalid json|unexpected token|invalid (input|value|data|email)|missing (field|parameter|property)|validation|cannot read propert|is not defined|\b400\b|bad request/i,
  ],
];

/** Turns an n8n error message into a plain category; the message itself never reaches users. */
export function classifyErrorMessage(message: string | null | undefined): ErrorCause {
  if (!message) return "other";
  for (const [cause, pattern] of RULES) if (pattern.test(message)) return cause;
  return "other";
}
