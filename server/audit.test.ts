import type pg from "pg";
import { describe, expect, it } from "vitest";
import { createAuditLog } from "./audit.ts";

/** A pool whose queries wait until released, recording what they were asked. */
function slowPool(fail = false) {
  const queries: unknown[][] = [];
  const releases: (() => void)[] = [];
  const pool = {
    query: (_sql: string, values: unknown[]) =>
      new Promise((resolve, reject) => {
        releases.push(() => {
          queries.push(values);
          if (fail) reject(new Error("connection lost"));
          else resolve({ rows: [], rowCount: 1 });
        });
      }),
  } as unknown as pg.Pool;
  return { pool, queries, release: () => releases.splice(0).forEach((r) => r()) };
}

describe("audit log", () => {
  it("settled() waits for fire-and-forget writes still in flight", async () => {
    const { pool, queries, release } = slowPool();
    const audit = createAuditLog(pool, "milhena", () => undefined);
    void audit.record({ event: "rate_limited", userId: "anna", requestId: "r1" });
    let settled = false;
    const waiting = audit.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    release();
    await waiting;
    expect(settled).toBe(true);
    expect(queries).toEqual([["rate_limited", "anna", null, "r1", null, null, "{}", 1, null, null]]);
  });

  it("a failed write is reported, never thrown", async () => {
    const { pool, release } = slowPool(true);
    const errors: unknown[] = [];
    const audit = createAuditLog(pool, "milhena", (error) => errors.push(error));
    const write = audit.record({ event: "auth.invalid_key" });
    release();
    await expect(write).resolves.toBeUndefined();
    await audit.settled();
    expect(errors).toHaveLength(1);
  });

  it("writes the first of a flood at once and its repeats as one counted row per window", async () => {
    const queries: unknown[][] = [];
    const pool = {
      query: (_sql: string, values: unknown[]) => {
        queries.push(values);
        return Promise.resolve({ rows: [], rowCount: 1 });
      },
    } as unknown as pg.Pool;
    let t = 1_000;
    const audit = createAuditLog(pool, "milhena", () => undefined, { windowMs: 10_000, now: () => t });
    const bad = { event: "auth.invalid_key", ip: "10.0.0.9", route: "/api/chat" } as const;
    for (let i = 0; i < 500; i++) {
      await audit.record(bad);
      t += 10;
    }
    // Another address is its own row; an event that is not aggregated is always written.
    await audit.record({ ...bad, ip: "10.0.0.10" });
    await audit.record({ event: "data.erased", userId: "anna" });
    expect(queries).toHaveLength(3);
    await audit.settled();
    const rows = queries.filter((q) => q[0] === "auth.invalid_key" && q[5] === "10.0.0.9");
    expect(rows.map((q) => q[7])).toEqual([1, 499]);
    const occurrences = rows.reduce((sum, q) => sum + Number(q[7]), 0);
    expect(occurrences).toBe(500);
    // The counted row spans the repeats: from the second request to the last.
    expect(rows[1]?.[8]).toEqual(new Date(1_010));
    expect(rows[1]?.[9]).toEqual(new Date(1_000 + 499 * 10));
  });
});
