import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundlePath, createExecutionFileStore, dataOfBundle } from "./executionStore.ts";

describe("n8n's filesystem execution data", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-n8n-storage-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("finds a bundle where n8n 2.x writes it, and never outside the storage folder", () => {
    expect(bundlePath("/s", "wfAbc123", 42)).toBe(
      "/s/workflows/wfAbc123/executions/42/execution_data/bundle.json",
    );
    expect(bundlePath("/s", "../../etc", 1)).toBeNull();
    expect(bundlePath("/s", "wf", -1)).toBeNull();
    expect(bundlePath("/s", "wf", 1.5)).toBeNull();
  });

  it("reads the flatted data out of a bundle", () => {
    expect(
      dataOfBundle(JSON.stringify({ data: '[{"resultData":"1"},{}]', workflowData: {}, version: 1 })),
    ).toBe('[{"resultData":"1"},{}]');
    expect(dataOfBundle('[{"resultData":"1"},{}]')).toBe('[{"resultData":"1"},{}]');
    expect(dataOfBundle("{not json")).toBeNull();
    expect(dataOfBundle(JSON.stringify({ other: 1 }))).toBeNull();
  });

  it("answers null for a missing or unreadable file instead of failing", async () => {
    const file = bundlePath(root, "wf1", 7)!;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ data: "[1]" }));
    const store = createExecutionFileStore(root);
    expect(await store.read("wf1", 7)).toBe("[1]");
    expect(await store.read("wf1", 8)).toBeNull();
    expect(await store.read("../x", 7)).toBeNull();
  });
});
