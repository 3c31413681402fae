/** The bench's command line: `node:util` parseArgs for the shape, zod for the values. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { N8N_DDL_VERSIONS } from "../db/n8nDdl.ts";

export const USAGE = `Usage: npm run bench -- [--mode all|inprocess|http] [--requests N] [--executions N]
                        [--http-seconds N] [--n8n-ddl ${N8N_DDL_VERSIONS.join("|")}]
  --mode          what to measure: in-process figures, the HTTP server under autocannon, or both (default all)
  --requests      timed calls per in-process phase (default 300)
  --executions    demo executions to seed (default 20000)
  --http-seconds  length of each HTTP load run, per workload and concurrency (default 6)
  --n8n-ddl       seed into n8n's real DDL of this line instead of the minimal tables
Environment: BENCH_DB=postgres seeds a fresh database on the local PostgreSQL (default PGlite).`;

export const BenchArgsSchema = z
  .object({
    mode: z.enum(["all", "inprocess", "http"]).default("all"),
    requests: z.coerce.number().int().min(10).max(100_000).default(300),
    executions: z.coerce.number().int().min(100).max(2_000_000).default(20_000),
    "http-seconds": z.coerce.number().int().min(1).max(600).default(6),
    /** Seed into n8n's real DDL of this line (its own indexes) instead of the minimal tables. */
    "n8n-ddl": z.enum(N8N_DDL_VERSIONS).optional(),
  })
  .strict();

export type BenchArgs = z.infer<typeof BenchArgsSchema>;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The arguments, or a UsageError saying what is wrong (with the usage). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs & { help: boolean } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        mode: { type: "string" },
        requests: { type: "string" },
        executions: { type: "string" },
        "http-seconds": { type: "string" },
        "n8n-ddl": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { help, ...rest } = values;
  const parsed = BenchArgsSchema.safeParse(rest);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const where = issue.path.length ? `--${issue.path.join(".")}` : "arguments";
      return `${where}: ${issue.message}`;
    });
    throw new UsageError(`${lines.join("\n")}\n${USAGE}`);
  }
  return { ...parsed.data, help: help === true };
}
