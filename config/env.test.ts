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
  it("treats empty values as unset", () => {
    expect(loadEnv({ DATABASE_URL: "", BUSINESS_TZ: " " }).BUSINESS_TZ).toBe("UTC");
  });
  it.each([
    [{ BUSINESS_TZ: "Mars/Olympus" }, /BUSINESS_TZ: must be an IANA time zone/],
    [{ N8N_SCHEMA: "n8n; DROP TABLE x" }, /N8N_SCHEMA: must be a lower-case SQL identifier/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must be a postgres/],
    [{ PORT: "99999" }, /PORT/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    expect(() => loadEnv(env)).toThrow(message);
  });
});
