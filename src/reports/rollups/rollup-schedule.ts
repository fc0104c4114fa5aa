import type { Queue } from 'bullmq';
import { z } from 'zod';

export const ROLLUP_JOB_NAME = 'refresh-rollups';
export const ROLLUP_SCHEDULER_ID = 'report-rollups';
/** One global job refreshes every workspace; a run with nothing changed costs a few queries. */
export const ROLLUP_EVERY_MS = 5 * 60_000;

/** No workspace: all of them. */
export const rollupJob = z.object({
  workspaceId: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
});
export type RollupJob = z.infer<typeof rollupJob>;

const JOB_OPTS = { removeOnComplete: 100, removeOnFail: 100 };

export function createRollupScheduler(queue: Queue, enabled: boolean) {
  return {
    /** On worker start: the repeatable refresh, and one run now. Off: no schedule at all. */
    async schedule(): Promise<boolean> {
      if (!enabled) {
        await queue.removeJobScheduler(ROLLUP_SCHEDULER_ID);
        return false;
      }
      await queue.upsertJobScheduler(
        ROLLUP_SCHEDULER_ID,
        { every: ROLLUP_EVERY_MS },
        { name: ROLLUP_JOB_NAME, data: {} satisfies RollupJob, opts: JOB_OPTS },
      );
      await queue.add(ROLLUP_JOB_NAME, {} satisfies RollupJob, JOB_OPTS);
      return true;
    },
    /** A refresh through the workers now (one workspace, or all). */
    trigger(workspaceId?: string) {
      return queue.add(ROLLUP_JOB_NAME, (workspaceId ? { workspaceId } : {}) satisfies RollupJob, {
        ...JOB_OPTS,
        attempts: 3,
        backoff: { type: 'fixed', delay: 1000 },
      });
    },
  };
}
