import { UnrecoverableError, type Processor } from 'bullmq';
import { Types } from 'mongoose';
import type { Container } from '../src/composition-root';
import { slaJob } from '../src/tasks';

/** Escalates an overdue task once; a resolved task makes it a no-op. */
export function taskSlaProcessor(container: Container): Processor {
  return async (job) => {
    const parsed = slaJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad sla job: ${parsed.error.message}`);
    return container.services.tasks.sla.escalate(
      new Types.ObjectId(parsed.data.workspaceId),
      parsed.data.taskId,
    );
  };
}
