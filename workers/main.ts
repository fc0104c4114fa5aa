// Tracing first: its instrumentations patch http, mongodb and ioredis as they are first
// required, so the rest of the process is imported after it (and with OTEL_EXPORTER_OTLP_ENDPOINT
// unset, nothing of OpenTelemetry loads at all).
import { runMain } from '../src/shared/run-main';
import { startTracing } from '../src/tracing';

runMain(async () => {
  const tracing = await startTracing('retour-worker');
  const { startWorkerProcess } = await import('./worker-main.js');
  await startWorkerProcess(tracing);
});
