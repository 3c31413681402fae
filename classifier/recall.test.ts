import { describe, expect, it } from "vitest";
import { asksForLastQuestion } from "./recall.ts";

describe("asksForLastQuestion", () => {
  it.each([
    "cosa ti ho chiesto l'ultima volta?",
    "che cosa ti ho chiesto prima?",
    "qual era la mia ultima domanda?",
    "what did I ask last time?",
    "what did I ask you before?",
    "what was my last question?",
  ])("%s asks for it", (q) => expect(asksForLastQuestion(q)).toBe(true));

  it.each(["quanti ordini l'ultima volta?", "what happened last time the sync ran?", "ciao"])(
    "%s does not",
    (q) => expect(asksForLastQuestion(q)).toBe(false),
  );
});
