import type { AnalysisKind, QueryType, TimeWindow } from "../graph/labels.ts";

/** A window resolved to instants: [from, to) in UTC ISO strings, plus its local calendar days. */
export interface ResolvedRange {
  readonly window: TimeWindow;
  readonly from: string;
  readonly to: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly dayCount: number;
  readonly timeZone: string;
}

export interface NamedCount {
  readonly name: string;
  readonly count: number;
}

export interface RunCounts {
  readonly runs: number;
  readonly successes: number;
  readonly failures: number;
}

export interface DayPoint {
  readonly day: string;
  readonly runs: number;
  readonly failures: number;
}

/** What a comparison, trend or forecast counts. */
export type SeriesSubject = "runs" | "emails" | "orders" | "failures";

export interface ForecastPoint {
  readonly day: string;
  readonly expected: number;
  readonly low: number;
  readonly high: number;
}

/** Plain-language category of an error message (translate turns it into business words). */
export type ErrorCause =
  "credentials" | "unreachable" | "timeout" | "rate_limit" | "not_found" | "bad_data" | "other";

export interface ErrorCauseCount {
  readonly workflow: string;
  readonly cause: ErrorCause;
  readonly count: number;
}

/** What the business tool found: facts only, no wording. Translate turns it into prose. */
export type ToolResult =
  | ({ readonly kind: "activity"; readonly range: ResolvedRange } & RunCounts & {
        readonly emails: number;
        readonly orders: number;
        readonly busiest: NamedCount | null;
      })
  | {
      readonly kind: "emails";
      readonly range: ResolvedRange;
      readonly received: number;
      readonly replied: number;
      readonly topSenders: readonly NamedCount[];
    }
  | {
      readonly kind: "orders";
      readonly range: ResolvedRange;
      readonly orders: number;
      readonly processed: number;
      readonly failed: number;
      readonly amount: number;
      readonly currency: string;
    }
  | {
      readonly kind: "errors";
      readonly range: ResolvedRange;
      readonly failures: number;
      readonly runs: number;
      readonly byWorkflow: readonly (NamedCount & { readonly cause: ErrorCause | null })[];
    }
  | ({ readonly kind: "performance"; readonly range: ResolvedRange } & RunCounts & {
        readonly successRate: number | null;
        readonly averageSeconds: number | null;
        readonly mostReliable: {
          readonly name: string;
          readonly successRate: number;
          readonly runs: number;
        } | null;
      })
  | ({ readonly kind: "overview"; readonly range: ResolvedRange } & RunCounts & {
        readonly successRate: number | null;
        readonly activeWorkflows: number;
      })
  | {
      readonly kind: "workflows";
      readonly range: ResolvedRange;
      readonly activeWorkflows: number;
      readonly totalWorkflows: number;
      readonly mostActive: readonly NamedCount[];
    }
  | {
      readonly kind: "comparison";
      readonly range: ResolvedRange;
      readonly previous: ResolvedRange;
      /** What is compared, and how many of it in each period. */
      readonly subject: SeriesSubject;
      readonly currentCount: number;
      readonly beforeCount: number;
      readonly current: RunCounts;
      readonly before: RunCounts;
    }
  | {
      readonly kind: "trend";
      readonly range: ResolvedRange;
      readonly subject: SeriesSubject;
      readonly series: readonly DayPoint[];
      readonly direction: "up" | "down" | "flat";
      readonly changePercent: number | null;
    }
  | {
      readonly kind: "top_errors";
      readonly range: ResolvedRange;
      readonly failures: number;
      readonly causes: readonly ErrorCauseCount[];
    }
  | {
      readonly kind: "forecast";
      readonly range: ResolvedRange;
      readonly horizonDays: number;
      readonly series: readonly ForecastPoint[];
      readonly total: { readonly expected: number; readonly low: number; readonly high: number };
      readonly method: "seasonal_naive" | "moving_average";
      readonly historyDays: number;
      readonly subject: SeriesSubject;
    };

export type ToolResultKind = ToolResult["kind"];
export type { AnalysisKind, QueryType };
