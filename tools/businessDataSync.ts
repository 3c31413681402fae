import type pg from "pg";
import type { BusinessDataSync } from "../graph/deps.ts";
import type { Logger } from "../config/logger.ts";
import { readFreshness } from "./dataWatermark.ts";
import { etlIsStale, runEtl } from "./etl.ts";

export interface SyncOptions {
  readonly n8nSchema: string;
  readonly appSchema: string;
  readonly timeZone: string;
  readonly logger: Logger;
}

/**
 * Runs the incremental ETL before a data question when n8n has executions the business tables have
 * not seen yet. Concurrent requests share one run.
 */
export function createBusinessDataSync(pool: pg.Pool, options: SyncOptions): BusinessDataSync {
  let running: Promise<void> | null = null;
  const opts = { n8nSchema: options.n8nSchema, appSchema: options.appSchema, timeZone: options.timeZone };
  return {
    freshness: () => readFreshness(pool, { n8n: options.n8nSchema, app: options.appSchema }),
    async syncIfStale(watermark) {
      if (running) return running.then(() => true);
      if (!(await etlIsStale(pool, opts, watermark))) return false;
      running = (async () => {
        const result = await runEtl(pool, opts);
        options.logger.info("business data refreshed", {
          processed: result.processed,
          watermark: result.watermark,
        });
      })().finally(() => {
        running = null;
      });
      return running.then(() => true);
    },
  };
}
