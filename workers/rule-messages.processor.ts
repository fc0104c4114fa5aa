import { UnrecoverableError, type Processor } from 'bullmq';
import type { Container } from '../src/composition-root';
import { messageJob } from '../src/rules';

/** Sends a rule's customer message (thank-you, apology, reward code) once. */
export function ruleMessagesProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = messageJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad message job: ${parsed.error.message}`);
    return container.services.rules.deliverMessage(parsed.data);
  };
}
