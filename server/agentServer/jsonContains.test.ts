import { describe, expect, it } from "vitest";
import { jsonContains } from "./jsonContains.ts";

describe("jsonContains (jsonb @>)", () => {
  it.each([
    [{ a: 1, b: { c: "x", d: 2 } }, { b: { c: "x" } }, true],
    [{ a: 1 }, {}, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: 1 }, { b: 1 }, false],
    [{ a: [1, 2, 3] }, { a: [3, 1] }, true],
    [{ a: [1, 2] }, { a: [4] }, false],
    [{ a: [{ x: 1, y: 2 }] }, { a: [{ x: 1 }] }, true],
    [{ a: null }, { a: null }, true],
    [{ a: "1" }, { a: 1 }, false],
    [[1], { 0: 1 }, false],
  ])("%j @> %j is %s", (value, pattern, expected) => {
    expect(jsonContains(value, pattern)).toBe(expected);
  });
});
