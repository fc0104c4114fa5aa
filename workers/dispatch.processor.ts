import { DelayedError, UnrecoverableError, type Processor } from 'bullmq';
import { dispatchJob } from '../src/invitations/dispatch-job';
import type { DispatchService } from '../src/invitations/dispatch.service';

/** Thin: validate the payload, run the send, and park the job when quiet hours say "later". */
export function dispatchProcessor(dispatch: DispatchService): Processor {
  return async (job, token) => {
    const parsed = dispatchJob.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid dispatch job: ${parsed.error.message}`);
    const isLast = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await dispatch.run(parsed.data, { isLast });
    if (outcome.kind === 'deferred') {
      await job.moveToDelayed(outcome.until.getTime(), token);
      throw new DelayedError();
    }
    return outcome;
  };
}
