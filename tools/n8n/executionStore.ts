import fs from "node:fs/promises";
import path from "node:path";

/**
 * n8n 2.x with `N8N_EXECUTION_DATA_STORAGE_MODE=filesystem` keeps an execution's data out of the
 * database (`execution_entity."storedAt"` = 'fs', no `execution_data` row), in
 * `<storage>/workflows/<workflow id>/executions/<execution id>/execution_data/bundle.json`. This reads
 * that file, read-only; ids are checked so a path can never leave the storage folder.
 */
export interface ExecutionFileStore {
  /** The flatted execution data of one execution, or null when the file is missing or unreadable. */
  read(workflowId: string, executionId: number): Promise<string | null>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function bundlePath(storage: string, workflowId: string, executionId: number): string | null {
  if (!SAFE_ID.test(workflowId) || !Number.isSafeInteger(executionId) || executionId < 0) return null;
  return path.join(
    storage,
    "workflows",
    workflowId,
    "executions",
    String(executionId),
    "execution_data",
    "bundle.json",
  );
}

/**
 * The execution data inside a bundle: n8n writes a JSON object whose `data` is the flatted
 * IRunExecutionData text (as in `execution_data.data`), beside the workflow as it ran.
 */
export function dataOfBundle(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(parsed)) return text; // the file is the flatted data itself
  if (typeof parsed === "object" && parsed !== null && "data" in parsed) {
    const data = parsed.data;
    if (typeof data === "string") return data;
    if (Array.isArray(data)) return JSON.stringify(data);
  }
  return null;
}

export function createExecutionFileStore(storage: string): ExecutionFileStore {
  return {
    async read(workflowId, executionId) {
      const file = bundlePath(storage, workflowId, executionId);
      if (!file) return null;
      try {
        return dataOfBundle(await fs.readFile(file, "utf8"));
      } catch {
        return null;
      }
    },
  };
}
