import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openEmbedded } from "../../db/database.ts";

/**
 * Creating a PGlite database (initdb) takes seconds; do it once per test run and let every suite copy
 * the empty template instead.
 */
export async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-pglite-template-"));
  const db = await openEmbedded(dir);
  await db.close();
  process.env.MILHENA_PGLITE_TEMPLATE = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
