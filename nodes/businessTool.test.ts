import { describe, expect, it } from "vitest";
import { withClassification } from "../graph/context.ts";
import { draftPlan, type DraftPlan, type ResolvedQueryPlan } from "../graph/plan.ts";
import type { EntityCatalog } from "../tools/entities/catalog.ts";
import { PlanNotExpressibleError } from "../tools/semantic/compiler.ts";
import type { PlanResult } from "../tools/semantic/result.ts";
import { classification, fakeDeps, testContext, graphState } from "../test/support/fakes.ts";
import { makeBusinessTool } from "./businessTool.ts";
import type { Freshness } from "../tools/dataWatermark.ts";

/** A semantic layer that answers every plan with one count. */
const valueOf =
  (n: number) =>
  (plan: ResolvedQueryPlan): Promise<PlanResult> =>
    Promise.resolve({ kind: "value", plan, value: { unit: "count", value: n }, context: {} });

const catalog: EntityCatalog = {
  workflows: [
    {
      id: "wf-shop",
      name: "Elaborazione ordini Shopify",
      active: true,
      archived: false,
      category: "order",
      services: ["shopify"],
    },
    {
      id: "wf-woo",
      name: "Ordini WooCommerce",
      active: true,
      archived: false,
      category: "order",
      services: ["woocommerce"],
    },
    {
      id: "wf-inv",
      name: "Solleciti fatture scadute",
      active: true,
      archived: false,
      category: "invoice",
      services: ["xero", "gmail"],
    },
  ],
  senders: ["Laura Conti", "Marco Rossi"],
};

const NOW = new Date("2026-11-18T10:00:00Z"); // a Wednesday
function stateWith(plan: DraftPlan | null, language: "en" | "it" = "en") {
  const labels = classification({ plan, language });
  return graphState({ context: withClassification(testContext({ now: NOW }), labels) });
}

describe("businessTool: resolving the plan against the live data", () => {
  it("brings the data up to date, resolves names and periods, and answers the resolved plan", async () => {
    const { deps, calls } = fakeDeps({ catalog, result: valueOf(3) });
    const update = await makeBusinessTool(deps)(
      stateWith(
        draftPlan({
          measure: "failures",
          filters: { workflows: [{ text: "invoice reminders", explicit: false }] },
          period: { kind: "last_week" },
        }),
      ),
    );
    expect(calls.sync).toBe(1);
    const plan = update.context!.plan;
    expect(plan).toMatchObject({
      kind: "query",
      measure: "failures",
      filters: { workflows: [{ id: "wf-inv", name: "Solleciti fatture scadute" }] },
      period: { kind: "days", from: "2026-11-09", to: "2026-11-15" },
    });
    // A follow-up edits the plan as the data names things.
    expect(update.context!.classification!.plan!.filters.workflows).toEqual([
      { text: "Solleciti fatture scadute", explicit: true },
    ]);
    expect(calls.businessData).toBe(1);
    expect(update.context!.toolResult).toMatchObject({ kind: "value", plan: { measure: "failures" } });
  });

  it("asks which workflow was meant when a name fits several, and reads no figures", async () => {
    const { deps, calls } = fakeDeps({ catalog, result: valueOf(3) });
    const update = await makeBusinessTool(deps)(
      stateWith(
        draftPlan({
          measure: "orders_received",
          filters: { workflows: [{ text: "the order workflow", explicit: true }] },
        }),
      ),
    );
    expect(update.context!.plan).toMatchObject({ kind: "clarify", entity: "workflow", reason: "ambiguous" });
    expect([...(update.context!.plan as { candidates: string[] }).candidates].sort()).toEqual([
      "Elaborazione ordini Shopify",
      "Ordini WooCommerce",
    ]);
    expect(calls.businessData).toBe(0);
    expect(update.context!.toolResult).toBeNull();
  });

  it("corrects a misspelt sender, and asks about an unknown one", async () => {
    const { deps } = fakeDeps({ catalog, result: valueOf(1) });
    const update = await makeBusinessTool(deps)(
      stateWith(
        draftPlan({
          measure: "emails_received",
          filters: { senders: [{ text: "Laura Conte", explicit: true }] },
        }),
      ),
    );
    expect(update.context!.plan).toMatchObject({ kind: "query", filters: { senders: ["Laura Conti"] } });
    const unknown = await makeBusinessTool(deps)(
      stateWith(
        draftPlan({
          measure: "emails_received",
          filters: { senders: [{ text: "Roberto Gallo", explicit: true }] },
        }),
      ),
    );
    expect(unknown.context!.plan).toMatchObject({ kind: "clarify", entity: "sender", reason: "unknown" });
  });

  it("marks a period still to come, and keeps an unsupported plan as it is", async () => {
    const { deps, calls } = fakeDeps({ catalog, result: valueOf(1) });
    const future = await makeBusinessTool(deps)(
      stateWith(
        draftPlan({
          measure: "orders_received",
          period: { kind: "day", day: { kind: "date", month: 12, day: 25, year: 2026 } },
        }),
      ),
    );
    expect(future.context!.future).toBe(true);
    expect(future.context!.plan).toBeNull();
    const products = await makeBusinessTool(deps)(
      stateWith(draftPlan({ kind: "unsupported", measure: "orders_received", unsupported: "products" })),
    );
    expect(products.context!.plan).toEqual({
      kind: "unsupported",
      measure: "orders_received",
      topic: "products",
    });
    expect(calls.businessData).toBe(0);
  });

  it("answers 'try again' when the data cannot be read", async () => {
    const { deps } = fakeDeps({ catalog });
    const failing = {
      ...deps,
      sync: { ...deps.sync, syncIfStale: () => Promise.reject(new Error("db down")) },
    };
    const update = await makeBusinessTool(failing)(stateWith(draftPlan({ measure: "runs" })));
    expect(update.context!.answer).toMatch(/try again/);
    expect(update.context!.answer).not.toMatch(/db down/);
  });
});

describe("businessTool's reads", () => {
  it("resolves against the request's freshness, and re-reads the catalog only after the ETL ran", async () => {
    for (const refreshed of [false, true]) {
      const { deps } = fakeDeps({ catalog });
      const loads: unknown[] = [];
      let syncedWith: Freshness | undefined;
      const counted = {
        ...deps,
        entities: {
          load: (known?: unknown) => (loads.push(known), deps.entities.load()),
        },
        sync: {
          ...deps.sync,
          syncIfStale: (known?: Freshness) => ((syncedWith = known), Promise.resolve(refreshed)),
        },
      };
      const state = stateWith(draftPlan({ measure: "runs" }));
      const freshness = { data: "w42", workflows: "3/t", etl: "e1" };
      await makeBusinessTool(counted)({ ...state, context: { ...state.context!, freshness } });
      // The freshness cacheCheck read (watermark and ETL state) is what the ETL check uses: no second read.
      expect(syncedWith).toEqual(freshness);
      // After an ETL run the catalog is looked up again; else the request's freshness says it is current.
      expect(loads).toEqual([refreshed ? undefined : freshness]);
    }
  });
});

describe("businessTool: answering the plan", () => {
  const failures = () => stateWith(draftPlan({ measure: "failures" }), "it");

  it("turns a plan the semantic layer refuses into an honest refusal, never another query", async () => {
    const { deps, calls, lines } = fakeDeps({
      catalog,
      result: () =>
        Promise.reject(new PlanNotExpressibleError("no source serves measure distinct_senders, by hour")),
    });
    const update = await makeBusinessTool(deps)(failures());
    expect(calls.businessData).toBe(1);
    expect(update.context!.plan).toEqual({ kind: "unsupported", measure: "failures", topic: "combination" });
    expect(update.context!.toolResult).toBeNull();
    expect(lines.some((l) => l.event === "plan.not_expressible")).toBe(true);
  });

  it("answers a polite 'try again' in the user's language when the data cannot be read, and logs why", async () => {
    const { deps, lines } = fakeDeps({
      catalog,
      result: () => Promise.reject(new Error("connection terminated")),
    });
    const update = await makeBusinessTool(deps)(failures());
    expect(update.context!.toolResult).toBeNull();
    expect(update.context!.answer).toMatch(/Riprova tra poco/);
    expect(update.context!.answer).not.toMatch(/connection/);
    expect(lines.some((l) => l.level === "error" && l.error === "connection terminated")).toBe(true);
  });

  it("gives a question with no plan an honest refusal and reads nothing", async () => {
    const { deps, calls } = fakeDeps({ catalog, result: valueOf(1) });
    const update = await makeBusinessTool(deps)(stateWith(null));
    expect(update.context!.plan).toEqual({ kind: "unsupported", measure: "overview", topic: "other" });
    expect(calls.businessData + calls.sync).toBe(0);
  });
});
