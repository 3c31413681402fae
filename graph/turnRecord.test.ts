import { describe, expect, it } from "vitest";
import { classification, capturingLogger } from "../test/support/fakes.ts";
import type { AnswerCache } from "../cache/answerCache.ts";
import type { Interaction, UserMemory } from "../memory/userMemory.ts";
import { createTurnRecorder, type TurnRecord } from "./turnRecord.ts";

function stores(fail = false) {
  const interactions: Interaction[] = [];
  const puts: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const memory: UserMemory = {
    record: async (i) => {
      await gate;
      if (fail) throw new Error("database gone");
      interactions.push(i);
    },
    profile: () => Promise.resolve(null),
    recent: () => Promise.resolve([]),
    eraseUser: () => Promise.resolve(0),
  };
  const cache = {
    put: async (key: string) => {
      await gate;
      puts.push(key);
    },
  } as unknown as AnswerCache;
  return { memory, cache, interactions, puts, release };
}

const record = (cacheKey: string | null): TurnRecord => ({
  interaction: {
    userId: "anna",
    threadId: "t1",
    question: "q",
    answer: "a",
    classification: classification(),
  },
  cacheEntry: cacheKey
    ? { key: cacheKey, userId: "anna", value: { answer: "a", classification: classification(), plan: null } }
    : null,
});

describe("turn recorder", () => {
  it("writes memory and the cache in the background, and settled() waits for them", async () => {
    const s = stores();
    const { logger } = capturingLogger();
    const recorder = createTurnRecorder({ memory: s.memory, cache: s.cache, logger });
    recorder.record(record("k1"));
    recorder.record(record(null));
    recorder.record(null);
    expect(s.interactions).toHaveLength(0);
    let settled = false;
    const done = recorder.settled().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    s.release();
    await done;
    expect(s.interactions).toHaveLength(2);
    expect(s.puts).toEqual(["k1"]);
  });

  it("logs a failed write instead of throwing", async () => {
    const s = stores(true);
    const { logger, lines } = capturingLogger();
    const recorder = createTurnRecorder({ memory: s.memory, cache: s.cache, logger });
    recorder.record(record("k1"));
    s.release();
    await recorder.settled();
    expect(lines.some((l) => l.event === "turn.record_failed")).toBe(true);
  });
});
