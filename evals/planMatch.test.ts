import { describe, expect, it } from "vitest";
import type { Category, PeriodSpec, ResolvedFilters, ResolvedQueryPlan } from "../graph/plan.ts";
import { resolvedPlan } from "../test/support/fakes.ts";
import { resolveComparison, resolvePeriod } from "../tools/periods.ts";
import type { ExpectedPlan } from "./planCase.ts";
import { matchPlan, type PlanVerdicts } from "./planMatch.ts";

// Wednesday 18 November 2026 (UTC), as in test/support/fakes.ts.
const NOW = new Date("2026-11-18T10:00:00Z");
const period = (spec: PeriodSpec) => resolvePeriod(spec, NOW, "UTC");
const filters = (partial: Partial<ResolvedFilters> = {}): ResolvedFilters => ({
  workflows: [],
  category: null,
  status: null,
  senders: [],
  weekdays: null,
  hours: null,
  ...partial,
});
const wf = (name: string) => ({ id: `id-${name.length}`, name });

const BY_CATEGORY: Record<string, readonly string[]> = {
  invoice: ["Solleciti fatture scadute"],
  order: ["Elaborazione ordini Shopify", "Ordini WooCommerce"],
  email: ["Smistamento email clienti", "Customer support inbox"],
};
const byCategory = (c: Category) => BY_CATEGORY[c] ?? [];

const TODAY = { from: "2026-11-18", to: "2026-11-18" };
const match = (expected: ExpectedPlan, plan: Partial<ResolvedQueryPlan>) =>
  matchPlan(expected, resolvedPlan(plan), byCategory);
const ALL_TRUE: PlanVerdicts = { measure: true, filters: true, period: true, breakdown: true, compare: true };

describe("matchPlan", () => {
  it("passes a plan that says what the label says", () => {
    expect(match({ measure: "runs", period: TODAY }, {})).toEqual(ALL_TRUE);
  });

  it("fails everything without a plan", () => {
    expect(matchPlan({ measure: "runs" }, undefined, byCategory)).toEqual({
      measure: false,
      filters: false,
      period: false,
      breakdown: false,
      compare: false,
    });
  });

  it("scores only the measure of a clarification or a refusal", () => {
    const clarification = {
      kind: "clarify" as const,
      measure: "runs" as const,
      entity: "workflow" as const,
      mention: "x",
      reason: "unknown" as const,
      candidates: [],
    };
    expect(matchPlan({ measure: "runs" }, clarification, byCategory)).toEqual({
      measure: true,
      filters: false,
      period: false,
      breakdown: false,
      compare: false,
    });
    expect(
      matchPlan({ measure: "runs" }, { kind: "unsupported", measure: "failures", topic: "other" }, byCategory)
        .measure,
    ).toBe(false);
  });

  describe("measure", () => {
    it("compares the measure", () => {
      expect(match({ measure: "failures" }, {}).measure).toBe(false);
      expect(match({ measure: "runs" }, { measure: "runs" }).measure).toBe(true);
      expect(match({}, { measure: "leads" }).measure).toBe(true);
    });

    it("counts a share, a trend or a forecast as part of what is measured", () => {
      expect(match({ measure: "runs", share: true }, {}).measure).toBe(false);
      expect(match({ measure: "runs" }, { share: true }).measure).toBe(false);
      expect(match({ measure: "runs", share: true }, { share: true }).measure).toBe(true);
      expect(match({ measure: "runs", trend: true }, { trend: false }).measure).toBe(false);
      expect(match({ measure: "runs", trend: true }, { trend: true }).measure).toBe(true);
      expect(match({ measure: "runs", forecastDays: 7 }, {}).measure).toBe(false);
      expect(match({ measure: "runs" }, { kind: "forecast", horizonDays: 7 }).measure).toBe(false);
      expect(match({ measure: "runs", forecastDays: 7 }, { kind: "forecast", horizonDays: 1 }).measure).toBe(
        false,
      );
      expect(match({ measure: "runs", forecastDays: 7 }, { kind: "forecast", horizonDays: 7 }).measure).toBe(
        true,
      );
    });
  });

  describe("filters", () => {
    it("compares workflows by name, in any order", () => {
      const two = filters({ workflows: [wf("Ordini WooCommerce"), wf("Elaborazione ordini Shopify")] });
      expect(
        match({ workflows: ["Elaborazione ordini Shopify", "Ordini WooCommerce"] }, { filters: two }).filters,
      ).toBe(true);
      expect(match({ workflows: ["Ordini WooCommerce"] }, { filters: two }).filters).toBe(false);
      expect(match({ workflows: ["Ordini WooCommerce"] }, {}).filters).toBe(false);
      expect(match({}, { filters: two }).filters).toBe(false);
    });

    it("treats a category and the workflows it holds as the same filter", () => {
      const invoices = filters({ category: "invoice" });
      const reminders = filters({ workflows: [wf("Solleciti fatture scadute")] });
      expect(match({ category: "invoice" }, { filters: reminders }).filters).toBe(true);
      expect(match({ workflows: ["Solleciti fatture scadute"] }, { filters: invoices }).filters).toBe(true);
      expect(
        match({ category: "order" }, { filters: filters({ workflows: [wf("Ordini WooCommerce")] }) }).filters,
      ).toBe(false);
      expect(match({ category: "order" }, { filters: filters({ category: "email" }) }).filters).toBe(false);
      expect(match({ category: "order" }, {}).filters).toBe(false);
    });

    it("compares status, senders, weekdays and hours", () => {
      expect(match({ status: "failed" }, { filters: filters({ status: "failed" }) }).filters).toBe(true);
      expect(match({ status: "failed" }, {}).filters).toBe(false);
      expect(match({}, { filters: filters({ status: "success" }) }).filters).toBe(false);

      const senders = filters({ senders: ["Marco Rossi", "Laura Conti"] });
      expect(match({ senders: ["Laura Conti", "Marco Rossi"] }, { filters: senders }).filters).toBe(true);
      expect(match({ senders: ["Laura Conti"] }, { filters: senders }).filters).toBe(false);

      expect(match({ weekdays: [6, 7] }, { filters: filters({ weekdays: [7, 6] }) }).filters).toBe(true);
      expect(match({ weekdays: [6, 7] }, { filters: filters({ weekdays: [6] }) }).filters).toBe(false);
      expect(match({ weekdays: [1] }, {}).filters).toBe(false);

      expect(match({ hours: [6, 12] }, { filters: filters({ hours: { from: 6, to: 12 } }) }).filters).toBe(
        true,
      );
      expect(match({ hours: [6, 12] }, { filters: filters({ hours: { from: 6, to: 13 } }) }).filters).toBe(
        false,
      );
      expect(match({ hours: [6, 12] }, {}).filters).toBe(false);
      expect(match({}, { filters: filters({ hours: { from: 18, to: 24 } }) }).filters).toBe(false);
    });
  });

  describe("period", () => {
    it("compares calendar days", () => {
      const lastWeek = period({ kind: "last_week" });
      expect(match({ period: { from: "2026-11-09", to: "2026-11-15" } }, { period: lastWeek }).period).toBe(
        true,
      );
      expect(match({ period: { from: "2026-11-12", to: "2026-11-18" } }, { period: lastWeek }).period).toBe(
        false,
      );
      expect(match({ period: { from: "2026-11-09", to: "2026-11-16" } }, { period: lastWeek }).period).toBe(
        false,
      );
    });

    it("compares rolling hours, all time and no period", () => {
      const twoHours = period({ kind: "rolling_hours", hours: 2 });
      expect(match({ period: { hours: 2 } }, { period: twoHours }).period).toBe(true);
      expect(match({ period: { hours: 3 } }, { period: twoHours }).period).toBe(false);
      expect(match({ period: { hours: 24 } }, {}).period).toBe(false);
      expect(match({ period: TODAY }, { period: twoHours }).period).toBe(false);

      expect(match({ period: { all: true } }, { period: period({ kind: "all_time" }) }).period).toBe(true);
      expect(match({ period: { all: true } }, { period: period({ kind: "this_year" }) }).period).toBe(false);

      expect(match({ period: null }, { period: { kind: "none" } }).period).toBe(true);
      expect(match({ period: null }, {}).period).toBe(false);
      expect(match({ period: TODAY }, { period: { kind: "none" } }).period).toBe(false);
    });

    it("accepts any period when the label does not give one", () => {
      expect(match({ measure: "runs" }, { period: period({ kind: "this_month" }) }).period).toBe(true);
    });
  });

  describe("breakdown", () => {
    const b = (
      by: "workflow" | "sender",
      order: "desc" | "asc" | "key",
      limit: number | null,
      zeroOnly = false,
    ) => ({
      breakdown: { by, order, limit, zeroOnly },
    });

    it("compares by, order and limit, with desc and no limit as defaults", () => {
      expect(match({ breakdown: { by: "workflow", limit: 1 } }, b("workflow", "desc", 1)).breakdown).toBe(
        true,
      );
      expect(match({ breakdown: { by: "workflow" } }, b("workflow", "desc", null)).breakdown).toBe(true);
      expect(match({ breakdown: { by: "workflow" } }, b("workflow", "desc", 3)).breakdown).toBe(false);
      expect(match({ breakdown: { by: "workflow", limit: 1 } }, b("workflow", "asc", 1)).breakdown).toBe(
        false,
      );
      expect(match({ breakdown: { by: "workflow", limit: 1 } }, b("sender", "desc", 1)).breakdown).toBe(
        false,
      );
      expect(
        match({ breakdown: { by: "workflow", order: "asc", limit: 1 } }, b("workflow", "asc", 1)).breakdown,
      ).toBe(true);
    });

    it("matches 'did not run at all' on zeroOnly whatever the order", () => {
      expect(
        match({ breakdown: { by: "workflow", zeroOnly: true } }, b("workflow", "key", null, true)).breakdown,
      ).toBe(true);
      expect(
        match({ breakdown: { by: "workflow", zeroOnly: true } }, b("workflow", "asc", 1)).breakdown,
      ).toBe(false);
      expect(
        match({ breakdown: { by: "workflow", order: "asc" } }, b("workflow", "asc", null, true)).breakdown,
      ).toBe(false);
    });

    it("fails a breakdown nobody asked for, and a missing one", () => {
      expect(match({ measure: "runs" }, b("workflow", "desc", 1)).breakdown).toBe(false);
      expect(match({ breakdown: { by: "workflow" } }, {}).breakdown).toBe(false);
    });
  });

  describe("compare", () => {
    const thisWeek = period({ kind: "this_week" });
    const withCompare = {
      period: thisWeek,
      compare: resolveComparison({ kind: "previous" }, thisWeek, NOW, "UTC"),
    };

    it("compares the reference days", () => {
      expect(match({ compare: { from: "2026-11-09", to: "2026-11-11" } }, withCompare).compare).toBe(true);
      expect(match({ compare: { from: "2026-11-09", to: "2026-11-15" } }, withCompare).compare).toBe(false);
    });

    it("fails a comparison nobody asked for, and a missing one", () => {
      expect(match({ measure: "runs" }, withCompare).compare).toBe(false);
      expect(match({ compare: { from: "2026-11-09", to: "2026-11-11" } }, {}).compare).toBe(false);
    });

    it("does not match days against a rolling reference", () => {
      const hours = period({ kind: "rolling_hours", hours: 3 });
      const rolling = { period: hours, compare: resolveComparison({ kind: "previous" }, hours, NOW, "UTC") };
      expect(match({ compare: { from: "2026-11-18", to: "2026-11-18" } }, rolling).compare).toBe(false);
    });
  });

  it("scores each part on its own", () => {
    const v = match(
      {
        measure: "failures",
        workflows: ["Ordini WooCommerce"],
        period: { from: "2026-11-17", to: "2026-11-17" },
      },
      { measure: "failures", filters: filters({ workflows: [wf("Ordini WooCommerce")] }) },
    );
    expect(v).toEqual({ measure: true, filters: true, period: false, breakdown: true, compare: true });
  });
});
