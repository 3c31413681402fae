import type {
  Clarification,
  DraftPlan,
  ResolvedFilters,
  ResolvedPeriod,
  ResolvedQueryPlan,
  ResponsePlan,
  WorkflowRef,
} from "../graph/plan.ts";
import { defaultPeriodOf, FORECAST_HISTORY_DAYS } from "../graph/planLabels.ts";
import { categoryOfWord } from "../classifier/mentions.ts";
import type { EntityCatalog, WorkflowEntity } from "./entities/catalog.ts";
import { nameTokens } from "./entities/glossary.ts";
import { resolveSenderMention, resolveWorkflowMention } from "./entities/match.ts";
import { PeriodError, resolveComparison, resolvePeriod } from "./periods.ts";
import { MEASURE_DEFS } from "./semantic/measures.ts";
import { addDays, civilDateOf, formatCivil } from "./calendar.ts";

/**
 * Resolves a draft plan against the live names and the clock: workflow and sender mentions become
 * workflows (ids and current names) and senders of the data, or a clarification naming the closest
 * ones; periods become calendar days in the business time zone (or instants for rolling spans).
 * Pure: the catalog and the clock are given.
 */
export interface ResolveContext {
  readonly catalog: EntityCatalog;
  readonly now: Date;
  readonly timeZone: string;
}

export type ResolveOutcome =
  | { readonly kind: "plan"; readonly plan: ResolvedQueryPlan }
  | { readonly kind: "clarify"; readonly plan: Clarification }
  | { readonly kind: "unsupported"; readonly plan: ResponsePlan }
  /** A period in the future: the answer says so and offers a forecast. */
  | { readonly kind: "future"; readonly measure: DraftPlan["measure"] };

const ref = (w: WorkflowEntity): WorkflowRef => ({ id: w.id, name: w.name });

const WORKFLOW_NOUNS =
  /^(workflow|workflows|automazione|automazioni|processo|processi|flusso|flussi|automation|automations|process|processes|flow|flows|one|quello|quella)$/;

/** The workflows a kind of work names when it is used as a name ("the email workflow", "ordini"). */
function workflowsOfCategory(text: string, catalog: EntityCatalog): WorkflowEntity[] | null {
  const words = nameTokens(text).filter((t) => !WORKFLOW_NOUNS.test(t));
  const kinds = new Set(words.map(categoryOfWord));
  if (words.length === 0 || kinds.size !== 1 || kinds.has(null)) return null;
  const [category] = [...kinds];
  return catalog.workflows.filter((w) => w.category === category && !w.archived);
}

function resolveWorkflows(plan: DraftPlan, catalog: EntityCatalog): WorkflowRef[] | Clarification {
  const refs: WorkflowRef[] = [];
  for (const mention of plan.filters.workflows) {
    const found = resolveWorkflowMention(mention.text, catalog);
    // A name that tells one workflow apart wins over a kind of work ("backup" is «Backup documenti»).
    if (found.kind === "match") {
      refs.push(...found.values.map(ref));
      continue;
    }
    const byCategory = workflowsOfCategory(mention.text, catalog);
    if (byCategory && byCategory.length > 0) {
      if (byCategory.length === 1) {
        refs.push(ref(byCategory[0]!));
        continue;
      }
      return clarify(
        plan,
        "workflow",
        mention.text,
        "ambiguous",
        byCategory.map((w) => w.name),
      );
    }
    if (found.kind === "ambiguous")
      return clarify(
        plan,
        "workflow",
        mention.text,
        "ambiguous",
        found.candidates.map((w) => w.name),
      );
    else
      return clarify(
        plan,
        "workflow",
        mention.text,
        "unknown",
        found.closest.map((w) => w.name),
      );
  }
  return [...new Map(refs.map((r) => [r.id, r])).values()];
}

function resolveSenders(plan: DraftPlan, catalog: EntityCatalog): string[] | Clarification {
  const out: string[] = [];
  for (const mention of plan.filters.senders) {
    const found = resolveSenderMention(mention.text, catalog.senders);
    if (found.kind === "match") out.push(...found.values);
    else if (found.kind === "ambiguous")
      return clarify(plan, "sender", mention.text, "ambiguous", found.candidates);
    else return clarify(plan, "sender", mention.text, "unknown", found.closest);
  }
  return [...new Set(out)];
}

function clarify(
  plan: DraftPlan,
  entity: "workflow" | "sender",
  mention: string,
  reason: "unknown" | "ambiguous",
  candidates: readonly string[],
): Clarification {
  return {
    kind: "clarify",
    measure: plan.measure,
    entity,
    mention,
    reason,
    candidates: candidates.slice(0, 4),
  };
}

const isClarification = (v: unknown): v is Clarification =>
  typeof v === "object" && v !== null && !Array.isArray(v) && (v as { kind?: unknown }).kind === "clarify";

/** The period of the plan: what the question named, else the measure's default; forecasts learn from complete days. */
function periodOf(plan: DraftPlan, ctx: ResolveContext): ResolvedPeriod {
  if (plan.kind === "forecast") {
    const today = civilDateOf(ctx.now, ctx.timeZone);
    const spec = plan.period ?? { kind: "last_n_days", n: FORECAST_HISTORY_DAYS };
    const days = spec.kind === "last_n_days" ? Math.max(7, spec.n) : FORECAST_HISTORY_DAYS;
    return {
      kind: "days",
      from: formatCivil(addDays(today, -days)),
      to: formatCivil(addDays(today, -1)),
      spec: { kind: "last_n_days", n: days },
    };
  }
  // The workflow inventory is of now, whatever period the question names.
  if (MEASURE_DEFS[plan.measure].defaultPeriod === null) return { kind: "none" };
  const spec = plan.period ?? defaultPeriodOf(plan);
  if (spec === null) return { kind: "none" };
  return resolvePeriod(spec, ctx.now, ctx.timeZone);
}

export function resolvePlan(draft: DraftPlan, ctx: ResolveContext): ResolveOutcome {
  if (draft.kind === "unsupported") {
    return {
      kind: "unsupported",
      plan: { kind: "unsupported", measure: draft.measure, topic: draft.unsupported ?? "other" },
    };
  }
  const workflows = resolveWorkflows(draft, ctx.catalog);
  if (isClarification(workflows)) return { kind: "clarify", plan: workflows };
  const senders = resolveSenders(draft, ctx.catalog);
  if (isClarification(senders)) return { kind: "clarify", plan: senders };

  let measure = draft.measure;
  let status = draft.filters.status;
  // "failed runs" is failures; "successful runs" successes.
  if (measure === "runs" && status === "failed") [measure, status] = ["failures", null];
  if (measure === "runs" && status === "success") [measure, status] = ["successes", null];
  // Senders write emails: "how many times did Laura write?" counts her emails. Any other measure
  // (failures, orders) stays as asked, and the semantic layer refuses what it cannot say per sender.
  if (senders.length > 0 && measure === "runs") measure = "emails_received";
  const filters: ResolvedFilters = {
    workflows,
    category: draft.filters.category,
    status,
    senders,
    weekdays: draft.filters.weekdays,
    hours: draft.filters.hours,
  };
  const planned = { ...draft, measure };
  try {
    const period = periodOf(planned, ctx);
    const compare =
      draft.compare && period.kind !== "none"
        ? resolveComparison(draft.compare, period, ctx.now, ctx.timeZone)
        : null;
    return {
      kind: "plan",
      plan: {
        kind: draft.kind === "forecast" ? "forecast" : "query",
        measure,
        filters,
        period,
        breakdown: draft.breakdown,
        compare,
        share: draft.share,
        trend: draft.trend,
        horizonDays: draft.kind === "forecast" ? (draft.horizonDays ?? 7) : null,
        coverage: null,
        today: formatCivil(civilDateOf(ctx.now, ctx.timeZone)),
        timeZone: ctx.timeZone,
      },
    };
  } catch (error) {
    if (error instanceof PeriodError && error.reason === "future") return { kind: "future", measure };
    if (error instanceof PeriodError && error.reason === "invalid_date")
      return { kind: "unsupported", plan: { kind: "unsupported", measure, topic: "invalid_date" } };
    throw error;
  }
}
