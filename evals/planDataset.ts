import fs from "node:fs";
import path from "node:path";
import { DATASETS_DIR, type Split } from "./dataset.ts";
import { PlanCaseSchema, type PlanCase } from "./planCase.ts";

/** Parses a plans dataset (JSONL); every bad line is reported with its number. */
export function parsePlanDataset(text: string, source = "plans dataset"): PlanCase[] {
  const cases: PlanCase[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`${source}:${i + 1}: not JSON`);
      return;
    }
    const parsed = PlanCaseSchema.safeParse(json);
    if (parsed.success) cases.push(parsed.data);
    else
      problems.push(
        `${source}:${i + 1}: ${parsed.error.issues.map((p) => `${p.path.join(".")} ${p.message}`).join("; ")}`,
      );
  });
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) problems.push(`${source}: duplicate id ${c.id}`);
    ids.add(c.id);
  }
  if (problems.length) throw new Error(`Invalid plans dataset:\n${problems.join("\n")}`);
  return cases;
}

export function loadPlanSplit(split: Split, dir = DATASETS_DIR): PlanCase[] {
  const file = path.join(dir, `plans-${split}.jsonl`);
  const cases = parsePlanDataset(fs.readFileSync(file, "utf8"), file);
  const foreign = cases.find((c) => c.split !== split);
  if (foreign) throw new Error(`${file}: case ${foreign.id} belongs to split ${foreign.split}`);
  return cases;
}
