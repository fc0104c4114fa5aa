import type { Queue } from 'bullmq';
import { z } from 'zod';

export const ALERTS_JOB_NAME = 'score-alerts';
export const ALERTS_SCHEDULER_ID = 'score-alerts-hourly';
/** At the top of every hour (UTC); each workspace's days are then read in its own zone. */
export const ALERTS_PATTERN = '0 * * * *';

/** A scheduled run looks at "now"; a manual one (tests, CLI) may say which instant is now. */
export const alertsJob = z.object({ now: z.iso.datetime({ offset: true }).optional() }).strict();
export type AlertsJob = z.infer<typeof alertsJob>;

const RETRIES = { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } };

/** One global scheduler for all workspaces: upserting it again from every worker is harmless. */
export function createAlertsScheduler(queue: Queue) {
  return {
    async schedule(): Promise<void> {
      await queue.upsertJobScheduler(
        ALERTS_SCHEDULER_ID,
        { pattern: ALERTS_PATTERN },
        { name: ALERTS_JOB_NAME, data: {} satisfies AlertsJob, opts: RETRIES },
      );
    },
    /** One run now (tests, or a manual check), optionally as of another instant. */
    async trigger(now?: Date) {
      const data: AlertsJob = now ? { now: now.toISOString() } : {};
      return queue.add(ALERTS_JOB_NAME, data, {
        attempts: 3,
        backoff: { type: 'fixed', delay: 1000 },
      });
    },
  };
}
export type AlertsScheduler = ReturnType<typeof createAlertsScheduler>;
