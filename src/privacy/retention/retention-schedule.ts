import type { Queue } from 'bullmq';
import { z } from 'zod';

export const RETENTION_JOB_NAME = 'retention';
export const RETENTION_SCHEDULER_ID = 'retention-daily';

/** One global job a day applies every workspace's retention policy. */
export const retentionJob = z.object({}).strict();
export type RetentionJob = z.infer<typeof retentionJob>;

const JOB_OPTS = { removeOnComplete: 100, removeOnFail: 100 };

/** 03:15 UTC, a quiet hour for European workspaces. */
export const RETENTION_PATTERN = '15 3 * * *';

export function createRetentionScheduler(queue: Queue) {
  return {
    /** On worker start (upserting it again from every worker is harmless). */
    async schedule(): Promise<void> {
      await queue.upsertJobScheduler(
        RETENTION_SCHEDULER_ID,
        { pattern: RETENTION_PATTERN, tz: 'UTC' },
        { name: RETENTION_JOB_NAME, data: {} satisfies RetentionJob, opts: JOB_OPTS },
      );
    },
    /** One run through the workers now. */
    trigger() {
      return queue.add(RETENTION_JOB_NAME, {} satisfies RetentionJob, JOB_OPTS);
    },
  };
}
