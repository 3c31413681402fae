import { describe, expect, it } from "vitest";
import { parseChatArgs, UsageError } from "./args.ts";

describe("parseChatArgs", () => {
  it("joins words into one question", () => {
    expect(parseChatArgs(["how", "many", "runs?"])).toMatchObject({
      question: "how many runs?",
      json: false,
      userId: "local",
    });
  });
  it("reads --json, --thread and --user", () => {
    expect(parseChatArgs(["--json", "--thread", "t-1", "--user", "anna@acme.it", "ciao"])).toEqual({
      json: true,
      threadId: "t-1",
      userId: "anna@acme.it",
      question: "ciao",
    });
  });
  it("has no question for the interactive chat", () => {
    expect(parseChatArgs([]).question).toBeUndefined();
  });
  it.each([
    [["--thread"], /'--thread <value>' argument missing/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--thread", "a b"], /thread ids use/],
    [["x".repeat(10_001)], /longer than 10,000/],
  ])("rejects %j clearly", (argv, message) => {
    expect(() => parseChatArgs(argv)).toThrow(UsageError);
    expect(() => parseChatArgs(argv)).toThrow(message);
  });
});
