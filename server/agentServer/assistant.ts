import { v5 } from "@langchain/core/utils/uuid";

/** The one graph this server runs (its id in langgraph.json). */
export const GRAPH_ID = "milhena";
/**
 * The namespace in which the LangGraph server derives an assistant id from a graph id, so that
 * Milhena's assistant has the same id here as under `langgraph dev`.
 */
export const GRAPH_NAMESPACE = "6ba7b821-9dad-11d1-80b4-00c04fd430c8";
/** Fixed assistant id: the same one `langgraph dev` derives for the graph id. */
export const ASSISTANT_ID = v5(GRAPH_ID, GRAPH_NAMESPACE);

/** An assistant as the LangGraph Agent Server API describes it. */
export interface WireAssistant {
  readonly assistant_id: string;
  readonly graph_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly config: Readonly<Record<string, unknown>>;
  readonly context: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly created_at: string;
  readonly updated_at: string;
}

/** The assistant id when `idOrGraphId` names Milhena's assistant (by id or by graph id), else null. */
export function resolveAssistantId(idOrGraphId: string): string | null {
  const id = idOrGraphId.trim().toLowerCase();
  return id === ASSISTANT_ID || id === GRAPH_ID ? ASSISTANT_ID : null;
}

export function milhenaAssistant(createdAt: Date): WireAssistant {
  const at = createdAt.toISOString();
  return {
    assistant_id: ASSISTANT_ID,
    graph_id: GRAPH_ID,
    name: GRAPH_ID,
    description: "Milhena, the business assistant for companies that run on n8n automations",
    config: {},
    context: {},
    metadata: { created_by: "system" },
    version: 1,
    created_at: at,
    updated_at: at,
  };
}
