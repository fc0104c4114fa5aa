import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

export const dispatchJob = z.object({
  invitationId: z.string().regex(/^[0-9a-f]{24}$/),
  workspaceId: z.string().regex(/^[0-9a-f]{24}$/),
  kind: z.enum(['initial', 'reminder', 'expire']),
});
export type DispatchJob = z.infer<typeof dispatchJob>;

/** Transient provider errors retry with exponential backoff: 2 s, 4 s, 8 s … about 8 min in all. */
export const DISPATCH_JOB_OPTIONS: JobsOptions = {
  attempts: 9,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
