/** Runs the in-process MongoDB test server in its own process, as a real mongod would be. */
import { startMongoServer } from '../dev/mongo-server';

startMongoServer({ quiet: true }).then((server) => {
  console.log(`mongo-server ${server.uri}`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
});
