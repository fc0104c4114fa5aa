import { UnrecoverableError, type Processor } from 'bullmq';
import { Types } from 'mongoose';
import type { Container } from '../src/composition-root';
import { responseJob, SETTLE_CLICK_JOB_NAME, settleClickJob } from '../src/responses';

/**
 * The rules worker: evaluates the response as stored now and runs newly matching actions once.
 * It also settles one-click e-mail answers, which become responses (and reach the rules) here.
 */
export function responsesProcessor(container: Container): Processor {
  return async (job) => {
    if (job.name === SETTLE_CLICK_JOB_NAME) {
      const click = settleClickJob.safeParse(job.data);
      if (!click.success) throw new UnrecoverableError(`bad click job: ${click.error.message}`);
      return container.services.responses.emailClicks.settle(click.data);
    }
    const parsed = responseJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad response job: ${parsed.error.message}`);
    const { workspaceId, responseId } = parsed.data;
    const result = await container.services.rules.processResponse(
      new Types.ObjectId(workspaceId),
      responseId,
    );
    return result ? result.outcomes.map((o) => o.status) : 'response not found';
  };
}
