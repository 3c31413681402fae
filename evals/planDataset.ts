import fs from "node:fs";
import path from "node:path";
import { DATASETS_DIR, parseJsonlCases, type Split } from "./dataset.ts";
import { PlanCaseSchema, type PlanCase } from "./planCase.ts";

/** Parses a plans dataset (JSONL); every bad line is reported with its number. */
export function parsePlanDataset(text: string, source = "plans dataset"): PlanCase[] {
  return parseJsonlCases(text, PlanCaseSchema, source, "Invalid plans dataset");
}

export function loadPlanSplit(split: Split, dir = DATASETS_DIR): PlanCase[] {
  const file = path.join(dir, `plans-${split}.jsonl`);
  const cases = parsePlanDataset(fs.readFileSync(file, "utf8"), file);
  const foreign = cases.find((c) => c.split !== split);
  if (foreign) throw new Error(`${file}: case ${foreign.id} belongs to split ${foreign.split}`);
  return cases;
}
