import mongoose, { type Connection } from 'mongoose';

/**
 * The product's MongoDB connection. `autoIndex` builds every schema's indexes when a model is
 * compiled: on in development and tests, off in production, where
 * `npm run cli -- sync-indexes` builds them and start-up only checks them.
 */
export function connectMongo(uri: string, options: { autoIndex: boolean }): Connection {
  return mongoose.createConnection(uri, {
    serverApi: { version: '1' },
    serverSelectionTimeoutMS: 10_000,
    autoIndex: options.autoIndex,
  });
}
