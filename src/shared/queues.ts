import { Queue, type ConnectionOptions } from 'bullmq';

/** Every BullMQ queue Retour uses, by name. Jobs carry ids only; processors reload. */
export const QUEUE_NAMES = ['dispatch', 'responses', 'notifications'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
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
