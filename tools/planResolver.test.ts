import { describe, expect, it } from "vitest";
import { draftPlan, type DraftPlanInput, type ResolvedQueryPlan } from "../graph/plan.ts";
import type { EntityCatalog, WorkflowEntity } from "./entities/catalog.ts";
import { resolvePlan, type ResolveOutcome } from "./planResolver.ts";

const wf = (
  id: string,
  name: string,
  category: WorkflowEntity["category"],
  services: string[] = [],
  extra: Partial<WorkflowEntity> = {},
): WorkflowEntity => ({ id, name, active: true, archived: false, category, services, ...extra });

const CATALOG: EntityCatalog = {
  workflows: [
    wf("sorting", "Smistamento email clienti", "email", ["gmail"]),
    wf("support", "Supporto inbox", "email", ["outlook"]),
    wf("newsletter", "Vecchia newsletter", "email", ["mailchimp"], { archived: true, active: false }),
    wf("reminders", "Solleciti fatture scadute", "invoice", ["gmail"]),
    wf("einvoice", "Fatturazione elettronica", "invoice"),
    wf("shopify", "Elaborazione ordini Shopify", "order", ["shopify"]),
    wf("woo", "Ordini WooCommerce", "order", ["woocommerce"]),
    wf("weekly", "Report vendite settimanale", "report", ["google sheets"]),
    wf("monthly", "Report vendite mensile", "report", ["google sheets"]),
    wf("crm", "Sincronizzazione contatti CRM", "crm", ["hubspot"]),
    wf("leads", "Lead capture from website", "lead", ["typeform"]),
    wf("coffee", "Caffè del lunedì", "other"),
  ],
  senders: ["Laura Conti", "Laura Verdi", "Marco Rossi", "Giulia Bianchi"],
};

// Wednesday 18 November 2026, 10:00 UTC.
const NOW = new Date("2026-11-18T10:00:00Z");

const resolve = (input: DraftPlanInput, catalog: EntityCatalog = CATALOG, now = NOW, timeZone = "UTC") =>
  resolvePlan(draftPlan(input), { catalog, now, timeZone });

function planOf(outcome: ResolveOutcome): ResolvedQueryPlan {
  if (outcome.kind !== "plan") throw new Error(`expected a plan, got ${JSON.stringify(outcome)}`);
  return outcome.plan;
}

const mentions = (...texts: string[]) => texts.map((text) => ({ text }));
/** The workflow ids a plan naming these mentions reads. */
const workflowIds = (...texts: string[]) =>
  planOf(resolve({ measure: "runs", filters: { workflows: mentions(...texts) } })).filters.workflows.map(
    (w) => w.id,
  );

describe("resolvePlan: workflow names", () => {
  it("resolves a mention to the workflow's id and current name", () => {
    const plan = planOf(resolve({ measure: "runs", filters: { workflows: mentions("the Shopify one") } }));
    expect(plan.filters.workflows).toEqual([{ id: "shopify", name: "Elaborazione ordini Shopify" }]);
  });

  it.each([
    ["smistamento", "sorting"],
    ["the support inbox", "support"],
    ["shopfy", "shopify"],
    ["woo commerce", "woo"],
    ["WooComerce", "woo"],
    ["fatturazióne elettronica", "einvoice"],
    ["caffe del lunedi", "coffee"],
    ["invoice reminders", "reminders"],
    ["i solleciti delle fatture scadute", "reminders"],
    ["the HubSpot sync", "crm"],
    ["acquisizione contatti dal sito", "leads"],
    ["weekly sales report", "weekly"],
  ])("%s names %s", (text, id) => {
    expect(workflowIds(text)).toEqual([id]);
  });

  it("keeps several workflows in order and once each", () => {
    expect(workflowIds("Shopify", "woo commerce")).toEqual(["shopify", "woo"]);
    expect(workflowIds("Shopify", "shopfy", "Elaborazione ordini Shopify")).toEqual(["shopify"]);
  });

  it("asks which one when the words fit several workflows equally, naming them", () => {
    expect(resolve({ measure: "failures", filters: { workflows: mentions("report vendite") } })).toEqual({
      kind: "clarify",
      plan: {
        kind: "clarify",
        measure: "failures",
        entity: "workflow",
        mention: "report vendite",
        reason: "ambiguous",
        candidates: ["Report vendite mensile", "Report vendite settimanale"],
      },
    });
    expect(resolve({ measure: "runs", filters: { workflows: mentions("gmail") } })).toMatchObject({
      kind: "clarify",
      plan: { reason: "ambiguous", candidates: ["Smistamento email clienti", "Solleciti fatture scadute"] },
    });
  });

  it("asks which one for an unknown name, offering the closest workflows and no figures", () => {
    const outcome = resolve({ measure: "runs", filters: { workflows: mentions("payroll") } });
    expect(outcome.kind).toBe("clarify");
    if (outcome.kind !== "clarify") return;
    expect(outcome.plan).toMatchObject({ entity: "workflow", mention: "payroll", reason: "unknown" });
    expect(outcome.plan.candidates).toHaveLength(3);
    for (const name of outcome.plan.candidates) expect(CATALOG.workflows.map((w) => w.name)).toContain(name);
    // Archived workflows are not offered.
    expect(outcome.plan.candidates).not.toContain("Vecchia newsletter");
  });

  it("offers the workflow nearest to a badly misspelt name first", () => {
    const outcome = resolve({ measure: "runs", filters: { workflows: mentions("the Shopifai one") } });
    expect(outcome).toMatchObject({ kind: "clarify", plan: { reason: "unknown" } });
    if (outcome.kind === "clarify") expect(outcome.plan.candidates[0]).toBe("Elaborazione ordini Shopify");
  });

  it("never answers for the known workflows alone when another mention is unknown", () => {
    expect(
      resolve({ measure: "runs", filters: { workflows: mentions("Shopify", "the Amazon one") } }),
    ).toMatchObject({ kind: "clarify", plan: { mention: "the Amazon one", reason: "unknown" } });
  });

  it("asks about an unknown workflow before an unknown sender", () => {
    expect(
      resolve({
        measure: "emails_received",
        filters: { workflows: mentions("payroll"), senders: mentions("Roberto Gallo") },
      }),
    ).toMatchObject({ kind: "clarify", plan: { entity: "workflow", mention: "payroll" } });
  });
});

describe("resolvePlan: a kind of work used as a name", () => {
  it("is ambiguous among the workflows of that kind (archived ones left out)", () => {
    for (const text of ["email", "the email workflow", "quello delle email", "inbox"]) {
      expect(resolve({ measure: "runs", filters: { workflows: mentions(text) } }), text).toEqual({
        kind: "clarify",
        plan: {
          kind: "clarify",
          measure: "runs",
          entity: "workflow",
          mention: text,
          reason: "ambiguous",
          candidates: ["Smistamento email clienti", "Supporto inbox"],
        },
      });
    }
    expect(resolve({ measure: "runs", filters: { workflows: mentions("ordini") } })).toMatchObject({
      kind: "clarify",
      plan: { reason: "ambiguous", candidates: ["Elaborazione ordini Shopify", "Ordini WooCommerce"] },
    });
    expect(resolve({ measure: "runs", filters: { workflows: mentions("the invoice flow") } })).toMatchObject({
      kind: "clarify",
      plan: { reason: "ambiguous", candidates: ["Solleciti fatture scadute", "Fatturazione elettronica"] },
    });
  });

  it("names the one workflow of that kind when there is only one", () => {
    expect(workflowIds("the CRM one")).toEqual(["crm"]);
    expect(workflowIds("lead")).toEqual(["leads"]);
    expect(workflowIds("the leads workflow")).toEqual(["leads"]);
  });

  it("offers at most four workflows", () => {
    const catalog: EntityCatalog = {
      workflows: ["A", "B", "C", "D", "E"].map((n) => wf(n, `Posta ${n}`, "email")),
      senders: [],
    };
    const outcome = resolve({ measure: "runs", filters: { workflows: mentions("email") } }, catalog);
    expect(outcome).toMatchObject({ kind: "clarify", plan: { reason: "ambiguous" } });
    if (outcome.kind === "clarify")
      expect(outcome.plan.candidates).toEqual(["Posta A", "Posta B", "Posta C", "Posta D"]);
  });

  it("reads a kind of work with a telling word as a name, not as the kind", () => {
    expect(workflowIds("ordini Shopify")).toEqual(["shopify"]);
    expect(workflowIds("Shopify orders")).toEqual(["shopify"]);
    expect(workflowIds("email clienti")).toEqual(["sorting"]);
  });
});

describe("resolvePlan: senders", () => {
  it("resolves a sender against the senders in the data", () => {
    const plan = planOf(
      resolve({ measure: "emails_received", filters: { senders: mentions("laura cnoti") } }),
    );
    expect(plan.filters.senders).toEqual(["Laura Conti"]);
    expect(plan.measure).toBe("emails_received");
  });

  it("keeps several senders once each", () => {
    const plan = planOf(
      resolve({
        measure: "emails_received",
        filters: { senders: mentions("Marco Rossi", "Giulia", "marco rossi") },
      }),
    );
    expect(plan.filters.senders).toEqual(["Marco Rossi", "Giulia Bianchi"]);
  });

  it("asks who for an unknown sender, naming the closest senders", () => {
    const outcome = resolve({ measure: "emails_received", filters: { senders: mentions("Roberto Gallo") } });
    expect(outcome).toMatchObject({
      kind: "clarify",
      plan: {
        kind: "clarify",
        measure: "emails_received",
        entity: "sender",
        mention: "Roberto Gallo",
        reason: "unknown",
      },
    });
    if (outcome.kind !== "clarify") return;
    expect(outcome.plan.candidates).toHaveLength(3);
    for (const name of outcome.plan.candidates) expect(CATALOG.senders).toContain(name);
  });

  it("asks who when a first name belongs to two senders, naming both", () => {
    const outcome = resolve({ measure: "emails_received", filters: { senders: mentions("Laura") } });
    expect(outcome).toMatchObject({ kind: "clarify", plan: { entity: "sender", mention: "Laura" } });
    if (outcome.kind === "clarify")
      expect(outcome.plan.candidates.slice(0, 2).sort()).toEqual(["Laura Conti", "Laura Verdi"]);
  });

  it("asks who when the data has no senders at all", () => {
    expect(
      resolve(
        { measure: "emails_received", filters: { senders: mentions("Laura Conti") } },
        { ...CATALOG, senders: [] },
      ),
    ).toEqual({
      kind: "clarify",
      plan: {
        kind: "clarify",
        measure: "emails_received",
        entity: "sender",
        mention: "Laura Conti",
        reason: "unknown",
        candidates: [],
      },
    });
  });

  it("reads a count of runs about a sender as that sender's emails", () => {
    expect(planOf(resolve({ measure: "runs", filters: { senders: mentions("Marco Rossi") } })).measure).toBe(
      "emails_received",
    );
    // Email measures and measures that are not counts stay as they are.
    expect(
      planOf(resolve({ measure: "replies_drafted", filters: { senders: mentions("Marco Rossi") } })).measure,
    ).toBe("replies_drafted");
    expect(
      planOf(resolve({ measure: "distinct_senders", filters: { senders: mentions("Marco Rossi") } })).measure,
    ).toBe("distinct_senders");
    expect(
      planOf(resolve({ measure: "reply_rate", filters: { senders: mentions("Marco Rossi") } })).measure,
    ).toBe("reply_rate");
  });
});

describe("resolvePlan: measure and status", () => {
  it("reads failed runs as failures and successful runs as successes", () => {
    const failed = planOf(
      resolve({ measure: "runs", filters: { status: "failed", workflows: mentions("Shopify") } }),
    );
    expect(failed.measure).toBe("failures");
    expect(failed.filters.status).toBeNull();
    expect(failed.filters.workflows.map((w) => w.id)).toEqual(["shopify"]);
    const succeeded = planOf(resolve({ measure: "runs", filters: { status: "success" } }));
    expect(succeeded.measure).toBe("successes");
    expect(succeeded.filters.status).toBeNull();
  });

  it("keeps the status of a run measure that is not a count of runs", () => {
    const plan = planOf(resolve({ measure: "avg_duration", filters: { status: "failed" } }));
    expect(plan.measure).toBe("avg_duration");
    expect(plan.filters.status).toBe("failed");
  });

  it("passes the other filters and the shape of the plan through", () => {
    const plan = planOf(
      resolve({
        measure: "runs",
        filters: { category: "email", weekdays: [6, 7], hours: { from: 6, to: 12 } },
        period: { kind: "last_week" },
        breakdown: { by: "workflow", order: "desc", limit: 3 },
        share: true,
      }),
    );
    expect(plan).toMatchObject({
      kind: "query",
      measure: "runs",
      filters: {
        workflows: [],
        category: "email",
        status: null,
        senders: [],
        weekdays: [6, 7],
        hours: { from: 6, to: 12 },
      },
      breakdown: { by: "workflow", order: "desc", limit: 3, zeroOnly: false },
      share: true,
      trend: false,
      compare: null,
      horizonDays: null,
      coverage: null,
      today: "2026-11-18",
      timeZone: "UTC",
    });
  });
});

describe("resolvePlan: periods", () => {
  const period = (input: DraftPlanInput) => planOf(resolve(input)).period;

  it("uses the measure's default when the question names none", () => {
    expect(period({ measure: "runs" })).toEqual({
      kind: "days",
      from: "2026-11-18",
      to: "2026-11-18",
      spec: { kind: "today" },
    });
    expect(period({ measure: "success_rate" })).toMatchObject({ from: "2026-10-20", to: "2026-11-18" });
    expect(period({ measure: "order_value_avg" })).toMatchObject({ from: "2026-10-20", to: "2026-11-18" });
    expect(period({ measure: "latest_failure" })).toMatchObject({ from: "2000-01-01", to: "2026-11-18" });
    // A trend is over 14 days, a comparison and the error causes over 7.
    expect(period({ measure: "runs", trend: true })).toMatchObject({ from: "2026-11-05", to: "2026-11-18" });
    expect(period({ measure: "runs", compare: { kind: "previous" } })).toMatchObject({ from: "2026-11-12" });
    expect(
      period({ measure: "failures", breakdown: { by: "error_cause", order: "desc", limit: 3 } }),
    ).toMatchObject({ from: "2026-11-12", to: "2026-11-18" });
  });

  it("resolves the named period in the business time zone", () => {
    expect(period({ measure: "runs", period: { kind: "last_week" } })).toMatchObject({
      from: "2026-11-09",
      to: "2026-11-15",
    });
    // 23:30 UTC on the 18th is already the 19th in Rome.
    const late = planOf(
      resolve(
        { measure: "runs", period: { kind: "yesterday" } },
        CATALOG,
        new Date("2026-11-18T23:30:00Z"),
        "Europe/Rome",
      ),
    );
    expect(late.period).toMatchObject({ from: "2026-11-18", to: "2026-11-18" });
    expect(late.today).toBe("2026-11-19");
    expect(late.timeZone).toBe("Europe/Rome");
  });

  it("keeps a rolling span of hours as instants", () => {
    expect(period({ measure: "runs", period: { kind: "rolling_hours", hours: 3 } })).toMatchObject({
      kind: "rolling",
      hours: 3,
      from: "2026-11-18T07:00:00.000Z",
    });
  });

  it("gives the workflow inventory no period and no comparison, whatever the question names", () => {
    const plan = planOf(
      resolve({ measure: "active_workflows", period: { kind: "last_week" }, compare: { kind: "previous" } }),
    );
    expect(plan.period).toEqual({ kind: "none" });
    expect(plan.compare).toBeNull();
    expect(period({ measure: "workflows_total" })).toEqual({ kind: "none" });
    // Even a period still to come: the inventory is of now.
    expect(
      resolve({ measure: "workflows_total", period: { kind: "month", month: 12, year: 2027 } }).kind,
    ).toBe("plan");
  });

  it("resolves a comparison against the resolved period", () => {
    const plan = planOf(
      resolve({ measure: "runs", period: { kind: "this_week" }, compare: { kind: "previous" } }),
    );
    expect(plan.period).toMatchObject({ from: "2026-11-16", to: "2026-11-18" });
    expect(plan.compare).toMatchObject({
      spec: { kind: "previous" },
      period: { kind: "days", from: "2026-11-09", to: "2026-11-11" },
    });
    const named = planOf(
      resolve({
        measure: "orders_received",
        period: { kind: "month", month: 11 },
        compare: { kind: "period", period: { kind: "month", month: 10 } },
      }),
    );
    expect(named.compare?.period).toMatchObject({ from: "2026-10-01", to: "2026-10-31" });
  });

  it("answers a period in the future with 'future' and the measure, not with a plan", () => {
    expect(resolve({ measure: "orders_received", period: { kind: "month", month: 12, year: 2026 } })).toEqual(
      {
        kind: "future",
        measure: "orders_received",
      },
    );
    // "This weekend" asked on a Wednesday.
    expect(resolve({ measure: "runs", period: { kind: "weekend", which: "this" } })).toEqual({
      kind: "future",
      measure: "runs",
    });
    expect(
      resolve({
        measure: "runs",
        period: { kind: "since", from: { kind: "date", month: 1, day: 5, year: 2027 } },
      }),
    ).toEqual({ kind: "future", measure: "runs" });
    // The measure as read: failed runs are failures.
    expect(
      resolve({ measure: "runs", filters: { status: "failed" }, period: { kind: "this_year" } }).kind,
    ).toBe("plan");
    expect(
      resolve({
        measure: "runs",
        filters: { status: "failed" },
        period: { kind: "day", day: { kind: "date", month: 3, day: 1, year: 2027 } },
      }),
    ).toEqual({ kind: "future", measure: "failures" });
  });

  it("resolves names before the period: an unknown name in the future is still a clarification", () => {
    expect(
      resolve({
        measure: "runs",
        filters: { workflows: mentions("payroll") },
        period: { kind: "month", month: 12, year: 2027 },
      }).kind,
    ).toBe("clarify");
  });
});

describe("resolvePlan: forecasts", () => {
  it("learns from the last 28 complete days and looks 7 days ahead by default", () => {
    const plan = planOf(resolve({ kind: "forecast", measure: "runs" }));
    expect(plan).toMatchObject({
      kind: "forecast",
      measure: "runs",
      horizonDays: 7,
      period: { kind: "days", from: "2026-10-21", to: "2026-11-17", spec: { kind: "last_n_days", n: 28 } },
    });
  });

  it("keeps the horizon asked for ('tomorrow' is one day)", () => {
    expect(
      planOf(resolve({ kind: "forecast", measure: "orders_received", horizonDays: 1 })).horizonDays,
    ).toBe(1);
  });

  it("learns from a longer history when one is named, but never from less than a week", () => {
    expect(
      planOf(resolve({ kind: "forecast", measure: "runs", period: { kind: "last_n_days", n: 60 } })).period,
    ).toMatchObject({ from: "2026-09-19", to: "2026-11-17" });
    expect(
      planOf(resolve({ kind: "forecast", measure: "runs", period: { kind: "last_n_days", n: 3 } })).period,
    ).toMatchObject({ from: "2026-11-11", to: "2026-11-17", spec: { kind: "last_n_days", n: 7 } });
    // Any other period: the default history.
    expect(
      planOf(resolve({ kind: "forecast", measure: "runs", period: { kind: "this_month" } })).period,
    ).toMatchObject({ from: "2026-10-21", to: "2026-11-17" });
  });

  it("resolves the names of a forecast too", () => {
    const plan = planOf(
      resolve({
        kind: "forecast",
        measure: "orders_received",
        filters: { workflows: mentions("woo commerce") },
      }),
    );
    expect(plan.filters.workflows.map((w) => w.id)).toEqual(["woo"]);
    expect(
      resolve({ kind: "forecast", measure: "orders_received", filters: { workflows: mentions("Amazon") } })
        .kind,
    ).toBe("clarify");
  });
});

describe("resolvePlan: unsupported plans", () => {
  it("passes the topic through, defaulting to 'other'", () => {
    expect(resolve({ kind: "unsupported", measure: "orders_received", unsupported: "products" })).toEqual({
      kind: "unsupported",
      plan: { kind: "unsupported", measure: "orders_received", topic: "products" },
    });
    expect(resolve({ kind: "unsupported", measure: "overview" })).toEqual({
      kind: "unsupported",
      plan: { kind: "unsupported", measure: "overview", topic: "other" },
    });
  });

  it("does not ask about names or periods of a question it cannot answer anyway", () => {
    expect(
      resolve({
        kind: "unsupported",
        measure: "order_value_sum",
        unsupported: "profit",
        filters: { workflows: mentions("payroll") },
        period: { kind: "month", month: 12, year: 2027 },
      }),
    ).toEqual({
      kind: "unsupported",
      plan: { kind: "unsupported", measure: "order_value_sum", topic: "profit" },
    });
  });
});

describe("resolvePlan: what must never become another question", () => {
  it("a name that tells one workflow apart wins over its kind of work", () => {
    const catalog: EntityCatalog = {
      workflows: [
        wf("backup", "Backup documenti su Drive", "report", ["google drive"]),
        wf("weekly", "Report vendite settimanale", "report"),
      ],
      senders: [],
    };
    const plan = planOf(resolve({ measure: "runs", filters: { workflows: mentions("backup") } }, catalog));
    expect(plan.filters.workflows.map((w) => w.id)).toEqual(["backup"]);
  });

  it("a kind of work no workflow does falls back to the names, never to an empty question", () => {
    const catalog: EntityCatalog = {
      workflows: [wf("o", "Ordini Shopify", "order", ["shopify"])],
      senders: [],
    };
    const outcome = resolve({ measure: "leads", filters: { workflows: mentions("lead") } }, catalog);
    expect(outcome.kind).toBe("clarify");
    if (outcome.kind === "clarify") {
      expect(outcome.plan.reason).toBe("unknown");
      expect(outcome.plan.candidates).toEqual(["Ordini Shopify"]);
    }
  });

  it("a day the calendar does not have is an honest answer, not an error", () => {
    expect(
      resolve({ measure: "runs", period: { kind: "day", day: { kind: "date", month: 2, day: 30 } } }),
    ).toEqual({
      kind: "unsupported",
      plan: { kind: "unsupported", measure: "runs", topic: "invalid_date" },
    });
  });

  it("a sender keeps the measure asked: only a count of runs becomes their emails", () => {
    const sender = { senders: mentions("Marco Rossi") };
    expect(planOf(resolve({ measure: "runs", filters: sender })).measure).toBe("emails_received");
    for (const measure of ["failures", "orders_received", "leads", "successes"] as const)
      expect(planOf(resolve({ measure, filters: sender })).measure).toBe(measure);
  });
});
