import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * A named (prepared) statement for a query that runs on every request. PostgreSQL parses and plans an
 * unnamed statement each time it is sent (for the freshness read, with its seven sub-selects, that
 * costs more than running it); a named one is prepared once per connection and then only executed.
 * The name comes from the text, so the same text always has the same name and different texts never
 * share one. Only for texts of a fixed set: each distinct text stays prepared on every connection.
 */
export function prepared(text: string, values?: readonly unknown[]): pg.QueryConfig<unknown[]> {
  return { name: statementName(text), text, ...(values ? { values: [...values] } : {}) };
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `milhena_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
