import { deployedEnv, loadConfig } from '../config';
import { buildContainer } from './composition-root';
import { startHttpServer } from './http-server';
import { startConfiguredMetricsServer } from './metrics';
import { exitOnSignal } from './shared/shutdown';
import type { Tracing } from './tracing';

/** The HTTP process (src/server.ts starts tracing, then this). */
export async function startWeb(tracing: Tracing | undefined): Promise<void> {
  const config = loadConfig(deployedEnv());
  const container = await buildContainer(config);
  const http = await startHttpServer(container);
  container.logger.info(
    { port: http.port, url: config.PUBLIC_URL, tracing: !!tracing },
    'HTTP server listening',
  );
  const metrics = await startConfiguredMetricsServer(container);
  exitOnSignal(container.logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await metrics?.close();
    await http.close();
    await container.close();
    await tracing?.shutdown();
  });
}
