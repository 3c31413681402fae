import { PROMPT_VERSIONS } from "../prompts/index.ts";

/** Prompt versions recorded in reports and in the LangSmith experiment prefix (see prompts/index.ts). */
export function promptVersions(): Record<string, string> {
  return { ...PROMPT_VERSIONS };
}

/** "classify@3,general@1" — a stable tag for experiment names; "no-prompts" when there are none. */
export function promptVersionsTag(versions: Readonly<Record<string, string>>): string {
  const parts = Object.keys(versions)
    .sort()
    .map((k) => `${k}@${versions[k]}`);
  return parts.length ? parts.join(",") : "no-prompts";
}
