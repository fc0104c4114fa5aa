import { deployedEnv, loadConfig } from '../config';
import { buildContainer } from './composition-root';
import { startHttpServer } from './http-server';
import { startConfiguredMetricsServer } from './metrics';
import { runMain } from './shared/run-main';
import { exitOnSignal } from './shared/shutdown';

runMain(async () => {
  const config = loadConfig(deployedEnv());
  const container = await buildContainer(config);
  const http = await startHttpServer(container);
  container.logger.info({ port: http.port, url: config.PUBLIC_URL }, 'HTTP server listening');
  const metrics = await startConfiguredMetricsServer(container);
  exitOnSignal(container.logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await metrics?.close();
    await http.close();
    await container.close();
  });
});
