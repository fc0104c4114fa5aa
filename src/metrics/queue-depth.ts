/** The job states whose counts are exported per queue. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];
export type QueueCounts = Record<string, Record<QueueState, number>>;

export interface CountableQueue {
  name: string;
  getJobCounts(...types: QueueState[]): Promise<Record<string, number>>;
}

export interface QueueDepthOptions {
  /** Counts are read from Redis at most this often, whatever the scrape rate. */
  cacheMs?: number;
  /** A read that takes longer is given up, so a scrape never waits on a stuck Redis. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Reads every queue's job counts on demand, cached for `cacheMs`; concurrent scrapes share one
 * read. Resolves null (never rejects, never hangs past `timeoutMs`) when Redis cannot answer.
 */
export function queueDepthReader(
  queues: readonly CountableQueue[],
  options: QueueDepthOptions = {},
) {
  const cacheMs = options.cacheMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 1500;
  const now = options.now ?? Date.now;
  let cached: { at: number; counts: QueueCounts | null } | undefined;
  let inFlight: Promise<QueueCounts | null> | undefined;

  const readAll = async (): Promise<QueueCounts> => {
    const entries = await Promise.all(
      queues.map(async (q) => {
        const raw = await q.getJobCounts(...QUEUE_STATES);
        const counts = Object.fromEntries(QUEUE_STATES.map((s) => [s, raw[s] ?? 0]));
        return [q.name, counts as Record<QueueState, number>] as const;
      }),
    );
    return Object.fromEntries(entries);
  };

  const withTimeout = (read: Promise<QueueCounts>): Promise<QueueCounts | null> => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
      timer.unref();
    });
    return Promise.race([read.catch(() => null), expired]).finally(() => clearTimeout(timer));
  };

  return (): Promise<QueueCounts | null> => {
    if (cached && now() - cached.at < cacheMs) return Promise.resolve(cached.counts);
    inFlight ??= withTimeout(readAll()).then((counts) => {
      cached = { at: now(), counts };
      inFlight = undefined;
      return counts;
    });
    return inFlight;
  };
}
