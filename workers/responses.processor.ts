import { UnrecoverableError, type Processor } from 'bullmq';
import { Types } from 'mongoose';
import type { Container } from '../src/composition-root';
import { responseJob } from '../src/responses';

/** The rules worker: evaluates the response as stored now and runs newly matching actions once. */
export function responsesProcessor(container: Container): Processor {
  return async (job) => {
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
