import { z } from "zod";
import { CATEGORIES, DIMENSIONS, MEASURES, RUN_STATUSES } from "../graph/plan.ts";

/**
 * The expected plan of a labelled question (evals/datasets/plans-*.jsonl), in the dataset's own
 * form: workflow and sender names as they are in the data, periods as calendar days computed from
 * the evaluation's fixed clock. Documented in evals/README.md ("Plans datasets").
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ExpectedPeriodSchema = z.union([
  z.object({ from: day, to: day }).strict(),
  z.object({ hours: z.number().int().min(1).max(744) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type ExpectedPeriod = z.infer<typeof ExpectedPeriodSchema>;

export const ExpectedPlanSchema = z
  .object({
    measure: z.enum(MEASURES).optional(),
    workflows: z.array(z.string().min(1)).optional(),
    category: z.enum(CATEGORIES).optional(),
    status: z.enum(RUN_STATUSES).optional(),
    senders: z.array(z.string().min(1)).optional(),
    weekdays: z.array(z.number().int().min(1).max(7)).optional(),
    hours: z.tuple([z.number().int().min(0).max(23), z.number().int().min(1).max(24)]).optional(),
    period: ExpectedPeriodSchema.nullable().optional(),
    breakdown: z
      .object({
        by: z.enum(DIMENSIONS),
        order: z.enum(["desc", "asc", "key"]).optional(),
        limit: z.number().int().min(1).max(50).nullable().optional(),
        zeroOnly: z.boolean().optional(),
      })
      .strict()
      .optional(),
    compare: z.object({ from: day, to: day }).strict().optional(),
    share: z.boolean().optional(),
    trend: z.boolean().optional(),
    forecastDays: z.number().int().min(1).max(31).optional(),
  })
  .strict();
export type ExpectedPlan = z.infer<typeof ExpectedPlanSchema>;

export const EXPECTATIONS = ["answer", "clarify", "cannot"] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

export const PlanCaseSchema = z
  .object({
    id: z.string().regex(/^plans-(dev|test)-\d{3}$/),
    split: z.enum(["dev", "test"]),
    question: z.string().min(1).max(2_000),
    language: z.enum(["it", "en"]),
    intent: z.enum(["BUSINESS_DATA", "ANALYSIS", "PREDICTION"]),
    expect: z.enum(EXPECTATIONS),
    plan: ExpectedPlanSchema.optional(),
    candidates: z.array(z.string().min(1)).optional(),
    conversation: z.string().min(1).optional(),
    turn: z.number().int().min(1).optional(),
    tags: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.expect === "answer" && (!c.plan || !c.plan.measure))
      ctx.addIssue({ code: "custom", message: "an answer case needs a plan with a measure" });
    if ((c.conversation === undefined) !== (c.turn === undefined))
      ctx.addIssue({ code: "custom", message: "conversation and turn go together" });
  });
export type PlanCase = z.infer<typeof PlanCaseSchema>;
