import { describe, expect, it } from "vitest";
import { ASSISTANT_ID, GRAPH_ID, milhenaAssistant, resolveAssistantId } from "./assistant.ts";
import { GRAPH_NAMESPACE, uuidV5 } from "./uuidV5.ts";

describe("uuidV5", () => {
  it("matches RFC 4122 name-based ids (Python's documented example)", () => {
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    );
  });

  it("rejects a namespace that is not a UUID", () => {
    expect(() => uuidV5("x", "not-a-uuid")).toThrow(/namespace/);
  });
});

describe("Milhena's assistant", () => {
  it("has the id langgraph dev derives for the graph id", () => {
    expect(ASSISTANT_ID).toBe(uuidV5(GRAPH_ID, GRAPH_NAMESPACE));
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
