import { DelayedError, Worker, type Processor } from 'bullmq';
import type { Histogram } from 'prom-client';
import type { Container } from '../src/composition-root';
import { createOutboxDrainer } from '../src/shared/job-outbox';
import type { QueueName } from '../src/shared/queues';
import { jobTracing } from '../src/tracing';

export interface ProcessorEntry {
  processor: Processor;
  concurrency?: number;
  /** At most `max` jobs per `duration` ms for this queue (provider rate limits). */
  limiter?: { max: number; duration: number };
  /** Resolves the queue's custom backoff types (e.g. one that honours Retry-After). */
  backoffStrategy?: (attemptsMade: number, type?: string, err?: Error) => number;
}
export type ProcessorMap = Partial<Record<QueueName, ProcessorEntry>>;

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs and waits for the ones in progress. */
  close(): Promise<void>;
}

/** The processor, with its run time observed by queue and outcome (completed, failed, delayed). */
function timed(
  queue: string,
  processor: Processor,
  histogram: Histogram<'queue' | 'outcome'>,
): Processor {
  return async (job, token) => {
    const end = histogram.startTimer({ queue });
    try {
      const result: unknown = await processor(job, token);
      end({ outcome: 'completed' });
      return result;
    } catch (err) {
      // A job moved to "delayed" by its processor (quiet hours) has not failed.
      end({ outcome: err instanceof DelayedError ? 'delayed' : 'failed' });
      throw err;
    }
  };
}

/** With tracing on, each run is a span continuing the trace of whatever queued the job. */
function traced(queue: string, processor: Processor): Processor {
  const tracing = jobTracing();
  if (!tracing) return processor;
  const isDeferral = (err: unknown) => err instanceof DelayedError;
  return (job, token) => tracing.run(queue, job, () => processor(job, token), isDeferral);
}

export function startWorkers(container: Container, processors: ProcessorMap): RunningWorkers {
  const { config, logger } = container;
  const workers = Object.entries(processors).map(([name, entry]) => {
    const processor = timed(name, traced(name, entry.processor), container.metrics.jobDuration);
    const worker = new Worker(name, processor, {
      connection: container.workerRedis,
      prefix: container.queuePrefix,
      concurrency: entry.concurrency ?? 1,
      limiter: entry.limiter,
      ...(entry.backoffStrategy ? { settings: { backoffStrategy: entry.backoffStrategy } } : {}),
      // A crashed worker's job becomes available again after about this long.
      lockDuration: config.JOB_LOCK_MS,
      stalledInterval: config.JOB_LOCK_MS,
    });
    worker.on('error', (err) => logger.error({ err, queue: name }, 'worker error'));
    worker.on('failed', (job, err) =>
      logger.warn({ err, queue: name, jobId: job?.id, attempts: job?.attemptsMade }, 'job failed'),
    );
    return worker;
  });
  // Jobs parked in MongoDB while Redis was down go back onto their queues from here.
  const drainer = createOutboxDrainer({
    conn: container.mongo,
    queues: container.queues,
    logger,
    intervalMs: config.JOB_OUTBOX_DRAIN_MS,
  });
  return {
    workers,
    close: async () => {
      await drainer.close();
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
