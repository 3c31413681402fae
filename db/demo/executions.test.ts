import { parse } from "flatted";
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../tools/etl/extract.ts";
import { categorize } from "../../tools/etl/workflowProfile.ts";
import { generateExecutions, type DemoExecution } from "./executions.ts";
import { createRandom } from "./random.ts";
import { DEMO_WORKFLOWS } from "./workflows.ts";

const NOW = new Date("2026-11-18T15:30:00Z");
const all = (seed: number, executions = 3000, days = 10): DemoExecution[] =>
  [...generateExecutions({ executions, days, seed, now: NOW }, 500)].flat();

describe("createRandom", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const c = createRandom(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("demo workflows", () => {
  it("have n8n-like unique ids and names, and mix active, inactive and archived", () => {
    expect(new Set(DEMO_WORKFLOWS.map((w) => w.id)).size).toBe(DEMO_WORKFLOWS.length);
    expect(DEMO_WORKFLOWS.every((w) => /^[A-Za-z0-9]{16}$/.test(w.id))).toBe(true);
    expect(DEMO_WORKFLOWS.some((w) => !w.active && !w.archived)).toBe(true);
    expect(DEMO_WORKFLOWS.some((w) => w.archived)).toBe(true);
    for (const w of DEMO_WORKFLOWS) {
      for (const e of w.errors) expect(w.nodes.map((n) => n.name)).toContain(e.node);
    }
  });
  it("are recognised by their nodes and names", () => {
    const kinds = Object.fromEntries(
      DEMO_WORKFLOWS.map((w) => [w.name, categorize({ nodes: w.nodes, name: w.name }).category]),
    );
    expect(kinds["Smistamento email clienti"]).toBe("email");
    expect(kinds["Customer support inbox"]).toBe("email");
    expect(kinds["Elaborazione ordini Shopify"]).toBe("order");
    expect(kinds["Sincronizzazione CRM HubSpot"]).toBe("crm");
    expect(kinds["Acquisizione lead dal sito"]).toBe("lead");
    expect(kinds["Solleciti fatture scadute"]).toBe("invoice");
    expect(kinds["Report vendite settimanale"]).toBe("report");
    expect(kinds["Backup documenti su Drive"]).toBe("report");
  });
});

describe("generateExecutions", () => {
  it("is deterministic and ordered in time, never after now", () => {
    const a = all(5);
    expect(all(5)).toEqual(a);
    expect(a).toHaveLength(3000);
    for (let i = 1; i < a.length; i++)
      expect(a[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(a[i - 1]!.startedAt.getTime());
    expect(a.every((e) => e.stoppedAt.getTime() <= NOW.getTime() && e.stoppedAt >= e.startedAt)).toBe(true);
    expect(a[0]!.startedAt.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-11-09T00:00:00Z"));
  });

  it("has failures of both kinds, soft deletions and a weekly rhythm", () => {
    const a = all(9, 6000, 14);
    const share = (s: string) => a.filter((e) => e.status === s).length / a.length;
    expect(share("error")).toBeGreaterThan(0.02);
    expect(share("crashed")).toBeGreaterThan(0);
    expect(a.some((e) => e.deletedAt !== null)).toBe(true);
    const byDay = (d: number) => a.filter((e) => e.startedAt.getUTCDay() === d).length;
    expect(byDay(0)).toBeLessThan(byDay(2) / 2); // Sundays are quiet
  });

  it("writes execution data the way n8n does, with the business facts inside", () => {
    const a = all(3, 800, 5);
    const email = a.find((e) => e.workflowId === "Xk3pQ9vLm2TbR7wA" && e.status === "success")!;
    const parsed = parse(email.data) as {
      resultData: { runData: Record<string, unknown>; lastNodeExecuted: string };
    };
    expect(Object.keys(parsed.resultData.runData)).toContain("Outlook Trigger");
    const wf = DEMO_WORKFLOWS.find((w) => w.id === email.workflowId)!;
    const types = new Map(wf.nodes.map((n) => [n.name, n.type]));
    const facts = extractFacts(email.data, types, email.status);
    expect(facts.emailSender).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(facts.emailSubject).toBeTruthy();
    expect(facts.aiReply).toBeTruthy();
    expect(facts.errorMessage).toBeNull();

    const failed = a.find((e) => e.status !== "success")!;
    const fwf = DEMO_WORKFLOWS.find((w) => w.id === failed.workflowId)!;
    const ffacts = extractFacts(failed.data, new Map(fwf.nodes.map((n) => [n.name, n.type])), failed.status);
    expect(fwf.errors.map((e) => e.message)).toContain(ffacts.errorMessage);
    expect(fwf.nodes.map((n) => n.name)).toContain(ffacts.errorNode);
  });
});
