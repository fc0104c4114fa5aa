import { deployedEnv, loadConfig } from '../config';
import { buildContainer } from './composition-root';
import { startHttpServer } from './http-server';
import { startMetricsServer } from './metrics';
import { runMain } from './shared/run-main';
import { exitOnSignal } from './shared/shutdown';

runMain(async () => {
  const config = loadConfig(deployedEnv());
  const container = await buildContainer(config);
  const http = await startHttpServer(container);
  container.logger.info({ port: http.port, url: config.PUBLIC_URL }, 'HTTP server listening');
  const metrics =
    config.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer(
          container.metrics.registry,
          config.METRICS_PORT,
          config.METRICS_HOST,
        );
  if (metrics)
    container.logger.info({ port: metrics.port, host: config.METRICS_HOST }, 'metrics listening');
  exitOnSignal(container.logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await metrics?.close();
    await http.close();
    await container.close();
  });
});
