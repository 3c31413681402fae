/**
 * Technical leftovers that must never reach a user: table and column names, SQL, JSON, ids,
 * programming values. Used by translate as a last guard, and by tests and evals.
 */
const PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ["programming value", /\b(null|undefined|NaN|Infinity|true|false)\b/],
  ["object text", /\[object \w+\]/],
  [
    "table name",
    /\b\w+_(entity|data|metrics|cache|interaction|profile|state)\b|execution_entity|workflow_entity/i,
  ],
  ["SQL", /\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|JOIN|GROUP BY)\b\s+[\w*"(]/],
  ["JSON", /[{}]|\[\s*\{|":\s/],
  [
    "identifier",
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{16}\b/,
  ],
  ["node type", /n8n-nodes-|@n8n\//],
  ["status code", /\b(status|stato)\s*[:=]\s*\w+|\b(crashed|ECONNREFUSED|NodeApiError)\b/],
];

/** The kinds of jargon found in `text` (empty when it is clean). */
export function findJargon(text: string): string[] {
  return PATTERNS.filter(([, re]) => re.test(text)).map(([kind]) => kind);
}
