import { describe, expect, it } from "vitest";
import { TokenBucket } from "./rateLimiter.ts";

/** A bucket on a fake clock whose sleeps advance the clock. */
function bucket(perMinute: number, burst: number, maxQueue = 20) {
  let now = 0;
  const slept: number[] = [];
  const b = new TokenBucket({
    perMinute,
    burst,
    maxQueue,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  });
  return { b, slept, advance: (ms: number) => (now += ms) };
}

describe("TokenBucket", () => {
  it("lets a burst through at once, then queues callers at the refill rate", async () => {
    const { b, slept } = bucket(15, 2); // one token every 4 s
    expect(await b.acquire(10_000)).toEqual({ ok: true, waitedMs: 0 });
    expect(await b.acquire(10_000)).toEqual({ ok: true, waitedMs: 0 });
    expect(await b.acquire(10_000)).toEqual({ ok: true, waitedMs: 4_000 });
    expect(slept).toEqual([4_000]);
  });

  it("queued callers are served first come, first served, each a token later", async () => {
    let now = 0;
    const sleeps: number[] = [];
    const b = new TokenBucket({
      perMinute: 60,
      burst: 1,
      now: () => now,
      sleep: (ms) => (sleeps.push(ms), new Promise((r) => setTimeout(r, 0))),
    });
    await b.acquire(10_000);
    const waiting = [b.acquire(10_000), b.acquire(10_000), b.acquire(10_000)];
    expect(b.queued).toBe(3);
    await Promise.all(waiting);
    expect(sleeps).toEqual([1_000, 2_000, 3_000]);
    now += 3_000;
    expect(b.queued).toBe(0);
  });

  it("sheds a caller who would wait past its deadline, without using a token", async () => {
    const { b, advance } = bucket(15, 1);
    await b.acquire(1_000);
    expect(await b.acquire(3_999)).toEqual({ ok: false, reason: "too_long" });
    advance(4_000);
    expect(await b.acquire(0)).toEqual({ ok: true, waitedMs: 0 });
  });

  it("sheds callers when the queue is full", async () => {
    const b = new TokenBucket({
      perMinute: 60,
      burst: 1,
      maxQueue: 1,
      now: () => 0,
      sleep: () => new Promise(() => undefined),
    });
    await b.acquire(60_000);
    void b.acquire(60_000); // waits (forever, on this clock)
    expect(await b.acquire(60_000)).toEqual({ ok: false, reason: "queue_full" });
  });

  it("gives the reservation back when the caller gives up", async () => {
    const b = new TokenBucket({ perMinute: 60, burst: 1, now: () => 0 });
    await b.acquire(10_000);
    const controller = new AbortController();
    const pending = b.acquire(10_000, controller.signal);
    controller.abort(new Error("client went away"));
    expect(await pending).toEqual({ ok: false, reason: "aborted" });
    expect(b.queued).toBe(0);
    expect(await b.acquire(1_000)).toEqual({ ok: true, waitedMs: 1_000 }); // not 2 s: the slot was returned
  });
});
