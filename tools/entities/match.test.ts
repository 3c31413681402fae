import type pg from "pg";
import { describe, expect, it } from "vitest";
import { createEntityCatalogSource, type EntityCatalog, type WorkflowEntity } from "./catalog.ts";
import { nameTokens } from "./glossary.ts";
import {
  closestSenders,
  closestWorkflows,
  groupMentions,
  matchSenders,
  matchWorkflows,
  mentionStrength,
  resolveSenderMention,
  resolveWorkflowMention,
  tokenSimilarity,
  type QuestionToken,
  type Resolution,
} from "./match.ts";

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
    wf("reminders", "Solleciti fatture scadute", "invoice", ["gmail"]),
    wf("shopify", "Elaborazione ordini Shopify", "order", ["shopify"]),
    wf("woo", "Ordini WooCommerce", "order", ["woocommerce"]),
    wf("backup", "Backup documenti su Drive", "report", ["google drive"]),
    wf("crm", "Sincronizzazione contatti CRM", "crm", ["hubspot"]),
    wf("einvoice", "Fatturazione elettronica", "invoice"),
    wf("coffee", "Caffè del lunedì", "other"),
    wf("support", "Supporto inbox", "email", ["outlook"]),
    wf("weekly", "Report vendite settimanale", "report", ["google sheets"]),
    wf("monthly", "Report vendite mensile", "report", ["google sheets"]),
    wf("leads", "Lead capture from website", "lead", ["typeform"]),
    wf("xmas", "Vecchia promo di Natale", "other", ["mailchimp"], { archived: true, active: false }),
  ],
  senders: [],
};

/** The ids (or sender names) a resolution gives, with its kind. */
function ids(r: Resolution<WorkflowEntity>): { kind: string; ids: string[] } {
  const list = r.kind === "match" ? r.values : r.kind === "ambiguous" ? r.candidates : r.closest;
  return { kind: r.kind, ids: list.map((w) => w.id) };
}
const resolve = (text: string, catalog: EntityCatalog = CATALOG) =>
  ids(resolveWorkflowMention(text, catalog));

describe("tokenSimilarity", () => {
  it("is 1 for the same word or the same glossary concept", () => {
    expect(tokenSimilarity("shopify", "shopify")).toBe(1);
    expect(tokenSimilarity("invoice", "fatture")).toBe(1);
    expect(tokenSimilarity("mail", "mails")).toBe(1);
  });

  it("allows one typo in words of five letters or more that start alike", () => {
    expect(tokenSimilarity("shopfy", "shopify")).toBe(0.8);
    expect(tokenSimilarity("bakup", "backup")).toBe(0.8);
    // An adjacent swap is one typo.
    expect(tokenSimilarity("stirpe", "stripe")).toBe(0.8);
  });

  it("allows no typo in short words, with another first letter, or for common words", () => {
    expect(tokenSimilarity("drve", "drive")).toBe(0);
    expect(tokenSimilarity("hopify", "shopify")).toBe(0);
    expect(tokenSimilarity("shopfy", "shopify", true)).toBe(0);
    expect(tokenSimilarity("settimana", "settimanale")).toBe(0);
    // A translation still counts for a common word.
    expect(tokenSimilarity("invoice", "fatture", true)).toBe(1);
  });
});

describe("resolveWorkflowMention: naming one workflow", () => {
  it("takes the exact name in any case and with or without accents", () => {
    expect(resolve("Elaborazione ordini Shopify")).toEqual({ kind: "match", ids: ["shopify"] });
    expect(resolve("ELABORAZIONE ORDINI SHOPIFY")).toEqual({ kind: "match", ids: ["shopify"] });
    expect(resolve("caffe del lunedi")).toEqual({ kind: "match", ids: ["coffee"] });
    // The exact name wins over a sibling that shares most of its words.
    expect(resolve("Report vendite mensile")).toEqual({ kind: "match", ids: ["monthly"] });
  });

  it.each([
    ["smistamento", "sorting"],
    ["lo smistamento email", "sorting"],
    ["email clienti", "sorting"],
    ["Solleciti", "reminders"],
    ["sollecito", "reminders"],
    ["the support inbox", "support"],
    ["supporto", "support"],
    ["elettronica", "einvoice"],
    ["lunedi", "coffee"],
  ])("a part of the name: %s", (text, id) => {
    expect(resolve(text)).toEqual({ kind: "match", ids: [id] });
  });

  it.each([
    ["shopfy", "shopify"],
    ["Shopfy orders", "shopify"],
    ["bakup", "backup"],
    ["bakup documenti", "backup"],
    ["woocomerce", "woo"],
    ["WooComerce", "woo"],
    ["smistamneto", "sorting"],
  ])("a typo: %s", (text, id) => {
    expect(resolve(text)).toEqual({ kind: "match", ids: [id] });
  });

  it.each([
    ["fatturazione elettronica", "einvoice"],
    ["fatturazióne elettronica", "einvoice"],
    ["FATTURAZIONE ELETTRÒNICA", "einvoice"],
    ["caffè", "coffee"],
    ["caffé", "coffee"],
    ["caffe", "coffee"],
    ["Caffè del Lunedì", "coffee"],
  ])("accents do not matter: %s", (text, id) => {
    expect(resolve(text)).toEqual({ kind: "match", ids: [id] });
  });

  it.each([
    ["invoice reminders", "reminders"],
    ["the overdue invoice reminders", "reminders"],
    ["document backup", "backup"],
    ["backup dei documenti", "backup"],
    ["customer email sorting", "sorting"],
    ["contacts sync", "crm"],
    ["weekly sales report", "weekly"],
    ["rapporto vendite mensile", "monthly"],
    ["xmas promo", "xmas"],
    // An English name in Italian words.
    ["acquisizione contatti dal sito", "leads"],
    ["raccolta lead dal sito web", "leads"],
  ])("either language, through the glossary: %s", (text, id) => {
    expect(resolve(text)).toEqual({ kind: "match", ids: [id] });
  });

  it.each([
    ["the Shopify one", "shopify"],
    ["quello di WooCommerce", "woo"],
    ["the HubSpot sync", "crm"],
    ["hubspot", "crm"],
    ["outlook", "support"],
    ["typeform", "leads"],
    ["drive", "backup"],
    ["google drive", "backup"],
    ["mailchimp", "xmas"],
  ])("a service it uses: %s", (text, id) => {
    expect(resolve(text)).toEqual({ kind: "match", ids: [id] });
  });

  it.each([
    ["woo commerce", "woo"],
    ["Woo Commerce orders", "woo"],
    ["hub spot", "crm"],
    ["type form", "leads"],
  ])("a brand name written apart: %s", (text, id) => {
    expect(resolve(text)).toEqual({ kind: "match", ids: [id] });
  });

  it("names an archived workflow when the question names it", () => {
    expect(resolve("la vecchia promo di Natale")).toEqual({ kind: "match", ids: ["xmas"] });
    expect(resolve("natale")).toEqual({ kind: "match", ids: ["xmas"] });
  });

  it("prefers the workflow that has the service in its name over one that only uses it", () => {
    const catalog: EntityCatalog = {
      workflows: [
        wf("ship", "Notifiche spedizioni", "order", ["shopify"]),
        wf("shop", "Elaborazione ordini Shopify", "order", ["shopify"]),
      ],
      senders: [],
    };
    expect(resolve("the Shopify one", catalog)).toEqual({ kind: "match", ids: ["shop"] });
    expect(resolve("spedizioni", catalog)).toEqual({ kind: "match", ids: ["ship"] });
    expect(resolve("shipping notifications", catalog)).toEqual({ kind: "match", ids: ["ship"] });
  });
});

describe("resolveWorkflowMention: ambiguous and unknown names", () => {
  it("is ambiguous when the words fit several workflows equally, naming them", () => {
    expect(resolve("report vendite")).toEqual({ kind: "ambiguous", ids: ["monthly", "weekly"] });
    expect(resolve("the sales report")).toEqual({ kind: "ambiguous", ids: ["monthly", "weekly"] });
    // A service two workflows use.
    expect(resolve("gmail")).toEqual({ kind: "ambiguous", ids: ["sorting", "reminders"] });
    expect(resolve("google sheets")).toEqual({ kind: "ambiguous", ids: ["monthly", "weekly"] });
  });

  it("is ambiguous when two workflows have the same name", () => {
    const catalog: EntityCatalog = {
      workflows: [
        wf("a", "Ordini WooCommerce", "order", ["woocommerce"]),
        wf("b", "Ordini WooCommerce", "order", ["woocommerce"], { archived: true }),
      ],
      senders: [],
    };
    expect(resolve("Ordini WooCommerce", catalog).kind).toBe("ambiguous");
    expect(resolve("Ordini WooCommerce", catalog).ids.sort()).toEqual(["a", "b"]);
  });

  it("does not let a generic word alone name a workflow", () => {
    expect(resolve("email").kind).toBe("unknown");
    expect(resolve("ordini").kind).toBe("unknown");
    expect(resolve("the workflow").kind).toBe("unknown");
  });

  it("is unknown for a name that matches nothing, with the closest workflows and no silent pick", () => {
    const payroll = resolve("payroll");
    expect(payroll.kind).toBe("unknown");
    expect(payroll.ids).toHaveLength(3);
    expect(payroll.ids).not.toContain("xmas");
    expect(resolve("the Amazon one").kind).toBe("unknown");
    // Too far from "shopify" (short, two letters off) to be a typo of it.
    expect(resolve("shpy").kind).toBe("unknown");
    expect(resolve("e-invoicing").kind).toBe("unknown");
  });

  it("is unknown against an empty catalog", () => {
    expect(resolveWorkflowMention("Shopify", { workflows: [], senders: [] })).toEqual({
      kind: "unknown",
      closest: [],
    });
  });
});

describe("closestWorkflows", () => {
  it("puts the workflows nearest to the words first", () => {
    expect(closestWorkflows("shopifi plus", CATALOG)[0]?.id).toBe("shopify");
    expect(closestWorkflows("woocomerse", CATALOG)[0]?.id).toBe("woo");
    expect(closestWorkflows("solleciti pagamenti", CATALOG)[0]?.id).toBe("reminders");
  });

  it("offers at most `limit` names and never an archived workflow", () => {
    expect(closestWorkflows("promo natale", CATALOG).map((w) => w.id)).not.toContain("xmas");
    expect(closestWorkflows("report", CATALOG, 2)).toHaveLength(2);
    expect(closestWorkflows("anything", CATALOG, 20)).toHaveLength(CATALOG.workflows.length - 1);
  });
});

describe("matchWorkflows and groupMentions over a question", () => {
  const match = (question: string, catalog = CATALOG) => matchWorkflows(nameTokens(question), catalog);

  it("takes a generic word where it stands closest to the distinctive one", () => {
    const tokens = nameTokens("quante email ha ricevuto lo smistamento email");
    expect(tokens).toEqual(["quante", "email", "ha", "ricevuto", "smistamento", "email"]);
    const [best] = matchWorkflows(tokens, CATALOG);
    expect(best?.workflow.id).toBe("sorting");
    expect(best?.positions).toEqual([4, 5]);
    expect(best?.generic).toEqual([5]);
    expect(best?.distinctive).toBe(true);
  });

  it("does not match a workflow on one generic word", () => {
    expect(match("how many emails today").map((m) => m.workflow.id)).toEqual([]);
  });

  it("matches on two generic words of a name, without calling it distinctive", () => {
    const [m] = match("email dei clienti");
    expect(m?.workflow.id).toBe("sorting");
    expect(m?.distinctive).toBe(false);
    const [mention] = groupMentions(match("email dei clienti"));
    expect(mention && mentionStrength(mention)).toEqual({ generic: [0, 1], distinctive: false });
  });

  it("keeps two workflows named in one question apart, even when they share a generic word", () => {
    const mentions = groupMentions(match("ordini Shopify e WooCommerce"));
    expect(mentions.map((m) => m.matches.map((x) => x.workflow.id)).sort()).toEqual([["shopify"], ["woo"]]);
    expect(mentions.every((m) => mentionStrength(m).distinctive)).toBe(true);
  });

  it("groups workflows that the same words fit equally into one mention", () => {
    const mentions = groupMentions(match("runs of the sales report"));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.matches.map((m) => m.workflow.id)).toEqual(["monthly", "weekly"]);
  });

  it("drops a workflow matched by a subset of another's words", () => {
    const mentions = groupMentions(match("report vendite settimanale"));
    expect(mentions.map((m) => m.matches.map((x) => x.workflow.id))).toEqual([["weekly"]]);
  });

  it("matches common words only exactly or by translation", () => {
    const tokens = ["shopfy"];
    expect(matchWorkflows(tokens, CATALOG).map((m) => m.workflow.id)).toEqual(["shopify"]);
    expect(matchWorkflows(tokens, CATALOG, () => true)).toEqual([]);
    expect(matchWorkflows(["reminders"], CATALOG, () => true).map((m) => m.workflow.id)).toEqual([
      "reminders",
    ]);
  });

  it("ignores excluded positions", () => {
    const tokens = nameTokens("Shopify WooCommerce");
    expect(matchWorkflows(tokens, CATALOG, undefined, (i) => i === 0).map((m) => m.workflow.id)).toEqual([
      "woo",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Senders

const SENDERS = ["Laura Conti", "Laura Verdi", "Marco Rossi", "Giulia Bianchi", "anna.neri@example.com"];
const sender = (text: string, senders: readonly string[] = SENDERS) => resolveSenderMention(text, senders);

describe("resolveSenderMention", () => {
  it.each([
    ["Laura Conti", "Laura Conti"],
    ["laura conti", "Laura Conti"],
    ["Conti Laura", "Laura Conti"],
    ["Laura Cnoti", "Laura Conti"],
    ["Luara Conti", "Laura Conti"],
    ["Conti", "Laura Conti"],
    ["Marco", "Marco Rossi"],
    ["Rossi", "Marco Rossi"],
    ["Giulia", "Giulia Bianchi"],
    ["Bianchi Giulia", "Giulia Bianchi"],
    ["Anna Neri", "anna.neri@example.com"],
    ["anna.neri@example.com", "anna.neri@example.com"],
  ])("%s is %s", (text, name) => {
    expect(sender(text)).toEqual({ kind: "match", values: [name] });
  });

  it("matches accented names without accents", () => {
    expect(sender("Nicolo Fabbri", ["Niccolò Fabbri", "Marco Rossi"])).toEqual({
      kind: "match",
      values: ["Niccolò Fabbri"],
    });
    expect(sender("Noè Galli", ["Noe Galli"])).toEqual({ kind: "match", values: ["Noe Galli"] });
  });

  it("is ambiguous when a typo is as close to two full names", () => {
    expect(sender("Anna Ferru", ["Anna Ferri", "Anna Ferro"])).toEqual({
      kind: "ambiguous",
      candidates: ["Anna Ferri", "Anna Ferro"],
    });
  });

  it("does not pick one of two senders who share a first name", () => {
    const r = sender("Laura");
    expect(r.kind).not.toBe("match");
    const offered = r.kind === "ambiguous" ? r.candidates : r.kind === "unknown" ? r.closest : [];
    expect(offered.slice(0, 2).sort()).toEqual(["Laura Conti", "Laura Verdi"]);
  });

  it("is unknown for a sender not in the data, with the closest senders", () => {
    const r = sender("Roberto Gallo");
    expect(r.kind).toBe("unknown");
    if (r.kind !== "unknown") return;
    expect(r.closest).toHaveLength(3);
    for (const name of r.closest) expect(SENDERS).toContain(name);
    expect(sender("Piero Gallo", ["Laura Conti", "Marco Rossi"])).toEqual({
      kind: "unknown",
      closest: ["Marco Rossi", "Laura Conti"],
    });
  });

  it("is unknown against no senders", () => {
    expect(sender("Laura Conti", [])).toEqual({ kind: "unknown", closest: [] });
  });

  it("never takes another person who shares one word of the name", () => {
    for (const [text, other] of [
      ["Roberto Rossi", "Marco Rossi"],
      ["Giulia Verdi", "Giulia Bianchi"],
      ["Laura Contini", "Laura Conti"],
    ] as const) {
      const r = sender(text, ["Laura Conti", "Marco Rossi", "Giulia Bianchi"]);
      expect(r.kind, text).toBe("unknown");
      // The near namesake is offered, not answered for.
      if (r.kind === "unknown") expect(r.closest, text).toContain(other);
    }
  });

  it("asks which one when a lone first name belongs to two senders", () => {
    expect(sender("Laura")).toEqual({ kind: "ambiguous", candidates: ["Laura Conti", "Laura Verdi"] });
  });
});

describe("matchSenders over a question", () => {
  const q = (text: string): QuestionToken[] =>
    text
      .split(" ")
      .map((w) => ({ token: nameTokens(w)[0] ?? w.toLowerCase(), capitalized: /^\p{Lu}/u.test(w) }));

  it("finds a full name anywhere, in any case", () => {
    expect(matchSenders(q("quante email ha mandato laura conti"), SENDERS)).toEqual([
      { sender: "Laura Conti", positions: [4, 5], full: true },
    ]);
  });

  it("takes a lone unique name only when capitalized or after a cue", () => {
    expect(matchSenders(q("emails from Giulia"), SENDERS).map((m) => m.sender)).toEqual(["Giulia Bianchi"]);
    expect(matchSenders(q("emails from giulia"), SENDERS)).toEqual([]);
    expect(matchSenders(q("emails from giulia"), SENDERS, undefined, (i) => i === 2)).toEqual([
      { sender: "Giulia Bianchi", positions: [2], full: false },
    ]);
  });

  it("does not take a lone name that two senders share, or a lone name with a typo", () => {
    expect(matchSenders(q("emails from Laura"), SENDERS)).toEqual([]);
    expect(matchSenders(q("emails from Giula"), SENDERS)).toEqual([]);
  });

  it("skips positions that are not usable", () => {
    expect(matchSenders(q("Marco Rossi"), SENDERS, (i) => i !== 1)).toEqual([
      { sender: "Marco Rossi", positions: [0], full: false },
    ]);
    expect(matchSenders(q("Marco Rossi"), SENDERS, () => false)).toEqual([]);
  });
});

describe("closestSenders", () => {
  it("puts the nearest names first and stops at the limit", () => {
    expect(closestSenders("Laura Contini", SENDERS)[0]).toBe("Laura Conti");
    expect(closestSenders("Marko Rosi", SENDERS, 1)).toEqual(["Marco Rossi"]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The catalog the matcher reads

/** A pool that answers the catalog's queries from fixed rows, counting the workflow reads. */
function fakePool(state: { updated: string; etlRuns: number; workflowReads: number }) {
  const pool = {
    query(statement: string | { text: string }) {
      const sql = typeof statement === "string" ? statement : statement.text;
      if (sql.includes("AS workflows"))
        return Promise.resolve({
          rows: [
            {
              max_id: 1,
              last_stop: "",
              last_delete: "",
              workflows: `3/${state.updated}`,
              etl: `etl-${state.etlRuns}`,
            },
          ],
        });
      if (sql.includes("business_workflows")) {
        state.workflowReads++;
        return Promise.resolve({
          rows: [
            {
              id: "1",
              name: "Ordini WooCommerce",
              active: true,
              archived: false,
              category: "order",
              services: ["woocommerce"],
            },
            { id: "2", name: "Nuovo flusso", active: false, archived: false, category: null, services: null },
            { id: "3", name: "Strano", active: true, archived: true, category: "payroll", services: [] },
          ],
        });
      }
      if (sql.includes("business_senders_daily"))
        return Promise.resolve({ rows: [{ sender: "Laura Conti" }, { sender: "Marco Rossi" }] });
      return Promise.reject(new Error(`unexpected query: ${sql}`));
    },
  };
  return pool as unknown as pg.Pool;
}

describe("createEntityCatalogSource", () => {
  it("reads workflows with their category and services, and the senders", async () => {
    const state = { updated: "t1", etlRuns: 10, workflowReads: 0 };
    const catalog = await createEntityCatalogSource(fakePool(state), { app: "app", n8n: "n8n" }).load();
    expect(catalog.workflows).toEqual([
      {
        id: "1",
        name: "Ordini WooCommerce",
        active: true,
        archived: false,
        category: "order",
        services: ["woocommerce"],
      },
      // Not profiled yet: no category, no services.
      { id: "2", name: "Nuovo flusso", active: false, archived: false, category: null, services: [] },
      // A category Milhena does not know is none.
      { id: "3", name: "Strano", active: true, archived: true, category: null, services: [] },
    ]);
    expect(catalog.senders).toEqual(["Laura Conti", "Marco Rossi"]);
  });

  it("keeps the catalog until the workflows change or the ETL writes again", async () => {
    const state = { updated: "t1", etlRuns: 10, workflowReads: 0 };
    const source = createEntityCatalogSource(fakePool(state), { app: "app", n8n: "n8n" });
    const first = await source.load();
    expect(await source.load()).toBe(first);
    expect(state.workflowReads).toBe(1);
    state.etlRuns = 11;
    expect(await source.load()).not.toBe(first);
    expect(state.workflowReads).toBe(2);
    state.updated = "t2";
    await source.load();
    expect(state.workflowReads).toBe(3);
    await source.load();
    expect(state.workflowReads).toBe(3);
  });

  it("needs no lookup of its own when the request has just read how current things are", async () => {
    const state = { updated: "t1", etlRuns: 1, workflowReads: 0 };
    const source = createEntityCatalogSource(fakePool(state), { app: "app", n8n: "n8n" });
    const first = await source.load({ workflows: "3/t1", etl: "etl-1" });
    expect(await source.load({ workflows: "3/t1", etl: "etl-1" })).toBe(first);
    expect(state.workflowReads).toBe(1);
    expect(await source.load({ workflows: "3/t1", etl: "etl-2" })).not.toBe(first);
    expect(state.workflowReads).toBe(2);
  });
});
