import { UnrecoverableError, type Processor } from 'bullmq';
import type { Container } from '../src/composition-root';
import { webhookJob } from '../src/rules';

/** One signed POST per attempt; BullMQ's backoff spaces the retries. */
export function webhooksProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = webhookJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad webhook job: ${parsed.error.message}`);
    const attempt = job.attemptsMade + 1;
    return container.services.rules.deliverWebhook(
      parsed.data,
      attempt,
      attempt >= (job.opts.attempts ?? 1),
    );
  };
}
