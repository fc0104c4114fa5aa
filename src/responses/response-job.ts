import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/** The rules worker's input: ids only, it reloads the response. */
export const responseJob = z.object({
  responseId: z.string().regex(/^[0-9a-f]{24}$/),
  workspaceId: z.string().regex(/^[0-9a-f]{24}$/),
  version: z.number().int().positive(),
});
export type ResponseJob = z.infer<typeof responseJob>;

export const RESPONSE_JOB_NAME = 'response';

/** One job per response version: adding the same version twice is a no-op in BullMQ. */
export const responseJobId = (job: ResponseJob) => `${job.responseId}-v${job.version}`;

export const RESPONSE_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
