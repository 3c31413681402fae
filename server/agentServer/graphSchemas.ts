import { GRAPH_ID } from "./assistant.ts";
import { MAX_QUESTION_LENGTH } from "../../nodes/question.ts";

/**
 * JSON schemas of Milhena's graph for `GET /assistants/:id/schemas` (Studio draws its input form and
 * state view from them). Written by hand: the state is an Annotation, which carries no runtime schema.
 */

type JsonSchema = Readonly<Record<string, unknown>>;

const message: JsonSchema = {
  type: "object",
  description: "A LangChain chat message",
  properties: {
    type: { type: "string", enum: ["human", "ai", "system", "tool"] },
    content: { type: "string" },
    id: { type: "string" },
  },
  required: ["type", "content"],
};

const userMessage: JsonSchema = {
  type: "object",
  description: "The user's question",
  properties: {
    role: { type: "string", enum: ["user"] },
    type: { type: "string", enum: ["human"] },
    content: { type: "string", minLength: 1, maxLength: MAX_QUESTION_LENGTH },
  },
  required: ["content"],
};

const input: JsonSchema = {
  title: "MilhenaInput",
  type: "object",
  properties: {
    messages: {
      type: "array",
      description: 'One new question, e.g. [{ "role": "user", "content": "how many workflow runs today?" }]',
      items: userMessage,
      minItems: 1,
      maxItems: 1,
    },
  },
  required: ["messages"],
};

const state: JsonSchema = {
  title: "MilhenaState",
  type: "object",
  properties: {
    messages: {
      type: "array",
      description: "The conversation (bounded); the answer is the last AI message",
      items: { $ref: "#/definitions/BaseMessage" },
    },
    context: {
      type: ["object", "null"],
      description: "The immutable RequestContext of the latest request",
    },
    lastTurn: {
      type: ["object", "null"],
      description: "The previous turn, kept so follow-up questions resolve",
    },
    turnRecord: {
      type: ["object", "null"],
      description: "What the latest turn left for the user's memory and the answer cache",
    },
    response: {
      type: ["object", "null"],
      description: "The response object of the latest request",
      properties: {
        threadId: { type: "string" },
        answer: { type: "string" },
        intent: {
          type: "string",
          enum: ["GREETING", "HELP", "BUSINESS_DATA", "ANALYSIS", "PREDICTION", "GENERAL", "UNSAFE"],
        },
        queryType: {
          type: ["string", "null"],
          enum: [
            "TODAY_ACTIVITY",
            "EMAILS",
            "ORDERS",
            "ERRORS",
            "PERFORMANCE",
            "OVERVIEW",
            "WORKFLOWS",
            null,
          ],
        },
        window: { type: ["object", "null"] },
        language: { type: "string", enum: ["it", "en"] },
        cached: { type: "boolean" },
        source: { type: "string" },
        confidence: { type: "number" },
        latencyMs: { type: "number" },
        series: { type: "object" },
      },
    },
  },
};

const config: JsonSchema = {
  title: "MilhenaConfigurable",
  type: "object",
  properties: {
    thread_id: { type: "string", description: "The conversation (set from the route)" },
    user_id: {
      type: "string",
      description: "Whose memory and threads (set by the server from the API key; ignored in requests)",
    },
  },
};

export interface GraphSchemas {
  readonly graph_id: string;
  readonly input_schema: JsonSchema;
  readonly output_schema: JsonSchema;
  readonly state_schema: JsonSchema;
  readonly config_schema: JsonSchema;
  readonly context_schema: null;
}

/** As the official server writes its schemas: draft-07, with the message type among the definitions. */
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
const withDefinitions = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  definitions: { BaseMessage: message },
  $schema: DRAFT_07,
});

export const MILHENA_SCHEMAS: GraphSchemas = {
  graph_id: GRAPH_ID,
  input_schema: { ...input, $schema: DRAFT_07 },
  output_schema: withDefinitions({ ...state, title: "MilhenaOutput" }),
  state_schema: withDefinitions(state),
  config_schema: { ...config, $schema: DRAFT_07 },
  context_schema: null,
};
