import type { BaseMessage } from "@langchain/core/messages";

/** Longest question accepted (characters). */
export const MAX_QUESTION_LENGTH = 10_000;

export class InvalidQuestionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidQuestionError";
  }
}

function textOf(message: BaseMessage): string {
  const content = message.content;
  if (typeof content === "string") return content;
  return content
    .map((part) =>
      typeof part === "object" && "text" in part && typeof part.text === "string" ? part.text : "",
    )
    .join(" ");
}

/** The question of this request: the last human message, validated. */
export function latestQuestion(messages: readonly BaseMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.getType() === "human") {
      const text = textOf(message).trim();
      if (text.length === 0) throw new InvalidQuestionError("The question is empty.");
      if (text.length > MAX_QUESTION_LENGTH) {
        throw new InvalidQuestionError(`The question is longer than ${MAX_QUESTION_LENGTH} characters.`);
      }
      return text;
    }
  }
  throw new InvalidQuestionError("No question found: send { messages: [{ role: 'user', content: '…' }] }.");
}
