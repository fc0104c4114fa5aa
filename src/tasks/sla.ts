import type { Types } from 'mongoose';
import { z } from 'zod';
import type { Logger } from '../shared/logger';
import type { Queues } from '../shared/queues';
import type { Mailer } from './mailer';
import type { TaskDoc, TaskModel } from './task.model';
import type { UserDirectory } from './user-directory';

export const SLA_JOB_NAME = 'sla';
export const slaJob = z.object({
  taskId: z.string().regex(/^[0-9a-f]{24}$/),
  workspaceId: z.string().regex(/^[0-9a-f]{24}$/),
});
export type SlaJob = z.infer<typeof slaJob>;
export const slaJobId = (taskId: string) => `sla-${taskId}`;

export interface SlaDeps {
  Tasks: TaskModel;
  queues: Queues;
  directory: UserDirectory;
  mail: Mailer;
  publicUrl: string;
  logger?: Logger;
  clock: () => Date;
}

/** One delayed job per task; it escalates once when the task is overdue and still unresolved. */
export function createSla(deps: SlaDeps) {
  const queue = () => deps.queues['task-sla'];

  const notifyManagers = async (task: TaskDoc) => {
    const ws = task.workspaceId as Types.ObjectId;
    const team = task.team ? await deps.directory.listTeamMembers(ws, task.team, 'manager') : [];
    const managers = team.length > 0 ? team : await deps.directory.listByRoles(ws, ['manager']);
    const link = `${deps.publicUrl}/app/tasks/${String(task._id)}`;
    for (const manager of managers) {
      if (!manager.email) continue;
      try {
        await deps.mail({
          to: manager.email,
          subject: `Overdue follow-up: ${task.title}`,
          text: [
            `The follow-up "${task.title}" was due ${task.dueAt.toISOString()} and is not resolved.`,
            `Assignee: ${task.assigneeName ?? `team queue ${task.team ?? ''}`.trim()}`,
            task.comment ? `Customer comment: ${task.comment}` : '',
            link,
          ]
            .filter(Boolean)
            .join('\n'),
          key: `escalation-${String(task._id)}-${manager.id}`,
          workspaceId: String(ws),
        });
      } catch (err) {
        deps.logger?.warn({ err, taskId: String(task._id) }, 'escalation email failed');
      }
    }
  };

  return {
    async schedule(task: Pick<TaskDoc, '_id' | 'workspaceId' | 'dueAt'>): Promise<void> {
      const job: SlaJob = { taskId: String(task._id), workspaceId: String(task.workspaceId) };
      await queue().add(SLA_JOB_NAME, job, {
        jobId: slaJobId(job.taskId),
        delay: Math.max(0, task.dueAt.getTime() - deps.clock().getTime()),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: { age: 30 * 24 * 3600 },
      });
    },

    /** A job already running finishes on its own: it finds the task resolved and does nothing. */
    async cancel(taskId: string): Promise<void> {
      const job = await queue().getJob(slaJobId(taskId));
      await job?.remove().catch(() => undefined);
    },

    /** Marks the task overdue and tells the team's managers, once; 'not_due' when it is not. */
    async escalate(
      workspaceId: Types.ObjectId,
      taskId: string,
    ): Promise<'escalated' | 'not_due' | 'skipped'> {
      const now = deps.clock();
      const task = await deps.Tasks.findOneAndUpdate(
        {
          _id: taskId,
          workspaceId,
          status: { $ne: 'resolved' },
          overdue: false,
          dueAt: { $lte: now },
        },
        {
          $set: { overdue: true, escalatedAt: now },
          $push: { history: { at: now, by: null, byName: 'SLA', action: 'escalated' } },
        },
        { returnDocument: 'after' },
      ).lean<TaskDoc>();
      if (!task) {
        const current = await deps.Tasks.findOne({ _id: taskId, workspaceId }).lean<TaskDoc>();
        const early = current && current.status !== 'resolved' && !current.overdue;
        return early && current.dueAt > now ? 'not_due' : 'skipped';
      }
      await notifyManagers(task);
      return 'escalated';
    },
  };
}
export type Sla = ReturnType<typeof createSla>;
