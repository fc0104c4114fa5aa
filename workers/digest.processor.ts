import { UnrecoverableError, type Processor } from 'bullmq';
import { Types } from 'mongoose';
import type { Container } from '../src/composition-root';
import { digestJob } from '../src/digest';

/**
 * Sends one workspace's weekly e-mails (the managers' digest, each agent's report card); the
 * digest log makes a second run for the week a no-op.
 */
export function digestProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = digestJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad digest job: ${parsed.error.message}`);
    return container.services.digest.send(
      new Types.ObjectId(parsed.data.workspaceId),
      String(job.id),
      parsed.data.week,
    );
  };
}
