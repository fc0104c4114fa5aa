import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { JobsOptions } from 'bullmq';
import type { JobTracing } from './job-tracing';

// Types only from bullmq: this module loads before bullmq and ioredis, which must be required
// after the instrumentations are registered.

type Carrier = Record<string, string>;

/** The W3C trace context (`traceparent`, `tracestate`) as JSON, as BullMQ stores its own. */
function carrierOf(opts: JobsOptions | undefined): Carrier {
  const metadata = opts?.telemetry?.metadata;
  if (!metadata) return {};
  try {
    const parsed: unknown = JSON.parse(metadata);
    return parsed && typeof parsed === 'object' ? (parsed as Carrier) : {};
  } catch {
    return {};
  }
}

export function createJobTracing(): JobTracing {
  const tracer = trace.getTracer('retour-jobs');
  return {
    withContext(opts) {
      if (opts.telemetry?.metadata) return opts;
      const carrier: Carrier = {};
      propagation.inject(context.active(), carrier);
      if (!carrier.traceparent) return opts;
      return { ...opts, telemetry: { ...opts.telemetry, metadata: JSON.stringify(carrier) } };
    },
    run(queue, job, work, isDeferral) {
      const parent = propagation.extract(context.active(), carrierOf(job.opts));
      const attributes = {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': queue,
        'messaging.message.id': String(job.id),
        'bullmq.job.name': job.name,
        'bullmq.job.attempt': job.attemptsMade + 1,
      };
      return tracer.startActiveSpan(
        `process ${queue}`,
        { kind: SpanKind.CONSUMER, attributes },
        parent,
        async (span) => {
          try {
            return await work();
          } catch (err) {
            if (!isDeferral(err)) {
              span.recordException(err as Error);
              span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
            }
            throw err;
          } finally {
            span.end();
          }
        },
      );
    },
  };
}
