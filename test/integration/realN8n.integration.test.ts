import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "flatted";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/demo/seed.ts";
import { DEMO_WORKFLOWS } from "../../db/demo/workflows.ts";
import { migrate } from "../../db/migrate.ts";
import { N8N_DDL_VERSIONS } from "../../db/n8nDdl.ts";
import type { DraftPlanInput } from "../../graph/plan.ts";
import { runEtl, RECONCILE_INTERVAL_MS, type EtlOptions } from "../../tools/etl.ts";
import { createEntityCatalogSource } from "../../tools/entities/catalog.ts";
import { numberOf, type MeasureValue, type PlanResult } from "../../tools/semantic/result.ts";
import {
  fixtureDir,
  loadN8nFixture,
  TEST_N8N_FIXTURES,
  readManifest,
  relocateN8nTables,
  type N8nFixtureName,
} from "../support/n8nFixture.ts";
import { createPlanAsker, type PlanAsker } from "../support/askPlan.ts";
import { ADMIN_URL, createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

const TZ = "Europe/Rome";
type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** One execution of the fixture, read here with plain SQL (and the storage folder for 2.x `fs` rows). */
interface Execution {
  id: number;
  workflowId: string;
  status: string;
  deleted: boolean;
  runData: Record<string, Json[]>;
  error: Json | null;
}

/** The first output item's json of a node, by the node's name in the fixture's workflows. */
const out = (e: Execution, node: string): Json => {
  const run = e.runData[node]?.[0];
  const main = obj(obj(run).data).main;
  const item: unknown = Array.isArray(main) && Array.isArray(main[0]) ? main[0][0] : undefined;
  return obj(obj(item).json);
};

/** "Name <a@b>" → Name; a bare address stays. The fixture's three sender shapes (see its manifest). */
function senderOf(v: unknown): string | null {
  if (typeof v === "string")
    return str(/^\s*(.*?)\s*<[^>]+>\s*$/.exec(v)?.[1] ?? "") ?? str(v.replace(/[<>]/g, ""));
  const o = obj(v);
  if (Array.isArray(o.value)) return senderOf(o.value[0]);
  return str(o.name) ?? str(o.address) ?? str(o.email);
}
/** 49.9, "49.90", "1234,50", "1.234,50" → a number. */
const amount = (v: unknown): number | null => {
  const n =
    typeof v === "number"
      ? v
      : typeof v === "string" && v.trim() !== ""
        ? Number(v.replace(/\.(?=.*,)/g, "").replace(",", "."))
        : NaN;
  return Number.isFinite(n) ? n : null;
};

/**
 * The facts of the fixture's executions, read from the node each workflow is known to put them in
 * (test/fixtures/n8n/<version>/manifest.json describes them): written here, not with Milhena's reader.
 */
function truthOf(e: Execution) {
  const email = (() => {
    if (e.workflowId === "wfEmailTriage001") {
      const b = obj(out(e, "Webhook email in arrivo").body);
      const sender = senderOf(b.from ?? b.sender);
      return sender && str(b.subject) ? sender : null;
    }
    if (e.workflowId === "wfSmistaEmail002") {
      const j = out(e, "Gmail: nuovi messaggi");
      return senderOf(j.from) && str(j.subject) ? senderOf(j.from) : null;
    }
    return null;
  })();
  const reply = e.workflowId === "wfEmailTriage001" ? str(out(e, "Agente risposte").output) : null;
  const order = (() => {
    if (e.workflowId === "wfOrdiniWebh003") {
      const b = obj(out(e, "Webhook ordini").body);
      // An order with an id came in, even when its total is missing or unreadable.
      const id = str(b.order_id) ?? (typeof b.order_id === "number" ? String(b.order_id) : null);
      return id
        ? { total: amount(b.total ?? b.amount), currency: (str(b.currency) ?? "").toUpperCase() }
        : null;
    }
    if (e.workflowId === "wfShopifyOrd004") {
      const j = out(e, "Shopify: nuovi ordini");
      const total = amount(j.total_price);
      return j.order_number !== undefined && total !== null
        ? { total, currency: (str(j.currency) ?? "").toUpperCase() }
        : null;
    }
    return null;
  })();
  const lead = e.workflowId === "wfModuloLead005" ? str(out(e, "Modulo contatti").Email) : null;
  return { email, reply, order, lead };
}

async function readExecutions(db: TestDatabase, storage: string | null): Promise<Execution[]> {
  const { rows: cols } = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_schema = 'n8n' AND table_name = 'execution_entity' AND column_name = 'storedAt'`,
  );
  const storedAt = cols[0]!.n > 0 ? `e."storedAt"` : `'db'`;
  const { rows } = await db.pool.query<{
    id: number;
    workflow_id: string;
    status: string;
    deleted: boolean;
    stored_at: string;
    data: string | null;
  }>(
    `SELECT e.id, e."workflowId" AS workflow_id, e.status, e."deletedAt" IS NOT NULL AS deleted,
            ${storedAt} AS stored_at, d.data
       FROM n8n.execution_entity e LEFT JOIN n8n.execution_data d ON d."executionId" = e.id ORDER BY e.id`,
  );
  return rows.map((r) => {
    let text = r.data;
    if (text === null && r.stored_at === "fs" && storage) {
      const file = path.join(
        storage,
        "workflows",
        r.workflow_id,
        "executions",
        String(r.id),
        "execution_data",
        "bundle.json",
      );
      text = fs.existsSync(file) ? String((JSON.parse(fs.readFileSync(file, "utf8")) as Json).data) : null;
    }
    const parsed = text ? obj(obj(parse(text) as unknown).resultData) : {};
    return {
      id: r.id,
      workflowId: r.workflow_id,
      status: r.status,
      deleted: r.deleted,
      runData: obj(parsed.runData) as Record<string, Json[]>,
      error: Object.keys(obj(parsed.error)).length > 0 ? obj(parsed.error) : null,
    };
  });
}

const count = (v: MeasureValue | null | undefined) => numberOf(v ?? null);
const money = (v: MeasureValue | null | undefined) =>
  v?.unit === "money"
    ? Object.fromEntries(v.amounts.map((a) => [a.currency, Math.round(a.value * 100) / 100]))
    : null;

describe.each(TEST_N8N_FIXTURES.flatMap((f) => TEST_BACKENDS.map((b) => [f, b] as const)))(
  "Milhena on the real n8n %s fixture, on %s",
  (fixture: N8nFixtureName, kind) => {
    let db: TestDatabase;
    let executions: Execution[] = [];
    const manifest = readManifest(fixture);
    const storageDir = path.join(fixtureDir(fixture), "storage");
    const storage = fs.existsSync(storageDir) ? storageDir : null;
    const etl: EtlOptions = {
      n8nSchema: "n8n",
      appSchema: "milhena",
      timeZone: TZ,
      storagePath: storage ?? undefined,
    };
    const kept = () => executions.filter((e) => !e.deleted);

    let asker: PlanAsker;
    const ask = (input: DraftPlanInput): Promise<PlanResult> =>
      asker.ask({ period: { kind: "all_time" }, ...input });
    const valueOf = async (input: DraftPlanInput) => {
      const r = await ask(input);
      return r.kind === "value" ? r.value : r.kind === "breakdown" ? r.total : null;
    };

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      asker = createPlanAsker(db.pool, { schemas: { app: "milhena", n8n: "n8n" }, timeZone: TZ });
      await loadN8nFixture(db.pool, fixture);
      await migrate(db.pool, { app: "milhena", n8n: "n8n" });
      await runEtl(db.pool, etl);
      executions = await readExecutions(db, storage);
    }, 120_000);
    afterAll(async () => db?.destroy());

    it("has real traffic to check against: emails, orders, failures, waits and deletions", () => {
      const truths = kept().map(truthOf);
      expect(truths.filter((t) => t.email).length).toBeGreaterThan(20);
      expect(truths.filter((t) => t.order).length).toBeGreaterThan(20);
      expect(kept().filter((e) => e.status === "error").length).toBeGreaterThan(5);
      expect(executions.some((e) => e.status === "waiting")).toBe(true);
      expect(executions.some((e) => e.deleted)).toBe(true);
    });

    it("recognises every workflow with the category a person gives it", async () => {
      const { rows } = await db.pool.query<{ workflow_id: string; category: string }>(
        `SELECT workflow_id, category FROM milhena.business_workflows`,
      );
      const ours = Object.fromEntries(rows.map((r) => [r.workflow_id, r.category]));
      expect(ours).toEqual(Object.fromEntries(manifest.workflows.map((w) => [w.id, w.category])));
    });

    it("counts runs and failures as SQL on n8n's executions does, per workflow too", async () => {
      expect(count(await valueOf({ measure: "runs" }))).toBe(kept().length);
      expect(count(await valueOf({ measure: "failures" }))).toBe(
        kept().filter((e) => e.status === "error" || e.status === "crashed").length,
      );
      const byWorkflow = await ask({
        measure: "runs",
        breakdown: { by: "workflow", order: "desc", limit: null },
      });
      if (byWorkflow.kind !== "breakdown") throw new Error(byWorkflow.kind);
      const truth = new Map<string, number>();
      for (const e of kept()) truth.set(e.workflowId, (truth.get(e.workflowId) ?? 0) + 1);
      expect(Object.fromEntries(byWorkflow.entries.map((e) => [e.key, count(e.value)]))).toEqual(
        Object.fromEntries(truth),
      );
    });

    it("counts emails, AI replies and top senders as the payloads say", async () => {
      const truths = kept().map(truthOf);
      expect(count(await valueOf({ measure: "emails_received" }))).toBe(truths.filter((t) => t.email).length);
      expect(count(await valueOf({ measure: "replies_drafted" }))).toBe(
        truths.filter((t) => t.email && t.reply).length,
      );
      const senders = new Map<string, number>();
      for (const t of truths) if (t.email) senders.set(t.email, (senders.get(t.email) ?? 0) + 1);
      const top = await ask({
        measure: "emails_received",
        breakdown: { by: "sender", order: "desc", limit: null },
      });
      if (top.kind !== "breakdown") throw new Error(top.kind);
      expect(Object.fromEntries(top.entries.map((e) => [e.key, count(e.value)]))).toEqual(
        Object.fromEntries(senders),
      );
    });

    it("counts orders and sums their amounts per currency, never across currencies", async () => {
      const orders = kept()
        .map(truthOf)
        .flatMap((t) => (t.order ? [t.order] : []));
      expect(count(await valueOf({ measure: "orders_received" }))).toBe(orders.length);
      const sums: Record<string, number> = {};
      for (const o of orders)
        if (o.total !== null) sums[o.currency] = Math.round(((sums[o.currency] ?? 0) + o.total) * 100) / 100;
      expect(Object.keys(sums).length).toBeGreaterThanOrEqual(2);
      expect(money(await valueOf({ measure: "order_value_sum" }))).toEqual(sums);
    });

    it("counts leads from the contact form", async () => {
      expect(count(await valueOf({ measure: "leads" }))).toBe(kept().filter((e) => truthOf(e).lead).length);
    });

    it("gives error causes in business words, from the real messages", async () => {
      const failed = kept().filter((e) => e.status === "error" || e.status === "crashed");
      const r = await ask({
        measure: "failures",
        breakdown: { by: "error_cause", order: "desc", limit: null },
      });
      if (r.kind !== "breakdown") throw new Error(r.kind);
      const causes = Object.fromEntries(r.entries.map((e) => [e.key, count(e.value)]));
      expect(Object.values(causes).reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(failed.length);
      const startingWith = (prefix: string) =>
        failed.filter((e) => (str(e.error?.message) ?? "").startsWith(prefix)).length;
      for (const message of ["Mailbox rejected the message", "Payment declined for order"]) {
        if (startingWith(message) > 0) expect(causes[`msg:${message}`]).toBe(startingWith(message));
      }
      // A crash says the automation stopped unexpectedly, with no message or with n8n's own wording.
      const silentCrashes = failed.filter((e) => e.status === "crashed" && !str(e.error?.message)).length;
      const crashWording = failed.filter((e) => /did not finish/.test(str(e.error?.message) ?? "")).length;
      expect(causes.crashed ?? 0).toBe(silentCrashes + crashWording);
      // Nothing a person could read is left as "other errors".
      const readable = failed.filter((e) => /\p{L}{4}/u.test(str(e.error?.message) ?? "")).length;
      expect(causes.other ?? 0).toBeLessThanOrEqual(failed.length - readable - silentCrashes);
    });

    it.runIf(storage !== null)(
      "reads n8n 2.x's filesystem executions from the storage folder, and without it says what it could not read",
      async () => {
        const fsRuns = kept().filter((e) => Object.keys(e.runData).length > 0);
        const { rows: stored } = await db.pool.query<{ id: number }>(
          `SELECT id FROM n8n.execution_entity WHERE "storedAt" = 'fs' AND "deletedAt" IS NULL`,
        );
        expect(stored.length).toBeGreaterThan(10);
        const fsIds = new Set(stored.map((r) => r.id));
        // With the folder: facts of fs-stored executions are there (the figures above include them).
        expect(fsRuns.filter((e) => fsIds.has(e.id) && truthOf(e).email).length).toBeGreaterThan(0);
        const other = await createTestDatabase(kind);
        try {
          await loadN8nFixture(other.pool, fixture);
          await migrate(other.pool, { app: "milhena", n8n: "n8n" });
          await runEtl(other.pool, { ...etl, storagePath: undefined });
          const blind = createPlanAsker(other.pool, {
            schemas: { app: "milhena", n8n: "n8n" },
            timeZone: TZ,
          });
          const runs = await blind.ask({ measure: "runs", period: { kind: "all_time" } });
          expect(runs.kind === "value" ? count(runs.value) : null).toBe(kept().length);
          const emails = await blind.ask({ measure: "emails_received", period: { kind: "all_time" } });
          const inDb = kept().filter((e) => !fsIds.has(e.id) && truthOf(e).email).length;
          expect(emails.kind === "value" ? count(emails.value) : null).toBe(inDb);
          expect(emails.plan.coverage?.unreadRuns).toBe(stored.length);
        } finally {
          await other.destroy();
        }
      },
      120_000,
    );

    it("counts a waiting execution once it succeeds, once; drops soft- and hard-deleted ones", async () => {
      const waiting = executions.find((e) => e.status === "waiting" && !e.deleted)!;
      const runsBefore = count(await valueOf({ measure: "runs" }))!;
      await db.pool.query(
        `UPDATE n8n.execution_entity SET status = 'success', finished = true, "stoppedAt" = now(), "waitTill" = NULL WHERE id = $1`,
        [waiting.id],
      );
      await runEtl(db.pool, etl);
      expect(count(await valueOf({ measure: "runs" }))).toBe(runsBefore);
      const { rows } = await db.pool.query(
        `SELECT status FROM milhena.business_execution_data WHERE execution_id = $1`,
        [waiting.id],
      );
      expect(rows).toEqual([{ status: "success" }]);
      const [soft, hard] = kept().filter((e) => e.id !== waiting.id && e.status === "success");
      await db.pool.query(`UPDATE n8n.execution_entity SET "deletedAt" = now() WHERE id = $1`, [soft!.id]);
      await db.pool.query(`DELETE FROM n8n.execution_entity WHERE id = $1`, [hard!.id]);
      // Outright deletions are found by the periodic check: run it as its interval has passed.
      await runEtl(db.pool, { ...etl, now: () => new Date(Date.now() + RECONCILE_INTERVAL_MS + 1000) });
      expect(count(await valueOf({ measure: "runs" }))).toBe(runsBefore - 2);
    });
  },
);

/** pg_dump is PostgreSQL's own tool: this check runs on the machine's server only. */
describe.runIf(TEST_BACKENDS.includes("postgres"))("n8n's schema after Milhena has worked on it", () => {
  it.each(TEST_N8N_FIXTURES)(
    "is byte for byte the same (fixture %s)",
    async (fixture) => {
      const db = await createTestDatabase("postgres");
      try {
        await loadN8nFixture(db.pool, fixture);
        const url = new URL(ADMIN_URL);
        url.pathname = new URL(db.connectionString).pathname;
        const dump = () =>
          execFileSync("pg_dump", ["-s", "-n", "n8n", "--no-owner", url.toString()], {
            encoding: "utf8",
          }).replace(/^\\(un)?restrict .*$/gm, "");
        const before = dump();
        await migrate(db.pool, { app: "milhena", n8n: "n8n" });
        await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: TZ });
        await runEtl(db.pool, {
          n8nSchema: "n8n",
          appSchema: "milhena",
          timeZone: TZ,
          now: () => new Date(Date.now() + RECONCILE_INTERVAL_MS * 2),
        });
        expect(dump()).toBe(before);
        expect(before).toContain("CREATE TABLE n8n.execution_entity");
      } finally {
        await db.destroy();
      }
    },
    120_000,
  );
});

/** n8n's defaults are the `public` schema and no prefix; DB_TABLE_PREFIX renames every table. */
describe.each(TEST_BACKENDS)("n8n's tables in public with a table prefix, on %s", (kind) => {
  it("reads them where the configuration says, with the same figures", async () => {
    const db = await createTestDatabase(kind);
    try {
      await loadN8nFixture(db.pool, "1.123");
      const { rows } = await db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM n8n.execution_entity WHERE "deletedAt" IS NULL`,
      );
      await relocateN8nTables(db.pool, { schema: "public", prefix: "n8n_" });
      await migrate(db.pool, { app: "milhena", n8n: "public" });
      await runEtl(db.pool, {
        n8nSchema: "public",
        n8nTablePrefix: "n8n_",
        appSchema: "milhena",
        timeZone: TZ,
      });
      const schemas = { app: "milhena", n8n: "public", n8nPrefix: "n8n_" };
      const catalog = await createEntityCatalogSource(db.pool, schemas).load();
      expect(catalog.workflows.length).toBeGreaterThan(5);
      const r = await createPlanAsker(db.pool, { schemas, timeZone: TZ }).ask({
        measure: "runs",
        period: { kind: "all_time" },
      });
      expect(r.kind === "value" ? count(r.value) : null).toBe(rows[0]!.n);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});

/** The demo seeder plays n8n's part in exactly the tables a real n8n creates. */
describe.each(N8N_DDL_VERSIONS.flatMap((f) => TEST_BACKENDS.map((b) => [f, b] as const)))(
  "the demo seeder on n8n %s's real DDL, on %s",
  (ddl, kind) => {
    it("writes workflows and executions that n8n's constraints accept, published as that line publishes", async () => {
      const db = await createTestDatabase(kind);
      try {
        await seedDemo(db.pool, {
          n8nSchema: "n8n",
          executions: 400,
          days: 5,
          seed: 3,
          now: new Date(),
          ddl,
        });
        await migrate(db.pool, { app: "milhena", n8n: "n8n" });
        await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: TZ });
        const { rows } = await db.pool.query<{
          indexes: number;
          published: number;
          active: number;
          facts: number;
        }>(
          `SELECT (SELECT count(*)::int FROM pg_indexes WHERE schemaname = 'n8n' AND tablename = 'execution_entity'
                     AND indexname = 'idx_execution_entity_workflow_id_started_at') AS indexes,
                  (SELECT count(*) FILTER (WHERE "activeVersionId" IS NOT NULL)::int FROM n8n.workflow_entity) AS published,
                  (SELECT count(*) FILTER (WHERE active)::int FROM n8n.workflow_entity) AS active,
                  (SELECT count(*)::int FROM milhena.business_execution_data) AS facts`,
        );
        const active = DEMO_WORKFLOWS.filter((w) => w.active).length;
        expect(rows[0]).toEqual({ indexes: 1, published: ddl === "2.41" ? active : 0, active, facts: 400 });
      } finally {
        await db.destroy();
      }
    }, 120_000);
  },
);
