import { deployedEnv, loadConfig } from '../config';
import { buildContainer } from './composition-root';
import { startHttpServer } from './http-server';
import { runMain } from './shared/run-main';
import { exitOnSignal } from './shared/shutdown';

runMain(async () => {
  const config = loadConfig(deployedEnv());
  const container = await buildContainer(config);
  const http = await startHttpServer(container);
  container.logger.info({ port: http.port, url: config.PUBLIC_URL }, 'HTTP server listening');
  exitOnSignal(container.logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await http.close();
    await container.close();
  });
});
