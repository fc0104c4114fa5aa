import { UnrecoverableError, type Processor } from 'bullmq';
import type { Container } from '../src/composition-root';
import { responseJob } from '../src/responses';

/**
 * The `response` jobs wait here for the rules worker (next issue): until then the processor
 * validates the payload and does nothing, so the queue drains instead of growing.
 */
export function responsesProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = responseJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad response job: ${parsed.error.message}`);
    container.logger.debug(
      { responseId: parsed.data.responseId },
      'response recorded (no rules yet)',
    );
  };
}
