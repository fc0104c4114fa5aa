import type { Queue } from 'bullmq';
import { z } from 'zod';

export const CATCH_UP_JOB_NAME = 'connector-catch-up';
export const CATCH_UP_SCHEDULER_ID = 'connector-catch-up';

/** One global job walks every connector that has a catch-up (today: Chatwoot's). */
export const catchUpJob = z.object({}).strict();
export type CatchUpJob = z.infer<typeof catchUpJob>;

const JOB_OPTS = { removeOnComplete: 100, removeOnFail: 100 };

export function createCatchUpScheduler(queue: Queue, everyMs: number) {
  return {
    /**
     * On worker start: the repeatable run (upserting it again from every worker is harmless),
     * and one run now, since a restart often follows the outage that made webhooks miss.
     */
    async schedule(): Promise<void> {
      await queue.upsertJobScheduler(
        CATCH_UP_SCHEDULER_ID,
        { every: everyMs },
        { name: CATCH_UP_JOB_NAME, data: {} satisfies CatchUpJob, opts: JOB_OPTS },
      );
      await queue.add(CATCH_UP_JOB_NAME, {} satisfies CatchUpJob, JOB_OPTS);
    },
    /** One run through the workers now. */
    trigger() {
      return queue.add(CATCH_UP_JOB_NAME, {} satisfies CatchUpJob, JOB_OPTS);
    },
  };
}
