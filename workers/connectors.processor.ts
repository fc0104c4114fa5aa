import { UnrecoverableError, type Processor } from 'bullmq';
import { z } from 'zod';
import type { Container } from '../src/composition-root';

const objectIdText = z.string().regex(/^[0-9a-f]{24}$/);
const connectorJob = z.object({ workspaceId: objectIdText, deliveryId: objectIdText });

/** One stored connector delivery → one interaction; BullMQ's backoff spaces the retries. */
export function connectorsProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = connectorJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad connector job: ${parsed.error.message}`);
    const isLast = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return container.services.connectorDeliveries.process(parsed.data, isLast);
  };
}
