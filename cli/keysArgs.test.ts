import { describe, expect, it } from "vitest";
import { KeysUsageError, parseKeysArgs } from "./keysArgs.ts";

describe("keys arguments", () => {
  it("reads create and revoke", () => {
    expect(parseKeysArgs(["create", "--user", "anna"])).toEqual({
      command: "create",
      userId: "anna",
      role: "user",
    });
    expect(parseKeysArgs(["create", "--user", "boss@acme.it", "--role", "admin"])).toMatchObject({
      role: "admin",
    });
    expect(parseKeysArgs(["create", "--user", "anna", "--expires-days", "30"])).toMatchObject({
      expiresDays: 30,
    });
    expect(parseKeysArgs(["revoke", "--key-id", "0123456789abcdef"])).toEqual({
      command: "revoke",
      keyId: "0123456789abcdef",
    });
  });
  it.each([
    [[]],
    [["create"]],
    [["create", "--user"]],
    [["create", "--user", "a b"]],
    [["create", "--user", "x", "--role", "root"]],
    [["delete", "--user", "x"]],
    [["revoke", "--key-id", "nope"]],
    [["create", "--user", "x", "--expires-days", "0"]],
    [["create", "--user", "x", "--expires-days", "soon"]],
  ])("rejects %o with the usage", (argv) => {
    expect(() => parseKeysArgs(argv)).toThrow(KeysUsageError);
  });
});
