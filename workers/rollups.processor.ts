import { UnrecoverableError, type Processor } from 'bullmq';
import { Types } from 'mongoose';
import type { Container } from '../src/composition-root';
import { rollupJob } from '../src/reports/rollups';

/** Brings the daily report rollups up to date (one workspace, or all when the job names none). */
export function rollupsProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = rollupJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad rollups job: ${parsed.error.message}`);
    const { workspaceId } = parsed.data;
    return container.services.reportRollups.refresh(
      workspaceId ? new Types.ObjectId(workspaceId) : undefined,
    );
  };
}
