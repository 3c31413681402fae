import { describe, expect, it } from "vitest";
import { withClassification } from "../graph/context.ts";
import { draftPlan } from "../graph/plan.ts";
import type { EntityCatalog } from "../tools/entities/catalog.ts";
import { classification, fakeDeps, testContext } from "../test/support/fakes.ts";
import { afterPlan, makePlan } from "./plan.ts";

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
function stateWith(plan: ReturnType<typeof draftPlan>) {
  const labels = classification({ plan, language: "en" });
  return {
    messages: [],
    lastTurn: null,
    response: null,
    context: withClassification(testContext({ now: NOW }), labels),
  };
}

describe("the plan node", () => {
  it("brings the data up to date, resolves names and periods, and goes on to the business tool", async () => {
    const { deps, calls } = fakeDeps({ catalog });
    const update = await makePlan(deps)(
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
    expect(afterPlan({ ...stateWith(draftPlan({ measure: "runs" })), context: update.context! })).toBe(
      "businessTool",
    );
  });

  it("asks which workflow was meant when a name fits several, and goes straight to translate", async () => {
    const { deps } = fakeDeps({ catalog });
    const update = await makePlan(deps)(
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
    expect(afterPlan({ ...stateWith(draftPlan({ measure: "runs" })), context: update.context! })).toBe(
      "translate",
    );
  });

  it("names the closest senders when the sender is unknown", async () => {
    const { deps } = fakeDeps({ catalog });
    const update = await makePlan(deps)(
      stateWith(
        draftPlan({
          measure: "emails_received",
          filters: { senders: [{ text: "Laura Conte", explicit: true }] },
        }),
      ),
    );
    expect(update.context!.plan).toMatchObject({ kind: "query", filters: { senders: ["Laura Conti"] } });
    const unknown = await makePlan(deps)(
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
    const { deps } = fakeDeps({ catalog });
    const future = await makePlan(deps)(
      stateWith(
        draftPlan({
          measure: "orders_received",
          period: { kind: "day", day: { kind: "date", month: 12, day: 25, year: 2026 } },
        }),
      ),
    );
    expect(future.context!.future).toBe(true);
    expect(future.context!.plan).toBeNull();
    const products = await makePlan(deps)(
      stateWith(draftPlan({ kind: "unsupported", measure: "orders_received", unsupported: "products" })),
    );
    expect(products.context!.plan).toEqual({
      kind: "unsupported",
      measure: "orders_received",
      topic: "products",
    });
  });

  it("answers 'try again' when the data cannot be read", async () => {
    const { deps } = fakeDeps({ catalog });
    const failing = {
      ...deps,
      sync: { ...deps.sync, syncIfStale: () => Promise.reject(new Error("db down")) },
    };
    const update = await makePlan(failing)(stateWith(draftPlan({ measure: "runs" })));
    expect(update.context!.answer).toMatch(/try again/);
    expect(update.context!.answer).not.toMatch(/db down/);
  });
});

describe("the plan node's reads", () => {
  it("resolves against the request's freshness, and re-reads the catalog only after the ETL ran", async () => {
    for (const refreshed of [false, true]) {
      const { deps } = fakeDeps({ catalog });
      const loads: unknown[] = [];
      let syncedWith: string | undefined;
      const counted = {
        ...deps,
        entities: {
          load: (known?: unknown) => (loads.push(known), deps.entities.load()),
        },
        sync: {
          ...deps.sync,
          syncIfStale: (watermark?: string) => ((syncedWith = watermark), Promise.resolve(refreshed)),
        },
      };
      const state = stateWith(draftPlan({ measure: "runs" }));
      const freshness = { data: "w42", workflows: "3/t", etl: "e1" };
      await makePlan(counted)({ ...state, context: { ...state.context, freshness } });
      // The watermark cacheCheck read is the one the ETL compares with: no second read.
      expect(syncedWith).toBe("w42");
      // After an ETL run the catalog is looked up again; else the request's freshness says it is current.
      expect(loads).toEqual([refreshed ? undefined : freshness]);
    }
  });
});
