/**
 * `npm run dev`: one terminal, one process — HTTP server, workers, and, where no
 * MONGODB_URI / REDIS_URL is given, an in-memory MongoDB stand-in and a child redis-server.
 * Production runs `npm start` and `npm run start:workers` as separate processes instead.
 */
import { loadConfig } from '../config';
import { buildContainer } from '../src/composition-root';
import { startHttpServer } from '../src/http-server';
import { runMain } from '../src/shared/run-main';
import { exitOnSignal } from '../src/shared/shutdown';
import { seedDemo } from '../src/demo/seed-demo';
import { describeDemoHistory, seedDemoHistory } from '../src/demo/seed-history';
import { buildProcessors } from '../workers/processors';
import { startWorkers } from '../workers/run-workers';
import { startMongoServer } from './mongo-server';
import { startRedisServer } from './redis-server';

runMain(async () => {
  const stops: (() => Promise<void>)[] = [];
  if (!process.env.MONGODB_URI) {
    const mongo = await startMongoServer();
    process.env.MONGODB_URI = `${mongo.uri}/retour`;
    stops.push(() => mongo.close());
  }
  if (!process.env.REDIS_URL) {
    const redis = await startRedisServer();
    process.env.REDIS_URL = redis.url;
    stops.push(() => redis.close());
  }

  const config = loadConfig();
  const container = await buildContainer(config);
  const seed = await seedDemo(container.services, config.RETOUR_DEMO_API_KEY);
  // Before the workers start, so the report rollups are built over it on their first run.
  const history =
    config.RETOUR_DEMO_HISTORY === 'on'
      ? await seedDemoHistory(container.mongo, seed.workspace.id)
      : null;
  const http = await startHttpServer(container);
  const workers = startWorkers(container, buildProcessors(container));
  await container.services.digestSchedule.scheduleAll();
  await container.services.alertsSchedule.schedule();
  await container.services.reportRollups.schedule();
  await container.services.connectorCatchUp.schedule();

  const key = seed.createdKey ?? config.RETOUR_DEMO_API_KEY;
  console.log(
    [
      '',
      `  Retour is running at ${config.PUBLIC_URL}  (health: /healthz, readiness: /readyz)`,
      `  Demo workspace: ${seed.workspace.name}`,
      `  Demo history:   ${describeDemoHistory(history)}`,
      key
        ? `  Demo API key:   ${key}`
        : '  Demo API key:   created earlier and shown then; set RETOUR_DEMO_API_KEY or run `npm run cli -- create-key`',
      `  Try: curl -X POST ${config.PUBLIC_URL}/api/v1/interactions -H "Authorization: Bearer ${key ?? '<key>'}" \\`,
      `         -H "Content-Type: application/json" \\`,
      `         -d '{"id":"ticket-1","type":"ticket.solved","customer":{"id":"c-1","name":"Alice","phone":"+33612345678","locale":"fr"}}'`,
      `  Messages land in the dev outbox: ${config.PUBLIC_URL}/dev/outbox`,
      `  Sign in at ${config.PUBLIC_URL}/login (demo passwords, development only):`,
      ...seed.users.map(
        (u) =>
          `    ${u.role.padEnd(8)} ${u.email.padEnd(22)} ${u.password.padEnd(18)} ${u.teams.join(', ')}`,
      ),
      '',
    ].join('\n'),
  );

  exitOnSignal(container.logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await http.close();
    await workers.close();
    await container.close();
    for (const stop of stops.reverse()) await stop();
  });
});
