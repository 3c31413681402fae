import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { EvalReport } from "./report.ts";

/** "2026-11-23T08-04-05-123Z": sortable, safe in file names. */
export function reportStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, "-");
}

/** Enough of a stored report to compare with (older files are validated, never trusted). */
const StoredReportSchema = z
  .object({
    version: z.literal(1),
    run: z.object({ split: z.string(), provider: z.string(), startedAt: z.string() }).passthrough(),
    metrics: z.record(z.string(), z.object({ correct: z.number(), total: z.number(), rate: z.number() })),
    results: z.array(z.object({ id: z.string(), failed: z.array(z.string()) }).passthrough()),
  })
  .passthrough();

/** The newest earlier report of the same split and provider in `dir`, if any readable one exists. */
export function findPreviousReport(dir: string, split: string, provider: string): EvalReport | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .reverse();
  for (const file of files) {
    try {
      const parsed = StoredReportSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
      if (parsed.success && parsed.data.run.split === split && parsed.data.run.provider === provider) {
        return parsed.data as unknown as EvalReport;
      }
    } catch {
      // unreadable or partial file: skip it
    }
  }
  return null;
}

export function writeReportFiles(dir: string, stamp: string, report: EvalReport, html: string) {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${stamp}.json`);
  const page = path.join(dir, `${stamp}.html`);
  fs.writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(page, html);
  return { json, html: page };
}
