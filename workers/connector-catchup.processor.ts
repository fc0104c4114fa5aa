import { UnrecoverableError, type Processor } from 'bullmq';
import type { Container } from '../src/composition-root';
import { catchUpJob } from '../src/connectors/catch-up';

/** Asks each Chatwoot connector's API for resolved conversations its webhook missed. */
export function connectorCatchUpProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = catchUpJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad catch-up job: ${parsed.error.message}`);
    return container.services.connectorCatchUp.runAll();
  };
}
