import { describe, expect, it } from "vitest";
import { addDays, civilDateOf, isoWeekday, startOfDay } from "./calendar.ts";

describe("calendar dates in a time zone", () => {
  it("is the local day, not the UTC day, late in the evening", () => {
    const lateInRome = new Date("2026-11-18T23:30:00Z"); // already the 19th in Rome
    expect(civilDateOf(lateInRome, "Europe/Rome")).toEqual({ y: 2026, m: 11, d: 19 });
    expect(civilDateOf(lateInRome, "UTC")).toEqual({ y: 2026, m: 11, d: 18 });
  });

  it("starts a day at local midnight, on daylight saving days too (23 and 25 hours)", () => {
    const spring = startOfDay({ y: 2026, m: 3, d: 29 }, "Europe/Rome");
    expect(spring.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(
      (startOfDay({ y: 2026, m: 3, d: 30 }, "Europe/Rome").getTime() - spring.getTime()) / 3_600_000,
    ).toBe(23);
    const autumn = startOfDay({ y: 2026, m: 10, d: 25 }, "Europe/Rome");
    expect(autumn.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(
      (startOfDay({ y: 2026, m: 10, d: 26 }, "Europe/Rome").getTime() - autumn.getTime()) / 3_600_000,
    ).toBe(25);
    expect(startOfDay({ y: 2026, m: 11, d: 18 }, "America/New_York").toISOString()).toBe(
      "2026-11-18T05:00:00.000Z",
    );
  });

  it("adds days across months and years, and knows ISO weekdays", () => {
    expect(addDays({ y: 2026, m: 12, d: 31 }, 1)).toEqual({ y: 2027, m: 1, d: 1 });
    expect(addDays({ y: 2028, m: 3, d: 1 }, -1)).toEqual({ y: 2028, m: 2, d: 29 });
    expect(isoWeekday({ y: 2026, m: 11, d: 16 })).toBe(0); // Monday
    expect(isoWeekday({ y: 2026, m: 11, d: 22 })).toBe(6); // Sunday
  });
});
