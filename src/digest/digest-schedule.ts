import type { Queue } from 'bullmq';
import type { Connection, Types } from 'mongoose';
import { z } from 'zod';
import { workspaceModel } from '../workspaces/workspace.model';
import { ISO_WEEK } from './digest-week';

export const DIGEST_JOB_NAME = 'weekly-digest';
/** Monday 08:00, in the workspace's zone (the scheduler's `tz`). */
export const DIGEST_PATTERN = '0 8 * * 1';

/** A scheduled job carries the workspace only; a manual one may name the week. */
export const digestJob = z.object({
  workspaceId: z.string().regex(/^[0-9a-f]{24}$/),
  week: z.string().regex(ISO_WEEK).optional(),
});
export type DigestJob = z.infer<typeof digestJob>;

export const digestSchedulerId = (workspaceId: Types.ObjectId | string) =>
  `digest-${String(workspaceId)}`;

/** One BullMQ job scheduler per workspace; upserting again follows a changed time zone. */
export function createDigestScheduler(conn: Connection, queue: Queue) {
  const Workspaces = workspaceModel(conn);
  const upsert = (workspaceId: Types.ObjectId, timezone: string) =>
    queue.upsertJobScheduler(
      digestSchedulerId(workspaceId),
      { pattern: DIGEST_PATTERN, tz: timezone },
      {
        name: DIGEST_JOB_NAME,
        data: { workspaceId: String(workspaceId) } satisfies DigestJob,
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
      },
    );
  return {
    async schedule(workspaceId: Types.ObjectId): Promise<void> {
      const ws = await Workspaces.findById(workspaceId).select({ timezone: 1 }).lean();
      if (ws) await upsert(workspaceId, ws.timezone);
    },
    /** On worker start: every workspace gets (or keeps) its Monday schedule. */
    async scheduleAll(): Promise<number> {
      let count = 0;
      for await (const ws of Workspaces.find().select({ timezone: 1 }).lean().cursor()) {
        await upsert(ws._id, ws.timezone);
        count += 1;
      }
      return count;
    },
    /** A digest for one week now (tests, or a manual re-run from the CLI). */
    async trigger(workspaceId: Types.ObjectId, week?: string) {
      const data: DigestJob = { workspaceId: String(workspaceId), ...(week ? { week } : {}) };
      return queue.add(DIGEST_JOB_NAME, data, {
        attempts: 3,
        backoff: { type: 'fixed', delay: 1000 },
      });
    },
  };
}
export type DigestScheduler = ReturnType<typeof createDigestScheduler>;
