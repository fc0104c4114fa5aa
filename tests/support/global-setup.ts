import { seedBanner, startMongoServer } from '../../dev/mongo-server';
import { startRedisServer } from '../../dev/redis-server';

/**
 * Real Redis and a MongoDB endpoint for every test file: REDIS_URL / MONGODB_URI when given
 * (CI with service containers), else a redis-server from PATH and the in-process MongoDB
 * wire-protocol server. Test files each get their own database and queue prefix.
 */
export default async function globalSetup(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  if (process.env.REDIS_URL) {
    process.env.TEST_REDIS_URL = process.env.REDIS_URL;
  } else {
    const redis = await startRedisServer();
    process.env.TEST_REDIS_URL = redis.url;
    stops.push(() => redis.close());
  }
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
  } else {
    const mongo = await startMongoServer({ quiet: true });
    // Ties between equal sort keys come out in a seeded random order: the seed replays a run.
    process.stderr.write(`\n${seedBanner(mongo.sortTieSeed)}\n`);
    process.env.TEST_MONGODB_URI = mongo.uri;
    stops.push(() => mongo.close());
  }
  (globalThis as { __retourTestStops?: typeof stops }).__retourTestStops = stops;
}
