import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import type { ReportSources } from '../report-sources';
import { createRollupReader } from './rollup-read';
import { createRollupRefresher } from './rollup-refresh';
import { createRollupScheduler } from './rollup-schedule';

export { rollupJob, ROLLUP_JOB_NAME, ROLLUP_SCHEDULER_ID, type RollupJob } from './rollup-schedule';
export type { RollupReader } from './rollup-read';
export type { RefreshSummary } from './rollup-refresh';

/**
 * Daily report rollups: maintained by a scheduled job (refresh), read by the report services
 * for the whole days they cover (reader). `enabled: false` (REPORT_ROLLUPS=off) keeps every
 * report raw and stops the schedule; refresh() still works on demand.
 */
export function createReportRollups(deps: {
  conn: Connection;
  /** What the reader reads through (the reports' read preference); refresh uses the primary. */
  sources: ReportSources;
  queue: Queue;
  enabled: boolean;
  settleMs: number;
}) {
  const refresher = createRollupRefresher(deps.conn, { settleMs: deps.settleMs });
  const scheduler = createRollupScheduler(deps.queue, deps.enabled);
  return {
    refresh: refresher.refresh,
    rebuild: refresher.rebuild,
    schedule: scheduler.schedule,
    trigger: scheduler.trigger,
    reader: createRollupReader(deps.sources, { enabled: deps.enabled }),
  };
}
export type ReportRollups = ReturnType<typeof createReportRollups>;
