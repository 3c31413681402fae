import { describe, expect, it } from "vitest";
import { previousRange, resolveWindow, startOfDay } from "./timeWindows.ts";

// Wednesday 18 November 2026, 10:00 UTC.
const NOW = new Date("2026-11-18T10:00:00Z");

describe("resolveWindow", () => {
  it.each([
    [{ kind: "today" } as const, "2026-11-18", "2026-11-18", 1],
    [{ kind: "yesterday" } as const, "2026-11-17", "2026-11-17", 1],
    [{ kind: "last_n_days", n: 7 } as const, "2026-11-12", "2026-11-18", 7],
    [{ kind: "this_week" } as const, "2026-11-16", "2026-11-18", 3],
    [{ kind: "last_week" } as const, "2026-11-09", "2026-11-15", 7],
    [{ kind: "this_month" } as const, "2026-11-01", "2026-11-18", 18],
    [{ kind: "last_month" } as const, "2026-10-01", "2026-10-31", 31],
  ])("%o covers %s to %s", (window, first, last, days) => {
    const r = resolveWindow(window, NOW, "UTC");
    expect([r.firstDay, r.lastDay, r.dayCount]).toEqual([first, last, days]);
    expect(r.from).toBe(`${first}T00:00:00.000Z`);
  });

  it("uses local midnight of the business time zone", () => {
    const r = resolveWindow({ kind: "today" }, NOW, "Europe/Rome");
    expect(r.from).toBe("2026-11-17T23:00:00.000Z");
    expect(r.to).toBe("2026-11-18T23:00:00.000Z");
  });

  it("is the local day, not the UTC day, late in the evening", () => {
    const lateInRome = new Date("2026-11-18T23:30:00Z"); // already the 19th in Rome
    expect(resolveWindow({ kind: "today" }, lateInRome, "Europe/Rome").firstDay).toBe("2026-11-19");
    expect(resolveWindow({ kind: "today" }, lateInRome, "UTC").firstDay).toBe("2026-11-18");
  });

  it("handles daylight saving changes (a 23-hour day)", () => {
    const start = startOfDay({ y: 2026, m: 3, d: 29 }, "Europe/Rome");
    const next = startOfDay({ y: 2026, m: 3, d: 30 }, "Europe/Rome");
    expect(start.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect((next.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it("crosses the year in January", () => {
    const r = resolveWindow({ kind: "last_month" }, new Date("2027-01-10T12:00:00Z"), "UTC");
    expect([r.firstDay, r.lastDay]).toEqual(["2026-12-01", "2026-12-31"]);
  });
});

describe("previousRange", () => {
  it("compares the last N days with the N days before", () => {
    const p = previousRange(resolveWindow({ kind: "last_n_days", n: 7 }, NOW, "UTC"));
    expect([p.firstDay, p.lastDay]).toEqual(["2026-11-05", "2026-11-11"]);
  });
  it("compares this week with the same weekdays of last week", () => {
    const p = previousRange(resolveWindow({ kind: "this_week" }, NOW, "UTC"));
    expect([p.firstDay, p.lastDay]).toEqual(["2026-11-09", "2026-11-11"]);
  });
  it("compares this month with the same days of last month", () => {
    const p = previousRange(resolveWindow({ kind: "this_month" }, NOW, "UTC"));
    expect([p.firstDay, p.lastDay]).toEqual(["2026-10-01", "2026-10-18"]);
  });
  it("compares today with yesterday", () => {
    const p = previousRange(resolveWindow({ kind: "today" }, NOW, "UTC"));
    expect([p.firstDay, p.lastDay]).toEqual(["2026-11-17", "2026-11-17"]);
  });
});
