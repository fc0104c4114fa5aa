import { Types, type Connection } from 'mongoose';
import { outboxEntryModel } from './outbox-entry.model';
import type { ParkJob } from './outbox-queue';

function workspaceOf(data: unknown): Types.ObjectId | null {
  const id = (data as { workspaceId?: unknown } | null)?.workspaceId;
  return typeof id === 'string' && Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null;
}

export function createJobParking(conn: Connection, clock: () => Date = () => new Date()): ParkJob {
  const Entries = outboxEntryModel(conn);
  return async ({ queue, name, data, opts }) => {
    const now = clock();
    const { delay = 0, ...rest } = opts;
    await Entries.collection.insertOne({
      workspaceId: workspaceOf(data),
      queue,
      name,
      data,
      opts: rest,
      runAt: new Date(now.getTime() + delay),
      createdAt: now,
      claimedUntil: now,
      lastError: null,
    });
  };
}
