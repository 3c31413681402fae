import { loadEnv } from "../config/env.ts";
import { etlWithProgress } from "../db/demoData.ts";
import {
  clearCategoryOverride,
  findWorkflow,
  listWorkflowCategories,
  setCategoryOverride,
} from "../tools/categoryOverrides.ts";
import { assertN8nTables } from "../tools/n8n/schemaInfo.ts";
import { parseCategoriesArgs } from "./categoriesArgs.ts";
import { runCommand, withDatabase } from "./withDatabase.ts";

/**
 * `npm run categories -- list | set "<workflow>" <category> | unset "<workflow>"`: shows each
 * workflow's business category and where it came from, and lets the owner fix one. A change is
 * applied to the business tables at once.
 */
runCommand(async () => {
  const command = parseCategoriesArgs(process.argv.slice(2));
  const env = loadEnv();
  const at = { n8n: env.N8N_SCHEMA, n8nPrefix: env.N8N_TABLE_PREFIX, app: env.MILHENA_SCHEMA };
  await withDatabase(env, async (db) => {
    await assertN8nTables(db.pool, at);
    if (command.command === "list") {
      const rows = await listWorkflowCategories(db.pool, at);
      if (rows.length === 0) process.stdout.write("No workflows in n8n yet.\n");
      const width = Math.min(48, Math.max(8, ...rows.map((r) => r.name.length)));
      for (const r of rows)
        process.stdout.write(`${r.name.padEnd(width)}  ${r.category.padEnd(8)}  (${r.basis})\n`);
      return;
    }
    const workflow = await findWorkflow(db.pool, at, command.workflow);
    if (command.command === "set") {
      await setCategoryOverride(db.pool, at, workflow, command.category);
      await etlWithProgress(db.pool, env, "Applying the category");
      process.stdout.write(`"${workflow.name}" is now in category ${command.category}.\n`);
    } else {
      const had = await clearCategoryOverride(db.pool, at, workflow.id);
      if (had) await etlWithProgress(db.pool, env, "Applying the category");
      process.stdout.write(
        had
          ? `"${workflow.name}" has no override any more; Milhena infers its category again.\n`
          : `"${workflow.name}" had no override.\n`,
      );
    }
  });
});
