/**
 * Optional OpenTelemetry tracing. With OTEL_EXPORTER_OTLP_ENDPOINT unset nothing of
 * OpenTelemetry is loaded: the SDK module is imported here, dynamically, only when it is set.
 * Entry points call startTracing before importing anything else, since the instrumentations
 * patch http, express, mongodb and ioredis as those are first required.
 */
export interface Tracing {
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

export async function startTracing(
  defaultServiceName: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Tracing | undefined> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) return undefined;
  const { startSdk } = await import('./sdk.js');
  return startSdk(env.OTEL_SERVICE_NAME?.trim() || defaultServiceName);
}

export { jobTracing, type JobTracing } from './job-tracing';
