export { createMetrics, type Metrics, type QueueWatchOptions } from './metrics';
export type { Counters, InvitationFinalStatus } from './counters';
export { isFinalInvitationStatus } from './counters';
export { httpMetrics } from './http-metrics';
export { metricsRoutes } from './metrics.routes';
export {
  startConfiguredMetricsServer,
  startMetricsServer,
  type RunningMetricsServer,
} from './metrics-server';
