import { Job, Queue, type JobsOptions, type QueueOptions } from 'bullmq';
import { jobTracing } from '../../tracing';
import { isRedisUnavailable } from '../redis-unavailable';

export interface ParkedJob {
  queue: string;
  name: string;
  data: unknown;
  opts: JobsOptions;
}
export type ParkJob = (job: ParkedJob) => Promise<void>;

/**
 * A BullMQ queue whose `add` never loses a job to a Redis outage: when Redis does not answer,
 * the job is parked in MongoDB (see drain.ts) and the caller carries on. Every job Retour adds
 * is idempotent (job ids, status claims, the rules' action log), so a job that reached Redis
 * after all and is added again by the drainer does no harm.
 */
export class OutboxQueue extends Queue {
  constructor(
    name: string,
    opts: QueueOptions,
    private readonly park: ParkJob,
  ) {
    super(name, opts);
  }

  override async add(name: string, data: unknown, given: JobsOptions = {}): Promise<Job> {
    // With tracing on, the job carries the trace context of the request (or job) adding it.
    const opts = jobTracing()?.withContext(given) ?? given;
    try {
      return await super.add(name, data, opts);
    } catch (err) {
      if (!isRedisUnavailable(err)) throw err;
    }
    await this.park({ queue: this.name, name, data, opts });
    return new Job(this, name, data, opts, opts.jobId);
  }

  /** Straight to Redis, failing when it is down: for the drainer. */
  addNow(name: string, data: unknown, opts: JobsOptions): Promise<Job> {
    return super.add(name, data, opts);
  }
}
