import { describe, expect, it } from "vitest";
import { loadEnv } from "./env.ts";

describe("loadEnv", () => {
  it("needs nothing and has documented defaults", () => {
    expect(loadEnv({}).DATABASE_URL).toBeUndefined();
    expect(loadEnv({})).toMatchObject({
      MILHENA_DATA_DIR: "./.milhena",
      N8N_SCHEMA: "n8n",
      BUSINESS_TZ: "UTC",
      PORT: 8089,
      LOG_LEVEL: "info",
    });
  });
  it("reads CORS origins as a list, none by default", () => {
    expect(loadEnv({}).CORS_ORIGINS).toEqual([]);
    expect(
      loadEnv({ CORS_ORIGINS: "https://smith.langchain.com, http://localhost:3000/" }).CORS_ORIGINS,
    ).toEqual(["https://smith.langchain.com", "http://localhost:3000"]);
  });
  it("treats empty values as unset", () => {
    expect(loadEnv({ DATABASE_URL: "", BUSINESS_TZ: " " }).BUSINESS_TZ).toBe("UTC");
  });
  it.each([
    [{ BUSINESS_TZ: "Mars/Olympus" }, /BUSINESS_TZ: must be an IANA time zone/],
    [{ N8N_SCHEMA: "n8n; DROP TABLE x" }, /N8N_SCHEMA: must be a lower-case SQL identifier/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must be a postgres/],
    [{ PORT: "99999" }, /PORT/],
    [{ LLM_POLICY: "sometimes" }, /LLM_POLICY/],
    [{ LLM_PROVIDERS: "gemini,openai" }, /LLM_PROVIDERS/],
    [{ GROQ_BASE_URL: "ftp://x" }, /GROQ_BASE_URL: must be an http/],
    [{ LANGSMITH_TRACING: "maybe" }, /LANGSMITH_TRACING/],
    [{ CORS_ORIGINS: "https://smith.langchain.com/studio" }, /CORS_ORIGINS.*scheme:\/\/host/],
    [{ CORS_ORIGINS: "smith.langchain.com" }, /CORS_ORIGINS/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    expect(() => loadEnv(env)).toThrow(message);
  });

  it("reads the LLM routing settings", () => {
    const env = loadEnv({ LLM_PROVIDERS: " Groq , gemini", LLM_POLICY: "llm", LANGSMITH_TRACING: "true" });
    expect(env.LLM_PROVIDERS).toEqual(["groq", "gemini"]);
    expect(env.LLM_POLICY).toBe("llm");
    expect(env.LANGSMITH_TRACING).toBe(true);
    expect(loadEnv({})).toMatchObject({
      LLM_POLICY: "hybrid",
      LLM_PROVIDERS: ["gemini", "groq"],
      GEMINI_RPM: 15,
    });
  });
  it("never repeats a secret in its error", () => {
    expect(() => loadEnv({ GEMINI_API_KEY: "sk-secret-value", PORT: "0" })).toThrow(/PORT/);
    expect(() => loadEnv({ GEMINI_API_KEY: "sk-secret-value", PORT: "0" })).not.toThrow(/sk-secret/);
  });
});
