import { describe, expect, it } from "vitest";
import { parseCategoriesArgs } from "./categoriesArgs.ts";

describe("parseCategoriesArgs", () => {
  it("reads list, set and unset", () => {
    expect(parseCategoriesArgs(["list"])).toEqual({ command: "list" });
    expect(parseCategoriesArgs(["set", "Elaborazione ordini", "order"])).toEqual({
      command: "set",
      workflow: "Elaborazione ordini",
      category: "order",
    });
    expect(parseCategoriesArgs(["unset", "abc123"])).toEqual({ command: "unset", workflow: "abc123" });
  });
  it.each([
    [[], /unknown command/],
    [["delete", "x"], /unknown command "delete"/],
    [["set", "Ordini", "shopping"], /category must be one of email, order/],
    [["set", "   ", "order"], /name the workflow/],
    [["set", "Ordini"], /category must be one of/],
    [["list", "x"], /"list" takes no arguments/],
    [["unset", "x", "order"], /"unset" takes only the workflow/],
    [["set", "a", "order", "extra"], /Unexpected arguments: extra/],
    [["--force", "list"], /Unknown option|--force/],
  ])("rejects %j with a clear message and the usage", (argv, message) => {
    expect(() => parseCategoriesArgs(argv)).toThrow(message);
    expect(() => parseCategoriesArgs(argv)).toThrow(/Usage:/);
  });
});
