import type { RunnableConfig } from "@langchain/core/runnables";
import type { ChannelVersions, Checkpoint, CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type pg from "pg";
import { prepared } from "./prepared.ts";

/** Reads the latest state of many threads at once. */
export interface LatestValuesReader {
  latestValues(threadIds: readonly string[]): Promise<Map<string, Record<string, unknown>>>;
}

/** How the library's getTuple ends its two statements (the latest checkpoint, or one by id). */
const GET_TUPLE_ENDINGS = [
  "WHERE thread_id = $1 AND checkpoint_ns = $2 ORDER BY checkpoint_id DESC LIMIT 1",
  "WHERE thread_id = $1 AND checkpoint_ns = $2 AND checkpoint_id = $3",
];

/**
 * The pool as the library sees it: its getTuple statements (read before every run) go as named
 * statements, prepared once per connection; its other statements (list's, whose text varies with
 * filters and limits) go as they are.
 */
function preparingGetTuple(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== "query") return Reflect.get(target, property, receiver) as unknown;
      return (text: unknown, values?: unknown[]) =>
        typeof text === "string" && GET_TUPLE_ENDINGS.some((end) => text.endsWith(end))
          ? target.query(prepared(text, values))
          : target.query(text as string, values);
    },
  });
}

/**
 * LangGraph's PostgresSaver, with one change: a checkpoint is saved in one statement. The library's
 * `put` opens a transaction and sends one INSERT per changed channel (seven on a Milhena turn), about
 * ten round trips; here the channel blobs and the checkpoint row go in one INSERT … SELECT unnest(…)
 * with a data-modifying CTE, which PostgreSQL runs atomically. Same tables, same rows, same
 * serialization (the library's own `_dump*`), so reads, `list`, history and the library's migrations
 * are untouched. Its getTuple, read before every run, runs as a prepared statement.
 */
export class BatchedPostgresSaver extends PostgresSaver implements LatestValuesReader {
  private readonly putSql: string;
  private readonly latestSql: string;

  constructor(
    private readonly writePool: pg.Pool,
    schema: string,
  ) {
    super(preparingGetTuple(writePool), undefined, { schema });
    const table = (name: string) => `"${schema.replace(/"/g, '""')}".${name}`;
    this.putSql = `WITH blobs AS (
        INSERT INTO ${table("checkpoint_blobs")} (thread_id, checkpoint_ns, channel, version, type, blob)
        SELECT $1, $2, b.channel, b.version, b.type, b.blob
          FROM unnest($7::text[], $8::text[], $9::text[], $10::bytea[]) AS b(channel, version, type, blob)
        ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING
      )
      INSERT INTO ${table("checkpoints")} (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
      DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata`;
    this.latestSql = `SELECT t.thread_id,
        (SELECT array_agg(array[bl.channel::bytea, bl.type::bytea, bl.blob])
           FROM jsonb_each_text(cp.checkpoint -> 'channel_versions') v
           JOIN ${table("checkpoint_blobs")} bl
             ON bl.thread_id = cp.thread_id AND bl.checkpoint_ns = cp.checkpoint_ns
            AND bl.channel = v.key AND bl.version = v.value) AS channel_values
      FROM unnest($1::text[]) AS t(thread_id)
      CROSS JOIN LATERAL (
        SELECT c.thread_id, c.checkpoint_ns, c.checkpoint FROM ${table("checkpoints")} c
         WHERE c.thread_id = t.thread_id AND c.checkpoint_ns = ''
         ORDER BY c.checkpoint_id DESC LIMIT 1) cp`;
  }

  /**
   * The channel values of each thread's latest checkpoint, in one statement (a thread without one is
   * absent): what a list of threads with their state needs, without one read per thread.
   */
  async latestValues(threadIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    if (threadIds.length === 0) return out;
    const { rows } = await this.writePool.query<{
      thread_id: string;
      channel_values: [Uint8Array, Uint8Array, Uint8Array][] | null;
    }>(prepared(this.latestSql, [[...new Set(threadIds)]]));
    for (const row of rows) out.set(row.thread_id, await this._loadBlobs(row.channel_values ?? []));
    return out;
  }

  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const configurable = config.configurable;
    if (configurable === undefined) throw new Error(`Missing "configurable" field in "config" param`);
    const threadId = String(configurable.thread_id);
    const checkpointNs = typeof configurable.checkpoint_ns === "string" ? configurable.checkpoint_ns : "";
    const parentId = typeof configurable.checkpoint_id === "string" ? configurable.checkpoint_id : null;
    const [blobs, serializedMetadata] = await Promise.all([
      this._dumpBlobs(threadId, checkpointNs, checkpoint.channel_values, newVersions),
      this._dumpMetadata(metadata) as Promise<unknown>,
    ]);
    await this.writePool.query(
      prepared(this.putSql, [
        threadId,
        checkpointNs,
        checkpoint.id,
        parentId,
        this._dumpCheckpoint(checkpoint),
        serializedMetadata,
        blobs.map((b) => b[2]),
        blobs.map((b) => b[3]),
        blobs.map((b) => b[4]),
        blobs.map((b) => (b[5] ? Buffer.from(b[5].buffer, b[5].byteOffset, b[5].byteLength) : null)),
      ]),
    );
    return {
      configurable: { thread_id: threadId, checkpoint_ns: checkpointNs, checkpoint_id: checkpoint.id },
    };
  }
}
