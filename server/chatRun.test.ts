import { describe, expect, it } from "vitest";
import { answerChunks } from "./chatRun.ts";
import { titleFrom } from "./threadStore.ts";

describe("answer chunks", () => {
  it("splits an answer into word groups that join back into it", () => {
    const answer = "Oggi sono arrivate 1.234 email: 1.100 con risposta automatica.";
    const chunks = answerChunks(answer, 3);
    expect(chunks.length).toBe(3);
    expect(chunks.join("")).toBe(answer);
    expect(answerChunks("")).toEqual([]);
  });
});

describe("thread titles", () => {
  it("are the first question on one line, at most 80 characters", () => {
    expect(titleFrom("  quante email\n oggi?  ")).toBe("quante email oggi?");
    const long = titleFrom("x ".repeat(100));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith("…")).toBe(true);
  });
});
