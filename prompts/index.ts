import { ANALYSIS_PROMPT_VERSION } from "./analysis.ts";
import { GENERAL_PROMPT_VERSION } from "./general.ts";
import { PLAN_PROMPT_VERSION } from "./plan.ts";
import { REPHRASE_PROMPT_VERSION } from "./rephrase.ts";

/** Every prompt's version: recorded in trace metadata and eval reports. */
export const PROMPT_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  plan: PLAN_PROMPT_VERSION,
  general: GENERAL_PROMPT_VERSION,
  analysis: ANALYSIS_PROMPT_VERSION,
  rephrase: REPHRASE_PROMPT_VERSION,
});
