import { UnrecoverableError, type Processor } from 'bullmq';
import type { Container } from '../src/composition-root';
import { writeBackJob } from '../src/connectors/write-back';

/** One note (and tags) on the helpdesk ticket per response state; backoff honours Retry-After. */
export function connectorWriteBackProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = writeBackJob.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`bad write-back job: ${parsed.error.message}`);
    const isLast = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return container.services.connectorWriteBack.process(parsed.data, isLast);
  };
}
