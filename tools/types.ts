/** Plain-language category of an error message (translate turns it into business words). */
export type ErrorCause =
  "credentials" | "unreachable" | "timeout" | "rate_limit" | "not_found" | "bad_data" | "crashed" | "other";

/** One day of a daily series (`runs` holds the value counted). */
export interface DayPoint {
  readonly day: string;
  readonly runs: number;
  readonly failures: number;
}

/** One forecast day: the expected value and its likely range. */
export interface ForecastPoint {
  readonly day: string;
  readonly expected: number;
  readonly low: number;
  readonly high: number;
}
