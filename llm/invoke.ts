import type { BaseMessage } from "@langchain/core/messages";
import { AIMessage } from "@langchain/core/messages";
import type { z } from "zod";
import { MalformedOutputError } from "./errors.ts";
import type { ModelCall } from "./resilientProvider.ts";
import type { TokenCount } from "./types.ts";

function tokensOf(message: unknown): TokenCount {
  const usage = message instanceof AIMessage ? message.usage_metadata : undefined;
  return { inputTokens: usage?.input_tokens ?? 0, outputTokens: usage?.output_tokens ?? 0 };
}

function contentText(message: AIMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  return content
    .map((part) =>
      typeof part === "object" && "text" in part && typeof part.text === "string" ? part.text : "",
    )
    .join("");
}

/** Asks for plain text; an empty reply counts as malformed. */
export function textCall(messages: readonly BaseMessage[], runName: string): ModelCall<string> {
  return async (model, { signal }) => {
    const reply = await model.invoke([...messages], { signal, runName });
    const text = contentText(reply).trim();
    if (text === "") throw new MalformedOutputError("empty reply");
    return { value: text, tokens: tokensOf(reply) };
  };
}

/**
 * Asks for JSON matching `schema` through the SDK's structured output (Gemini: response schema;
 * Groq: JSON mode), then validates it with zod. Anything else is a malformed reply.
 */
export function structuredCall<T>(
  schema: z.ZodType<T>,
  messages: readonly BaseMessage[],
  runName: string,
): ModelCall<T> {
  return async (model, { provider, signal }) => {
    const structured = model.withStructuredOutput(schema, {
      name: "classification",
      method: provider === "gemini" ? "jsonSchema" : "jsonMode",
      includeRaw: true,
    });
    const result = await structured.invoke([...messages], { signal, runName });
    const parsed = schema.safeParse(result.parsed);
    if (!parsed.success)
      throw new MalformedOutputError(
        `reply does not match the schema: ${parsed.error.issues.length} issue(s)`,
      );
    return { value: parsed.data, tokens: tokensOf(result.raw) };
  };
}
