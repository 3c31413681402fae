import type pg from "pg";
import type { BusinessDataSync } from "../graph/deps.ts";
import type { Logger } from "../config/logger.ts";
import { readFreshness } from "./dataWatermark.ts";
import { etlIsStale, etlStateIsStale, runEtl } from "./etl.ts";

export interface SyncOptions {
  readonly n8nSchema: string;
  /** n8n's DB_TABLE_PREFIX. */
  readonly n8nTablePrefix?: string | undefined;
  readonly appSchema: string;
  /** n8n's storage folder (execution data n8n 2.x stored on the file system). */
  readonly storagePath?: string | undefined;
  readonly timeZone: string;
  readonly logger: Logger;
}

/**
 * Runs the incremental ETL before a data question when n8n has executions the business tables have
 * not seen yet. Concurrent requests share one run.
 */
export function createBusinessDataSync(pool: pg.Pool, options: SyncOptions): BusinessDataSync {
  let running: Promise<void> | null = null;
  const opts = {
    n8nSchema: options.n8nSchema,
    n8nTablePrefix: options.n8nTablePrefix,
    appSchema: options.appSchema,
    timeZone: options.timeZone,
    storagePath: options.storagePath,
  };
  return {
    freshness: () =>
      readFreshness(pool, {
        n8n: options.n8nSchema,
        n8nPrefix: options.n8nTablePrefix,
        app: options.appSchema,
      }),
    async syncIfStale(freshness) {
      if (running) return running.then(() => true);
      // The request's freshness read carries the ETL's state: no second read is needed to decide.
      const stale = freshness?.etlState
        ? etlStateIsStale(
            {
              ...freshness.etlState,
              reconciledAt: freshness.etlState.reconciledAt
                ? new Date(freshness.etlState.reconciledAt)
                : null,
            },
            freshness.data,
            options.timeZone,
            new Date(),
          )
        : await etlIsStale(pool, opts, freshness?.data);
      if (!stale) return false;
      running = (async () => {
        const result = await runEtl(pool, opts);
        options.logger.info(
          {
            processed: result.processed,
            watermark: result.watermark,
          },
          "business data refreshed",
        );
      })().finally(() => {
        running = null;
      });
      return running.then(() => true);
    },
  };
}
