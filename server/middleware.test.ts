import { describe, expect, it } from "vitest";
import { unstorable } from "./middleware.ts";

describe("unstorable request bodies", () => {
  it.each([
    ["a NUL in a string", { message: "hi\u0000" }],
    ["a NUL in a nested string", { a: [{ b: ["ok", "x\u0000y"] }] }],
    ["a NUL in a key", { ["k\u0000"]: 1 }],
    ["JSON nested 65 levels deep", JSON.parse("[".repeat(65) + "]".repeat(65)) as unknown],
  ])("refuses %s", (_what, body) => {
    expect(unstorable(body)).toBe(true);
  });

  it.each([
    ["ordinary text", { message: "quante email oggi? \\u0000 written out is fine" }],
    ["numbers, booleans and null", { a: 1, b: true, c: null }],
    ["no body", undefined],
    ["JSON nested 10 levels deep", JSON.parse("[".repeat(10) + "]".repeat(10)) as unknown],
  ])("accepts %s", (_what, body) => {
    expect(unstorable(body)).toBe(false);
  });
});
