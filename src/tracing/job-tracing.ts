import type { Job, JobsOptions } from 'bullmq';

/**
 * How jobs join traces: set by the OpenTelemetry SDK module when tracing starts, absent
 * otherwise, so queues and workers can ask for it without importing anything of OpenTelemetry.
 */
export interface JobTracing {
  /** The options with the current trace context in them (BullMQ's `telemetry.metadata`). */
  withContext(opts: JobsOptions): JobsOptions;
  /**
   * Runs a job in a consumer span whose parent is the context the job was added with, so the
   * job continues the trace of the request that queued it. `isDeferral` errors (a job moved to
   * "delayed" by its processor) end the span without an error.
   */
  run<T>(
    queue: string,
    job: Job,
    work: () => Promise<T>,
    isDeferral: (err: unknown) => boolean,
  ): Promise<T>;
}

let active: JobTracing | undefined;

export function installJobTracing(tracing: JobTracing): void {
  active = tracing;
}

/** The job tracing, when OTEL_EXPORTER_OTLP_ENDPOINT started it; else undefined. */
export function jobTracing(): JobTracing | undefined {
  return active;
}
