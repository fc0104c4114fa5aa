import type { ConnectionOptions } from 'bullmq';
import { CHANNELS, type ChannelName } from './channel-names';
import { OutboxQueue, type ParkJob } from './job-outbox';

/**
 * Every BullMQ queue Retour uses, by name. Dispatch has one queue per channel so each channel
 * gets its own rate limit. Jobs carry ids only; processors reload.
 */
export const dispatchQueueName = (channel: ChannelName) => `dispatch-${channel}` as const;
export type DispatchQueueName = ReturnType<typeof dispatchQueueName>;

export const QUEUE_NAMES = [
  ...CHANNELS.map(dispatchQueueName),
  'expiry',
  'responses',
  'notifications',
  'task-sla',
  'webhooks',
  'rule-messages',
  'digest',
  'alerts',
  'rollups',
  'connectors',
  'connector-catchup',
  'connector-writeback',
  'privacy',
] as const;
export type QueueName =
  | DispatchQueueName
  | 'expiry'
  | 'responses'
  | 'notifications'
  | 'task-sla'
  | 'webhooks'
  | 'rule-messages'
  | 'digest'
  | 'alerts'
  | 'rollups'
  | 'connectors'
  | 'connector-catchup'
  | 'connector-writeback'
  | 'privacy';
export type Queues = Record<QueueName, OutboxQueue>;

/** Producers' queues: a job added while Redis is down is parked in MongoDB, never lost. */
export function createQueues(connection: ConnectionOptions, prefix: string, park: ParkJob): Queues {
  const entries = QUEUE_NAMES.map((name) => {
    const queue = new OutboxQueue(name, { connection, prefix }, park);
    // The connection logs its own errors; without a listener BullMQ prints each to stderr.
    queue.on('error', () => undefined);
    return [name, queue] as const;
  });
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
