import { describe, expect, it } from "vitest";
import { LruMap } from "./lru.ts";

describe("LruMap", () => {
  it("evicts the least recently used entry beyond capacity", () => {
    const lru = new LruMap<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // a is now the most recent
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });
  it("replaces and deletes", () => {
    const lru = new LruMap<string, number>(2);
    lru.set("a", 1);
    lru.set("a", 5);
    expect(lru.size).toBe(1);
    expect(lru.get("a")).toBe(5);
    lru.delete("a");
    expect(lru.get("a")).toBeUndefined();
  });
});
