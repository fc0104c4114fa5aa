import { createServer, type Socket } from 'node:net';
import { Cursors } from './cursors';
import { serveConnection, type ServerState } from './connection';
import { Store } from './store';
import { resolveSeed, seedBanner, TieBreaker } from './ties';
import { resolveTtlSweepMs, startTtlMonitor } from './ttl';

export { seedBanner } from './ties';

export interface MongoTestServer {
  uri: string;
  port: number;
  /** Seed of the PRNG that orders documents with equal sort keys (see ties.ts). */
  sortTieSeed: number;
  /** How often expired documents of TTL indexes are removed (see ttl.ts). */
  ttlSweepMs: number;
  close(): Promise<void>;
}

/**
 * Starts an in-memory server speaking the MongoDB wire protocol on 127.0.0.1, for tests and
 * local development only. Data lives in this process and disappears with it.
 */
export async function startMongoServer(
  opts: {
    port?: number;
    quiet?: boolean;
    sortTieSeed?: number;
    ttlSweepMs?: number;
    /**
     * Present the server as the primary of a one-member replica set of this name (the URI then
     * carries `?replicaSet=`), so drivers send what they send to replica sets, such as
     * `$readPreference`. It still has no secondaries, no transactions and no change streams.
     */
    replicaSet?: string;
  } = {},
): Promise<MongoTestServer> {
  const sortTieSeed = resolveSeed(opts.sortTieSeed);
  const ttlSweepMs = resolveTtlSweepMs(opts.ttlSweepMs);
  const state: ServerState = {
    store: new Store(),
    cursors: new Cursors(),
    ties: new TieBreaker(sortTieSeed),
  };
  const sockets = new Set<Socket>();
  let nextConnectionId = 1;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, state, nextConnectionId++);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const stopTtl = startTtlMonitor(state.store, ttlSweepMs);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = `127.0.0.1:${port}`;
  if (opts.replicaSet) state.replicaSet = { setName: opts.replicaSet, host };
  const uri = opts.replicaSet
    ? `mongodb://${host}/?replicaSet=${encodeURIComponent(opts.replicaSet)}`
    : `mongodb://${host}`;
  if (!opts.quiet) {
    process.stderr.write(
      `*** IN-MEMORY MONGODB TEST SERVER on ${uri}: this is NOT a database, for tests and local dev only; all data is lost when the process exits ***\n`,
    );
    process.stderr.write(`${seedBanner(sortTieSeed)}\n`);
  }
  return {
    uri,
    port,
    sortTieSeed,
    ttlSweepMs,
    close: () =>
      new Promise<void>((resolve) => {
        stopTtl();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
