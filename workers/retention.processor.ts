import { UnrecoverableError, type Processor } from 'bullmq';
import type { Container } from '../src/composition-root';
import { retentionJob } from '../src/privacy/retention';

/** The daily run of every workspace's retention policy, in bounded batches. */
export function retentionProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = retentionJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad retention job: ${parsed.error.message}`);
    return container.services.retention.runAll();
  };
}
