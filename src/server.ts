// Tracing first: its instrumentations patch http, express, mongodb and ioredis as they are first
// required, so the rest of the process is imported after it (and with OTEL_EXPORTER_OTLP_ENDPOINT
// unset, nothing of OpenTelemetry loads at all).
import { runMain } from './shared/run-main';
import { startTracing } from './tracing';

runMain(async () => {
  const tracing = await startTracing('retour-web');
  const { startWeb } = await import('./web-main.js');
  await startWeb(tracing);
});
