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
    expect(queries).toEqual([["rate_limited", "anna", null, "r1", null, null, "{}"]]);
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
});
