import { Queue, type ConnectionOptions } from 'bullmq';
import { CHANNELS, type ChannelName } from '../channels/channel';

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
  | 'rollups';
export type Queues = Record<QueueName, Queue>;

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const entries = QUEUE_NAMES.map(
    (name) => [name, new Queue(name, { connection, prefix })] as const,
  );
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
