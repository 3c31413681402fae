/**
 * Prompt versions recorded in reports and in the LangSmith experiment prefix.
 *
 * TODO(llm-routing): when `prompts/index.ts` exports `PROMPT_VERSIONS: Record<string, string>`
 * (the contract agreed with the LLM routing work), return it from here. The offline rules path uses
 * no prompt, so until then there is nothing to record.
 */
export function promptVersions(): Record<string, string> {
  return {};
}

/** "classify@3,general@1" — a stable tag for experiment names; "no-prompts" when there are none. */
export function promptVersionsTag(versions: Readonly<Record<string, string>>): string {
  const parts = Object.keys(versions)
    .sort()
    .map((k) => `${k}@${versions[k]}`);
  return parts.length ? parts.join(",") : "no-prompts";
}
