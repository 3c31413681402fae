import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.ts";
import { dataFingerprintSql } from "../../tools/dataWatermark.ts";
import { runEtl } from "../../tools/etl.ts";
import { executionQueries, type N8nQuery } from "../../tools/n8n/executionQueries.ts";
import { readN8nSchemaInfo } from "../../tools/n8n/schemaInfo.ts";
import { loadN8nFixture, TEST_N8N_FIXTURES } from "../support/n8nFixture.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../support/testDatabase.ts";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

const N8N_EXECUTION_TABLES = new Set(["execution_entity", "execution_data"]);

function seqScans(node: PlanNode): string[] {
  const here =
    node["Node Type"] === "Seq Scan" && N8N_EXECUTION_TABLES.has(node["Relation Name"] ?? "")
      ? [node["Relation Name"]!]
      : [];
  return [...here, ...(node.Plans ?? []).flatMap(seqScans)];
}

/**
 * Every query Milhena runs on n8n's execution tables, planned against n8n's real DDL with sequential
 * scans priced out: a plan that still scans a table has no index path at all, and would read every
 * execution on a real database.
 */
describe.each(TEST_N8N_FIXTURES.flatMap((f) => TEST_BACKENDS.map((b) => [f, b] as const)))(
  "query plans on n8n's tables, fixture %s on %s",
  (fixture, kind) => {
    let db: TestDatabase;
    const at = { n8n: "n8n", app: "milhena" };

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      await loadN8nFixture(db.pool, fixture);
      await migrate(db.pool, { app: "milhena", n8n: "n8n" });
      await runEtl(db.pool, { n8nSchema: "n8n", appSchema: "milhena", timeZone: "Europe/Rome" });
      // Something pending, so that the fingerprint's pending lookup is planned over rows.
      await db.pool.query(
        `INSERT INTO milhena.etl_pending (execution_id, status) SELECT id, 'waiting' FROM n8n.execution_entity LIMIT 3
         ON CONFLICT DO NOTHING`,
      );
    });
    afterAll(async () => db?.destroy());

    const explain = async (query: Pick<N8nQuery, "text" | "example">): Promise<PlanNode> => {
      const client = await db.pool.connect();
      try {
        await client.query("SET enable_seqscan = off");
        const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${query.text}`,
          [...query.example],
        );
        return rows[0]!["QUERY PLAN"][0].Plan;
      } finally {
        await client.query("RESET enable_seqscan");
        client.release();
      }
    };

    it("the ETL's queries reach executions through keys and n8n's own indexes", async () => {
      const info = await readN8nSchemaInfo(db.pool, at);
      const queries = Object.values(executionQueries(at, info));
      expect(queries.length).toBeGreaterThanOrEqual(6);
      for (const query of queries) {
        expect({ query: query.name, seqScans: seqScans(await explain(query)) }).toEqual({
          query: query.name,
          seqScans: [],
        });
      }
    });

    it("the fingerprint read before every answer does too", async () => {
      const plan = await explain({ text: `SELECT ${dataFingerprintSql(at)} AS data`, example: [] });
      expect(seqScans(plan)).toEqual([]);
    });

    it("a check that can fail: a filter on an unindexed column is caught", async () => {
      const plan = await explain({
        text: `SELECT count(*) FROM n8n.execution_entity WHERE mode = $1`,
        example: ["webhook"],
      });
      expect(seqScans(plan)).toEqual(["execution_entity"]);
    });
  },
);
