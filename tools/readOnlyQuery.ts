import type pg from "pg";
import type { BoundValue } from "./semantic/params.ts";

/** A statement Milhena may run on business data: fixed text with positional parameters. */
export interface SqlTemplate {
  readonly name: string;
  readonly text: string;
}

export type QueryParam = BoundValue;

/** Runs compiled statements inside one transaction; nothing else can be run through it. */
export type TemplateQuery = <Row extends Record<string, unknown>>(
  template: SqlTemplate,
  params?: readonly QueryParam[],
) => Promise<Row[]>;

export interface ReadOnlyOptions {
  statementTimeoutMs: number;
  maxRows: number;
}

export class RowLimitError extends Error {
  constructor(template: string, limit: number) {
    super(`Query ${template} returned more than ${limit} rows`);
    this.name = "RowLimitError";
  }
}

/**
 * Runs `work` in a READ ONLY, REPEATABLE READ transaction with a statement timeout, so every query of
 * one answer sees the same snapshot and no write can succeed. Results above `maxRows` are an error.
 * `opening`, a statement without parameters, runs in the same round trip as BEGIN (its rows go to
 * `work`); COMMIT is not waited for (the transaction wrote nothing), the connection goes back to the
 * pool once it is done.
 */
export async function withReadOnlyTransaction<T>(
  pool: pg.Pool,
  options: ReadOnlyOptions,
  work: (query: TemplateQuery, opening: readonly Record<string, unknown>[]) => Promise<T>,
  opening?: SqlTemplate,
): Promise<T> {
  const timeout = Math.max(1, Math.floor(options.statementTimeoutMs));
  const client = await pool.connect();
  let released = false;
  try {
    const begin = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = ${timeout}`;
    const results = (await client.query(opening ? `${begin}; ${opening.text}` : begin)) as unknown as
      pg.QueryResult<Record<string, unknown>>[] | pg.QueryResult<Record<string, unknown>>;
    const openingRows = opening && Array.isArray(results) ? (results[2]?.rows ?? []) : [];
    const query: TemplateQuery = async <Row extends Record<string, unknown>>(
      template: SqlTemplate,
      params: readonly QueryParam[] = [],
    ) => {
      const result = await client.query<Row>({ name: undefined, text: template.text, values: [...params] });
      if (result.rows.length > options.maxRows) throw new RowLimitError(template.name, options.maxRows);
      return result.rows;
    };
    const value = await work(query, openingRows);
    released = true;
    client.query("COMMIT").then(
      () => client.release(),
      (error: unknown) => client.release(error instanceof Error ? error : new Error(String(error))),
    );
    return value;
  } catch (error) {
    if (!released) {
      released = true;
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
    }
    throw error;
  }
}
