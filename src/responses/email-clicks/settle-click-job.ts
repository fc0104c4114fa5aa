import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/** Runs on the responses queue once a one-click e-mail answer's group has had time to settle. */
export const SETTLE_CLICK_JOB_NAME = 'settle-email-click';

export const settleClickJob = z.object({
  workspaceId: z.string().regex(/^[0-9a-f]{24}$/),
  invitationId: z.string().regex(/^[0-9a-f]{24}$/),
});
export type SettleClickJob = z.infer<typeof settleClickJob>;

export const SETTLE_CLICK_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
