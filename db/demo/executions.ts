import { stringify } from "flatted";
import { createRandom, cumulative, type Random } from "./random.ts";
import { DEMO_WORKFLOWS, REPLIES, SENDERS, SUBJECTS, type DemoWorkflow } from "./workflows.ts";

/** One execution as n8n stores it: an execution_entity row plus its execution_data.data text. */
export interface DemoExecution {
  readonly workflowId: string;
  readonly mode: string;
  readonly status: "success" | "error" | "crashed";
  readonly startedAt: Date;
  readonly stoppedAt: Date;
  readonly deletedAt: Date | null;
  readonly data: string;
}

const DAY_MS = 86_400_000;
// Office rhythm: busy weekdays 8–19, quiet nights and weekends (index 0 = Sunday).
const WEEKDAY_WEIGHT = [0.2, 1, 1.05, 1, 1, 0.9, 0.35];
const HOUR_WEIGHTS = cumulative([
  1, 1, 1, 1, 1, 2, 3, 6, 10, 12, 12, 11, 8, 9, 11, 11, 10, 9, 6, 4, 3, 2, 2, 1,
]);

function emailPayload(wf: DemoWorkflow, rnd: Random, at: Date) {
  const sender = rnd.pick(SENDERS);
  const subject = rnd.pick(SUBJECTS);
  const outlook = wf.nodes[0]!.type.endsWith("microsoftOutlookTrigger");
  return outlook
    ? {
        id: `AAMkAG${rnd.int(100000, 999999)}`,
        subject,
        receivedDateTime: at.toISOString(),
        from: { emailAddress: { name: sender.name, address: sender.address } },
        bodyPreview: `${subject} — ${sender.name}`,
      }
    : {
        id: `18c${rnd.int(1000000, 9999999).toString(16)}`,
        subject,
        date: at.toISOString(),
        from: {
          value: [{ address: sender.address, name: sender.name }],
          text: `${sender.name} <${sender.address}>`,
        },
        snippet: subject,
      };
}

function orderPayload(wf: DemoWorkflow, rnd: Random) {
  const total = (rnd.int(1500, 60000) / 100).toFixed(2);
  return wf.nodes[0]!.type.endsWith("shopifyTrigger")
    ? {
        id: rnd.int(5_000_000_000, 5_999_999_999),
        order_number: rnd.int(1001, 99999),
        total_price: total,
        currency: "EUR",
      }
    : { id: rnd.int(10000, 99999), number: String(rnd.int(10000, 99999)), total, currency: "EUR" };
}

function triggerJson(wf: DemoWorkflow, rnd: Random, at: Date): Record<string, unknown> {
  switch (wf.kind) {
    case "email":
      return emailPayload(wf, rnd, at);
    case "order":
      return orderPayload(wf, rnd);
    case "lead":
      return {
        name: rnd.pick(SENDERS).name,
        email: rnd.pick(SENDERS).address,
        message: "Vorrei essere ricontattato",
      };
    default:
      return { timestamp: at.toISOString() };
  }
}

/** IRunExecutionData as n8n 1.x writes it, serialized with flatted. */
function runData(wf: DemoWorkflow, rnd: Random, status: DemoExecution["status"], at: Date): string {
  const error = status === "success" ? null : rnd.pick(wf.errors);
  const nodesRun = error ? wf.nodes.slice(0, wf.nodes.findIndex((n) => n.name === error.node) + 1) : wf.nodes;
  const trigger = triggerJson(wf, rnd, at);
  const runDataByNode: Record<string, unknown[]> = {};
  let t = at.getTime();
  for (const node of nodesRun) {
    const failed = error !== null && node.name === error.node;
    const executionTime = rnd.int(5, 2500);
    let json: Record<string, unknown> = node === wf.nodes[0] ? trigger : { ok: true };
    if (node.type.endsWith(".agent") && !failed) json = { output: rnd.pick(REPLIES) };
    runDataByNode[node.name] = [
      {
        startTime: t,
        executionTime,
        executionStatus: failed ? "error" : "success",
        source: node === wf.nodes[0] ? [] : [{ previousNode: wf.nodes[0]!.name }],
        ...(failed
          ? {
              error: {
                message: error.message,
                name: "NodeApiError",
                node: { name: node.name, type: node.type },
              },
            }
          : { data: { main: [[{ json, pairedItem: { item: 0 } }]] } }),
      },
    ];
    t += executionTime;
  }
  const lastNode = error ? error.node : wf.nodes[wf.nodes.length - 1]!.name;
  const resultData: Record<string, unknown> = { runData: runDataByNode, lastNodeExecuted: lastNode };
  if (error) {
    resultData.error = {
      message: error.message,
      name: "NodeApiError",
      node: { name: error.node, type: wf.nodes.find((n) => n.name === error.node)?.type },
      timestamp: t,
    };
  }
  return stringify({
    startData: {},
    resultData,
    executionData: { contextData: {}, nodeExecutionStack: [], waitingExecution: {} },
  });
}

export interface GenerateOptions {
  readonly executions: number;
  readonly days: number;
  readonly seed: number;
  readonly now: Date;
}

/**
 * Deterministic executions spread over the last `days` days up to `now`, oldest first (so ids grow
 * with time, as in n8n), following office rhythms. Yields in batches to keep memory flat.
 */
export function* generateExecutions(options: GenerateOptions, batchSize: number): Generator<DemoExecution[]> {
  const rnd = createRandom(options.seed);
  const nowMs = options.now.getTime();
  const firstDayStart = Math.floor(nowMs / DAY_MS) * DAY_MS - (options.days - 1) * DAY_MS;
  const dayWeights = cumulative(
    Array.from({ length: options.days }, (_, d) => {
      const dayStart = firstDayStart + d * DAY_MS;
      const share = Math.min(1, Math.max(0, (nowMs - dayStart) / DAY_MS)); // today is partial
      return WEEKDAY_WEIGHT[new Date(dayStart).getUTCDay()]! * share;
    }),
  );
  const workflowWeights = cumulative(DEMO_WORKFLOWS.map((w) => w.weight));

  // Draw all start times first, then sort, so the ids follow time.
  const starts = new Float64Array(options.executions);
  for (let i = 0; i < starts.length; i++) {
    const day = rnd.weighted(dayWeights);
    const dayStart = firstDayStart + day * DAY_MS;
    let at = dayStart + rnd.weighted(HOUR_WEIGHTS) * 3_600_000 + Math.floor(rnd.next() * 3_600_000);
    if (at > nowMs) at = dayStart + Math.floor(rnd.next() * Math.max(1, nowMs - dayStart));
    starts[i] = at;
  }
  starts.sort();

  let batch: DemoExecution[] = [];
  for (let i = 0; i < starts.length; i++) {
    const startedAt = new Date(starts[i]!);
    let wf = DEMO_WORKFLOWS[rnd.weighted(workflowWeights)]!;
    // Inactive and archived workflows stopped running halfway through the period.
    if (!wf.active && starts[i]! > firstDayStart + (options.days * DAY_MS) / 2) wf = DEMO_WORKFLOWS[0]!;
    const failed = rnd.chance(wf.failureRate);
    const status = failed ? (rnd.chance(0.1) ? "crashed" : "error") : "success";
    const stoppedAt = new Date(Math.min(nowMs, startedAt.getTime() + rnd.int(300, 45_000)));
    const deletedAt = rnd.chance(0.01) ? new Date(Math.min(nowMs, stoppedAt.getTime() + 60_000)) : null;
    const mode = rnd.chance(0.02) ? "manual" : failed && rnd.chance(0.2) ? "retry" : wf.mode;
    batch.push({
      workflowId: wf.id,
      mode,
      status,
      startedAt,
      stoppedAt,
      deletedAt,
      data: runData(wf, rnd, status, startedAt),
    });
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
