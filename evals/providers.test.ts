import { describe, expect, it } from "vitest";
import { parseEvalArgs } from "./args.ts";
import { promptVersionsTag } from "./promptVersions.ts";
import { providerEnv } from "./providers.ts";

describe("providerEnv", () => {
  it("maps each provider to the LLM routing env", () => {
    expect(providerEnv("rules", {})).toEqual({ LLM_POLICY: "rules" });
    expect(providerEnv("gemini", { GEMINI_API_KEY: "k" })).toEqual({
      LLM_POLICY: "llm",
      LLM_PROVIDERS: "gemini",
    });
    expect(providerEnv("groq", { GROQ_API_KEY: "k" })).toEqual({ LLM_POLICY: "llm", LLM_PROVIDERS: "groq" });
    expect(providerEnv("hybrid", { GEMINI_API_KEY: "k", GROQ_API_KEY: "k" })).toEqual({
      LLM_POLICY: "hybrid",
      LLM_PROVIDERS: "gemini,groq",
    });
  });

  it("fails clearly when a needed key is absent or blank", () => {
    expect(() => providerEnv("gemini", {})).toThrow("--provider gemini needs GEMINI_API_KEY");
    expect(() => providerEnv("hybrid", { GEMINI_API_KEY: "k", GROQ_API_KEY: " " })).toThrow(/GROQ_API_KEY/);
  });
});

describe("parseEvalArgs", () => {
  it("has offline defaults", () => {
    expect(parseEvalArgs([], {})).toMatchObject({
      split: "dev",
      provider: "rules",
      gate: false,
      langsmith: false,
      seed: 42,
      databaseUrl: undefined,
    });
  });

  it("reads flags and takes DATABASE_URL as the default server", () => {
    const a = parseEvalArgs(["--split", "test", "--gate", "--provider", "groq", "--limit", "5"], {
      DATABASE_URL: "postgres://x@h/db",
    });
    expect(a).toMatchObject({
      split: "test",
      gate: true,
      provider: "groq",
      limit: 5,
      databaseUrl: "postgres://x@h/db",
    });
  });

  it("rejects unknown values and flags", () => {
    expect(() => parseEvalArgs(["--split", "train"], {})).toThrow(/split/);
    expect(() => parseEvalArgs(["--provider", "openai"], {})).toThrow(/provider/);
    expect(() => parseEvalArgs(["--limit", "0"], {})).toThrow(/limit/);
    expect(() => parseEvalArgs(["--nope"], {})).toThrow();
  });
});

describe("promptVersionsTag", () => {
  it("is stable and readable", () => {
    expect(promptVersionsTag({})).toBe("no-prompts");
    expect(promptVersionsTag({ general: "1", classify: "3" })).toBe("classify@3,general@1");
  });
});
