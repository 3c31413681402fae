/** A value bound to a compiled query's placeholder. Arrays bind as PostgreSQL arrays. */
export type BoundValue = string | number | boolean | null | readonly string[] | readonly number[];

/**
 * The bound parameters of one statement being compiled: every value goes in here and only its
 * placeholder (`$1`, `$2`, …) goes into the SQL text.
 */
export class BoundParams {
  readonly values: BoundValue[] = [];

  /** Binds a value and returns its placeholder, with a cast when given ("$3::text[]"). */
  bind(value: BoundValue, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}
