import { describe, expect, it } from "vitest";
import { parseSeedArgs } from "./seedArgs.ts";

describe("parseSeedArgs", () => {
  it("has defaults", () => {
    expect(parseSeedArgs([])).toEqual({ executions: 5000, days: 30, seed: 42 });
  });
  it("reads the flags", () => {
    expect(parseSeedArgs(["--executions", "1000000", "--days", "60", "--seed", "7"])).toEqual({
      executions: 1_000_000,
      days: 60,
      seed: 7,
    });
  });
  it("names the real n8n DDL to seed into", () => {
    expect(parseSeedArgs(["--n8n-ddl", "2.41", "--days", "3"])).toMatchObject({ ddl: "2.41", days: 3 });
    expect(() => parseSeedArgs(["--n8n-ddl", "0.9"])).toThrow(/n8n-ddl/);
  });
  it.each([
    [["--executions"], /'--executions <value>' argument missing/],
    [["--executions", "many"], /executions/],
    [["--days", "0"], /days/],
    [["--days", "2.5"], /whole number/],
    [["--colour", "red"], /Unrecognized key|colour/],
  ])("rejects %j clearly", (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });
});
