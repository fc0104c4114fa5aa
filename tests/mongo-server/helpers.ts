import { randomUUID } from 'node:crypto';
import mongoose, { type Connection, type ConnectOptions } from 'mongoose';
import { startMongoServer, type MongoTestServer } from '../../dev/mongo-server';

export interface Harness {
  server: MongoTestServer;
  conn: Connection;
}

export const uniqueDbName = (prefix: string): string => `${prefix}_${randomUUID().slice(0, 8)}`;

/** Starts a private server and a mongoose connection to a fresh database on it. */
export async function openHarness(
  prefix: string,
  options: ConnectOptions = {},
  serverOptions: { sortTieSeed?: number; ttlSweepMs?: number } = {},
): Promise<Harness> {
  const server = await startMongoServer({ quiet: true, ...serverOptions });
  const conn = await mongoose
    .createConnection(`${server.uri}/${uniqueDbName(prefix)}`, {
      serverApi: { version: '1' },
      ...options,
    })
    .asPromise();
  return { server, conn };
}

export async function closeHarness(h: Harness | undefined): Promise<void> {
  await h?.conn.close();
  await h?.server.close();
}
