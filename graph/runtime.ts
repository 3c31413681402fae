import type { BaseStore } from "@langchain/langgraph";
import { randomUUID } from "node:crypto";
import { HumanMessage } from "@langchain/core/messages";
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { BatchedPostgresSaver } from "../db/batchedCheckpointer.ts";
import { createAnswerCache } from "../cache/answerCache.ts";
import type { Classifier } from "../classifier/types.ts";
import type { AppEnv } from "../config/env.ts";
import { createLogger, type Logger } from "../config/logger.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { createMilhenaStore } from "../memory/store.ts";
import { createUserMemory, moveLegacyMemory, type UserMemory } from "../memory/userMemory.ts";
import { createLlmStack, type LlmTuning } from "../llm/setup.ts";
import type { BreakerState } from "../llm/types.ts";
import { PROMPT_VERSIONS } from "../prompts/index.ts";
import { createTracing, type Tracing } from "../llm/tracing.ts";
import { createBusinessDataSync } from "../tools/businessDataSync.ts";
import { createEntityCatalogSource } from "../tools/entities/catalog.ts";
import { createSemanticLayer } from "../tools/semantic/execute.ts";
import { compileMilhenaGraph, type MilhenaGraph } from "./builder.ts";
import type { MilhenaDeps } from "./deps.ts";
import type { MilhenaResponse } from "./response.ts";
import { createTurnRecorder, type TurnRecord } from "./turnRecord.ts";

export interface MilhenaRuntime {
  readonly graph: MilhenaGraph;
  readonly deps: MilhenaDeps;
  readonly database: Database;
  readonly checkpointer: PostgresSaver;
  /** Per-user memory (the interactions recorded after each saved turn), kept in `store`. */
  readonly memory: UserMemory;
  /** LangGraph's long-term store (PostgresStore in Milhena's schema): namespaces `["users", userId, …]`. */
  readonly store: BaseStore;
  /**
   * Records a saved turn in the user's memory and the answer cache, after the response (the run that
   * owns the turn calls it only when the turn completed and was not cancelled).
   */
  recordTurn(record: TurnRecord | null | undefined): void;
  /** Resolves once every turn recorded so far is written. */
  settled(): Promise<void>;
  ask(question: string, options?: AskOptions): Promise<MilhenaResponse>;
  runConfig(threadId: string, userId: string, signal?: AbortSignal, requestId?: string): RunConfig;
  /** LangSmith tracing (enabled with LANGSMITH_TRACING=true and a key). */
  readonly tracing: Tracing;
  /** Circuit-breaker state per configured LLM provider (empty on rules only). */
  providerStatus(): Record<string, BreakerState>;
  close(): Promise<void>;
}

export interface AskOptions {
  threadId?: string;
  userId?: string;
  signal?: AbortSignal;
}

/** The config of one request's graph run (what `ask`, the server and its streams use). */
export interface RunConfig {
  readonly configurable: {
    readonly thread_id: string;
    readonly user_id: string;
    readonly request_id?: string;
  };
  readonly durability: "exit";
  readonly runName: string;
  readonly metadata: Record<string, unknown>;
  readonly callbacks: Tracing["callbacks"];
  readonly signal?: AbortSignal;
}

export interface RuntimeOverrides {
  database?: Database;
  classifier?: Classifier;
  clock?: () => Date;
  logger?: Logger;
  /** Resilience knobs for tests (clock, sleep, delays, breaker threshold). */
  llm?: LlmTuning;
}

/** Opens the database, runs migrations and the checkpointer setup, and compiles the graph. */
export async function createMilhenaRuntime(
  env: AppEnv,
  overrides: RuntimeOverrides = {},
): Promise<MilhenaRuntime> {
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL);
  const database =
    overrides.database ??
    (await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MILHENA_DATA_DIR }));
  const schemas = { app: env.MILHENA_SCHEMA, n8n: env.N8N_SCHEMA, n8nPrefix: env.N8N_TABLE_PREFIX };
  await migrate(database.pool, schemas);
  const clock = overrides.clock ?? (() => new Date());
  const semantic = createSemanticLayer({
    pool: database.pool,
    schemas,
    timeZone: env.BUSINESS_TZ,
    statementTimeoutMs: env.QUERY_TIMEOUT_MS,
    maxRows: 500,
  });
  const llm = createLlmStack(env, logger, overrides.llm);
  const tracing = createTracing(env, logger);
  const deps: MilhenaDeps = {
    businessData: semantic,
    entities: createEntityCatalogSource(database.pool, schemas),
    classifier: overrides.classifier ?? llm.classifier,
    cache: createAnswerCache({
      pool: database.pool,
      n8nSchema: schemas.n8n,
      n8nTablePrefix: schemas.n8nPrefix,
      appSchema: schemas.app,
      ttlSeconds: env.CACHE_TTL_SECONDS,
      clock,
    }),
    sync: createBusinessDataSync(database.pool, {
      n8nSchema: schemas.n8n,
      n8nTablePrefix: schemas.n8nPrefix,
      storagePath: env.N8N_STORAGE_PATH,
      appSchema: schemas.app,
      timeZone: env.BUSINESS_TZ,
      logger,
    }),
    clock,
    newId: randomUUID,
    logger,
    timeZone: env.BUSINESS_TZ,
    maxThreadMessages: 20,
    llm: llm.writer,
    llmDeadlineMs: env.LLM_DEADLINE_MS,
  };
  const store = createMilhenaStore(database.pool, schemas.app);
  await moveLegacyMemory(database.pool, schemas.app, store);
  const memory = createUserMemory(store);
  const recorder = createTurnRecorder({ memory, cache: deps.cache, logger });
  const checkpointer = new BatchedPostgresSaver(database.pool, schemas.app);
  const graph = compileMilhenaGraph(deps, checkpointer, store);

  const runConfig = (
    threadId: string,
    userId: string,
    signal?: AbortSignal,
    requestId?: string,
  ): RunConfig => ({
    configurable: { thread_id: threadId, user_id: userId, ...(requestId ? { request_id: requestId } : {}) },
    // A request is short: checkpoint once when it ends, not after each of its 4–5 steps.
    durability: "exit",
    runName: "milhena",
    metadata: { prompt_versions: PROMPT_VERSIONS },
    callbacks: tracing.callbacks,
    ...(signal ? { signal } : {}),
  });

  return {
    graph,
    deps,
    database,
    checkpointer,
    memory,
    store,
    recordTurn: (record) => recorder.record(record),
    settled: () => recorder.settled(),
    runConfig,
    async ask(question, options = {}) {
      const threadId = options.threadId ?? randomUUID();
      const state = await graph.invoke(
        { messages: [new HumanMessage(question)] },
        runConfig(threadId, options.userId ?? "local", options.signal),
      );
      if (!state.response) throw new Error("The graph finished without a response");
      recorder.record(state.turnRecord);
      return state.response;
    },
    tracing,
    providerStatus: () => llm.status(),
    async close() {
      await recorder.settled();
      await tracing.flush();
      await llm.close();
      await database.close();
    },
  };
}
