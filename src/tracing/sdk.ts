import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { createJobTracing } from './bullmq-spans';
import { installJobTracing } from './job-tracing';
import type { Tracing } from './index';

/** Probes and scrapes would be most of the spans and say nothing. */
const UNTRACED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The OpenTelemetry SDK: traces only (metrics stay with prom-client, logs with pino), exported
 * as OTLP/HTTP JSON to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces (the exporter reads the
 * standard OTEL_* variables), for HTTP, Express, the MongoDB driver, ioredis and BullMQ jobs.
 * Loaded only by startTracing, before the modules it instruments.
 */
export function startSdk(serviceName: string): Tracing {
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter(),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED.has((req.url ?? '').split('?')[0]!),
      }),
      new ExpressInstrumentation(),
      new MongoDBInstrumentation(),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
  installJobTracing(createJobTracing());
  return { shutdown: () => sdk.shutdown() };
}
