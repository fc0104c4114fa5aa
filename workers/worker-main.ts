import { deployedEnv, loadConfig } from '../config';
import { buildContainer } from '../src/composition-root';
import { startConfiguredMetricsServer } from '../src/metrics';
import { exitOnSignal } from '../src/shared/shutdown';
import type { Tracing } from '../src/tracing';
import { buildProcessors } from './processors';
import { startWorkers } from './run-workers';

/** The worker process (workers/main.ts starts tracing, then this). */
export async function startWorkerProcess(tracing: Tracing | undefined): Promise<void> {
  const config = loadConfig(deployedEnv());
  const container = await buildContainer(config);
  const running = startWorkers(container, buildProcessors(container));
  container.logger.info(
    { queues: running.workers.map((w) => w.name), tracing: !!tracing },
    'workers started',
  );
  const scheduled = await container.services.digestSchedule.scheduleAll();
  container.logger.info({ workspaces: scheduled }, 'weekly digests scheduled');
  await container.services.alertsSchedule.schedule();
  await container.services.reportRollups.schedule();
  await container.services.connectorCatchUp.schedule();
  await container.services.retentionSchedule.schedule();
  // Workers have no HTTP server; with METRICS_PORT they get a tiny one for /metrics only.
  const metrics = await startConfiguredMetricsServer(container);
  exitOnSignal(container.logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await metrics?.close();
    await running.close();
    await container.close();
    await tracing?.shutdown();
  });
}
