import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Config } from '../../config';
import type { Logger } from '../shared/logger';
import type { Metrics } from './metrics';

export interface RunningMetricsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * METRICS_PORT: /metrics without a token, for a scraper on an internal interface. A plain
 * node:http server, so the workers (which have no app) can expose theirs the same way.
 */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host: string,
): Promise<RunningMetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?', 1)[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      return;
    }
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
        res.end(body);
      },
      () => {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Metrics unavailable\n');
      },
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/** The METRICS_PORT server of the HTTP or the worker process, when METRICS_PORT is set. */
export async function startConfiguredMetricsServer(container: {
  config: Pick<Config, 'METRICS_PORT' | 'METRICS_HOST'>;
  logger: Logger;
  metrics: Pick<Metrics, 'registry'>;
}): Promise<RunningMetricsServer | undefined> {
  const { METRICS_PORT: port, METRICS_HOST: host } = container.config;
  if (port === undefined) return undefined;
  const running = await startMetricsServer(container.metrics.registry, port, host);
  container.logger.info({ port: running.port, host }, 'metrics listening');
  return running;
}
