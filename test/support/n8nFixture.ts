import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type pg from "pg";
import { z } from "zod";
import { readN8nDdl, runnableDump } from "../../db/n8nDdl.ts";

/** The real-n8n fixtures committed under test/fixtures/n8n (see its README). */
export const N8N_FIXTURES = ["1.123", "2.41"] as const;
export type N8nFixtureName = (typeof N8N_FIXTURES)[number];

/** The fixtures the tests run on: all by default; narrowed with MILHENA_TEST_N8N_FIXTURES=1.123. */
export const TEST_N8N_FIXTURES: N8nFixtureName[] = (
  process.env.MILHENA_TEST_N8N_FIXTURES ?? N8N_FIXTURES.join(",")
)
  .split(",")
  .map((s) => s.trim())
  .filter((s): s is N8nFixtureName => (N8N_FIXTURES as readonly string[]).includes(s));

export const FIXTURE_ROOT = path.resolve(import.meta.dirname, "../fixtures/n8n");
export const fixtureDir = (name: N8nFixtureName) => path.join(FIXTURE_ROOT, name);

export function readFixtureSchema(name: N8nFixtureName): string {
  return readN8nDdl(name);
}

export function readFixtureData(name: N8nFixtureName): string {
  return runnableDump(
    gunzipSync(fs.readFileSync(path.join(fixtureDir(name), "data.sql.gz"))).toString("utf8"),
  );
}

/**
 * Loads a fixture into a fresh database: n8n's real DDL (tables, indexes, triggers), then its rows
 * with triggers and foreign keys off (`session_replication_role = replica`: the fixture leaves out
 * users and credentials that some rows refer to), on one connection.
 */
export async function loadN8nFixture(pool: pg.Pool, name: N8nFixtureName): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(readFixtureSchema(name));
    await client.query("SET session_replication_role = replica");
    await client.query(readFixtureData(name));
    await client.query("SET session_replication_role = DEFAULT");
    await client.query("RESET search_path");
  } finally {
    client.release();
  }
}

/** Moves every n8n table of a loaded fixture to another schema, or renames it with a table prefix. */
export async function relocateN8nTables(
  pool: pg.Pool,
  to: { readonly schema?: string; readonly prefix?: string },
): Promise<void> {
  const { rows } = await pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'n8n' ORDER BY tablename`,
  );
  for (const { tablename } of rows) {
    if (to.prefix) await pool.query(`ALTER TABLE n8n."${tablename}" RENAME TO "${to.prefix}${tablename}"`);
    if (to.schema)
      await pool.query(`ALTER TABLE n8n."${(to.prefix ?? "") + tablename}" SET SCHEMA ${to.schema}`);
  }
}

const Manifest = z
  .object({
    n8nVersion: z.string(),
    workflows: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          category: z.enum(["email", "order", "lead", "report", "invoice", "crm", "other"]),
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type FixtureManifest = z.infer<typeof Manifest>;

export function readManifest(name: N8nFixtureName): FixtureManifest {
  return Manifest.parse(JSON.parse(fs.readFileSync(path.join(fixtureDir(name), "manifest.json"), "utf8")));
}
