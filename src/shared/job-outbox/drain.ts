import type { Connection } from 'mongoose';
import type { Logger } from '../logger';
import { isRedisUnavailable } from '../redis-unavailable';
import { outboxEntryModel } from './outbox-entry.model';
import type { OutboxQueue } from './outbox-queue';

const CLAIM_MS = 30_000;
/** An entry Redis refuses for another reason (a bug) is retried this much later, not in a loop. */
const REFUSED_RETRY_MS = 10 * 60_000;

export interface OutboxDrainer {
  /** Moves every parked job whose claim is free onto its queue; stops at the first outage. */
  drainOnce(): Promise<number>;
  close(): Promise<void>;
}

export function createOutboxDrainer(deps: {
  conn: Connection;
  queues: Record<string, OutboxQueue>;
  logger: Logger;
  intervalMs: number;
}): OutboxDrainer {
  const Entries = outboxEntryModel(deps.conn);

  const release = (id: unknown, until: Date, lastError: string | null) =>
    Entries.updateOne({ _id: id }, { $set: { claimedUntil: until, lastError } });

  async function drainOnce(): Promise<number> {
    let moved = 0;
    for (;;) {
      const now = new Date();
      const entry = await Entries.findOneAndUpdate(
        { claimedUntil: { $lte: now } },
        { $set: { claimedUntil: new Date(now.getTime() + CLAIM_MS) } },
        { sort: { createdAt: 1, _id: 1 }, returnDocument: 'after' },
      ).lean();
      if (!entry) break;
      const queue = deps.queues[entry.queue];
      if (!queue) {
        deps.logger.error(
          { queue: entry.queue, entryId: String(entry._id) },
          'outbox: no such queue',
        );
        await release(entry._id, new Date(now.getTime() + REFUSED_RETRY_MS), 'no such queue');
        continue;
      }
      try {
        await queue.addNow(entry.name, entry.data, {
          ...(entry.opts as object),
          delay: Math.max(0, entry.runAt.getTime() - now.getTime()),
        });
      } catch (err) {
        if (isRedisUnavailable(err)) {
          await release(entry._id, now, null);
          break;
        }
        deps.logger.error({ err, entryId: String(entry._id) }, 'outbox: job refused by its queue');
        await release(entry._id, new Date(now.getTime() + REFUSED_RETRY_MS), String(err));
        continue;
      }
      await Entries.deleteOne({ _id: entry._id });
      moved += 1;
    }
    if (moved) deps.logger.info({ moved }, 'outbox: parked jobs moved to their queues');
    return moved;
  }

  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = drainOnce()
      .catch((err: unknown) => deps.logger.warn({ err }, 'outbox drain failed'))
      .finally(() => {
        busy = false;
      });
  }, deps.intervalMs);
  timer.unref();

  return {
    drainOnce,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
