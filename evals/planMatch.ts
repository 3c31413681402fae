import type { Category, ResponsePlan } from "../graph/plan.ts";
import type { ExpectedPeriod, ExpectedPlan } from "./planCase.ts";

/**
 * Does the plan in Milhena's response say what the labelled plan says? Scored separately for the
 * measure, the filters and the period (the acceptance metrics), and for the breakdown and the
 * comparison (diagnostics). Workflow filters are compared by the workflows they select, so "the
 * invoice workflows" (a category) and «Solleciti fatture scadute» (the one workflow of that kind)
 * are the same filter. Pure; `workflowsOfCategory` says which workflows each category holds.
 */
export interface PlanVerdicts {
  readonly measure: boolean;
  readonly filters: boolean;
  readonly period: boolean;
  readonly breakdown: boolean;
  readonly compare: boolean;
}

const sameSet = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x) => b.includes(x));
const sortedUnique = (xs: readonly string[]) => [...new Set(xs)].sort();

function selected(
  names: readonly string[] | undefined,
  category: Category | null | undefined,
  byCategory: (c: Category) => readonly string[],
) {
  return sortedUnique([...(names ?? []), ...(category ? byCategory(category) : [])]);
}

function periodMatches(expected: ExpectedPeriod | null | undefined, plan: ResponsePlan): boolean {
  if (plan.kind !== "query" && plan.kind !== "forecast") return expected === undefined;
  const p = plan.period;
  if (expected === undefined) return true;
  if (expected === null) return p.kind === "none";
  if ("all" in expected) return p.kind === "days" && p.spec.kind === "all_time";
  if ("hours" in expected) return p.kind === "rolling" && p.hours === expected.hours;
  return p.kind === "days" && p.from === expected.from && p.to === expected.to;
}

export function matchPlan(
  expected: ExpectedPlan,
  plan: ResponsePlan | undefined,
  workflowsOfCategory: (c: Category) => readonly string[],
): PlanVerdicts {
  if (!plan) return { measure: false, filters: false, period: false, breakdown: false, compare: false };
  const measure = expected.measure === undefined || expected.measure === plan.measure;
  if (plan.kind !== "query" && plan.kind !== "forecast") {
    return { measure, filters: false, period: false, breakdown: false, compare: false };
  }
  const f = plan.filters;
  const filters =
    sameSet(
      selected(expected.workflows, expected.category, workflowsOfCategory),
      selected(
        f.workflows.map((w) => w.name),
        f.category,
        workflowsOfCategory,
      ),
    ) &&
    (expected.status ?? null) === f.status &&
    sameSet(sortedUnique(expected.senders ?? []), sortedUnique(f.senders)) &&
    sameSet([...(expected.weekdays ?? [])].sort(), [...(f.weekdays ?? [])].sort()) &&
    (expected.hours
      ? f.hours?.from === expected.hours[0] && f.hours?.to === expected.hours[1]
      : f.hours === null);
  const b = expected.breakdown;
  const breakdown = b
    ? plan.breakdown !== null &&
      plan.breakdown.by === b.by &&
      (b.zeroOnly
        ? plan.breakdown.zeroOnly
        : !plan.breakdown.zeroOnly &&
          (b.order ?? "desc") === plan.breakdown.order &&
          (b.limit ?? null) === plan.breakdown.limit)
    : plan.breakdown === null;
  const c = expected.compare;
  const compare = c
    ? plan.compare !== null &&
      plan.compare.period.kind === "days" &&
      plan.compare.period.from === c.from &&
      plan.compare.period.to === c.to
    : plan.compare === null;
  const shape =
    (expected.trend ?? false) === plan.trend &&
    (expected.share ?? false) === plan.share &&
    (expected.forecastDays === undefined
      ? plan.kind === "query"
      : plan.kind === "forecast" && plan.horizonDays === expected.forecastDays);
  return {
    measure: measure && shape,
    filters,
    period: periodMatches(expected.period, plan),
    breakdown,
    compare,
  };
}
