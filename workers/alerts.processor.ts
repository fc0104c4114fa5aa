import { UnrecoverableError, type Processor } from 'bullmq';
import type { Container } from '../src/composition-root';
import { alertsJob } from '../src/alerts';

/** The hourly significant-drop check over every workspace; the alert log keeps it to one e-mail. */
export function alertsProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = alertsJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad alerts job: ${parsed.error.message}`);
    const now = parsed.data.now ? new Date(parsed.data.now) : new Date();
    return container.services.alerts.runAll(String(job.id), now);
  };
}
