import { describe, expect, it } from "vitest";
import {
  ASSISTANT_ID,
  GRAPH_ID,
  GRAPH_NAMESPACE,
  milhenaAssistant,
  resolveAssistantId,
} from "./assistant.ts";
import { v5 } from "@langchain/core/utils/uuid";

describe("Milhena's assistant", () => {
  it("has the id langgraph dev derives for the graph id", () => {
    expect(ASSISTANT_ID).toBe(v5(GRAPH_ID, GRAPH_NAMESPACE));
    expect(ASSISTANT_ID).toBe("f671b3b7-7beb-5887-bcb7-dcd8ef0bf886");
  });

  it("is found by its id or its graph id, nothing else", () => {
    expect(resolveAssistantId(ASSISTANT_ID)).toBe(ASSISTANT_ID);
    expect(resolveAssistantId(ASSISTANT_ID.toUpperCase())).toBe(ASSISTANT_ID);
    expect(resolveAssistantId("milhena")).toBe(ASSISTANT_ID);
    expect(resolveAssistantId("agent")).toBeNull();
    expect(resolveAssistantId("f671b3b7-7beb-5887-bcb7-dcd8ef0bf887")).toBeNull();
  });

  it("describes itself as the SDK's Assistant", () => {
    const a = milhenaAssistant(new Date("2026-11-23T08:00:00Z"));
    expect(a).toMatchObject({
      assistant_id: ASSISTANT_ID,
      graph_id: "milhena",
      name: "milhena",
      version: 1,
      created_at: "2026-11-23T08:00:00.000Z",
      updated_at: "2026-11-23T08:00:00.000Z",
      config: {},
      metadata: { created_by: "system" },
    });
  });
});
