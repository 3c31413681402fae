import { parseArgs } from "node:util";
import { z } from "zod";
import { CATEGORIES } from "../graph/plan.ts";

export const CATEGORIES_USAGE = [
  "Usage:",
  "  npm run categories -- list",
  `  npm run categories -- set "<workflow name or id>" <${CATEGORIES.join("|")}>`,
  '  npm run categories -- unset "<workflow name or id>"',
].join("\n");

const Command = z.discriminatedUnion("command", [
  z.object({ command: z.literal("list") }),
  z.object({ command: z.literal("set"), workflow: z.string().trim().min(1), category: z.enum(CATEGORIES) }),
  z.object({ command: z.literal("unset"), workflow: z.string().trim().min(1) }),
]);
export type CategoriesCommand = z.infer<typeof Command>;

/** Parses `npm run categories -- …`; throws a message with the usage on anything else. */
export function parseCategoriesArgs(argv: readonly string[]): CategoriesCommand {
  let positionals: string[];
  try {
    positionals = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {},
    }).positionals;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${CATEGORIES_USAGE}`);
  }
  const [command, workflow, category, ...rest] = positionals;
  if (rest.length > 0) throw new Error(`Unexpected arguments: ${rest.join(" ")}\n${CATEGORIES_USAGE}`);
  const raw = command === "list" ? { command, extra: workflow } : { command, workflow, category };
  if (command === "list" && workflow !== undefined)
    throw new Error(`"list" takes no arguments\n${CATEGORIES_USAGE}`);
  if (command === "unset" && category !== undefined)
    throw new Error(`"unset" takes only the workflow\n${CATEGORIES_USAGE}`);
  const parsed = Command.safeParse(command === "list" ? { command } : raw);
  if (!parsed.success) {
    const problem = parsed.error.issues
      .map((i) =>
        i.path[0] === "category"
          ? `the category must be one of ${CATEGORIES.join(", ")}`
          : i.path[0] === "workflow"
            ? "name the workflow (its name in quotes, or its id)"
            : `unknown command "${command ?? ""}"`,
      )
      .join("; ");
    throw new Error(`${problem}\n${CATEGORIES_USAGE}`);
  }
  return parsed.data;
}
