import { Redis } from 'ioredis';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config';
import type { ReadinessProbe } from './health/health.routes';
import { createMetrics, type Counters, type Metrics, type QueueWatchOptions } from './metrics';
import { createLogger, type Logger } from './shared/logger';
import { createOutboundClient, type OutboundClient } from './shared/outbound';
import { createSecretBox } from './shared/secrets';
import { closeQueues, createQueues, type Queues } from './shared/queues';
import { createJobParking } from './shared/job-outbox';
import { FailFastRedis } from './shared/fail-fast-redis';
import { createRedisBreaker } from './shared/redis-breaker';
import {
  buildChannelAdapters,
  createDevOutbox,
  type ChannelAdapters,
  type DevOutbox,
} from './channels';
import { createConnectorsService, createDeliveriesService } from './connectors';
import { createCatchUpScheduler, createCatchUpService } from './connectors/catch-up';
import { createInChatDelivery } from './connectors/in-chat';
import { createWriteBackService, createWriteBackTrigger } from './connectors/write-back';
import { createContactsService } from './contacts';
import { createAlertsScheduler, createAlertsService, type AlertsService } from './alerts';
import { createDigestScheduler, createDigestService, type DigestService } from './digest';
import { createInteractionsService } from './interactions';
import { createInvitationsService } from './invitations';
import { createDispatchService } from './invitations/dispatch.service';
import { createWebhookDedupe } from './invitations/webhook-dedupe';
import { createWhatsappSessions } from './invitations/whatsapp-sessions';
import { createResponsesComponent } from './responses';
import { createReportsService } from './reports';
import { createReportRollups } from './reports/rollups';
import { createRulesComponent, DEFAULT_RULES_OPTIONS, type RulesOptions } from './rules';
import { createMailer, createTasksService, createUserDirectory } from './tasks';
import { createSurveysService } from './surveys';
import { createTriggersService } from './triggers';
import { createPeopleServices, createWorkspacesService } from './workspaces';

export interface Container {
  config: Config;
  adapters: ChannelAdapters;
  /** Where dev-mode messages land when no provider is configured. */
  outbox: DevOutbox;
  logger: Logger;
  mongo: Connection;
  /** For commands (rate limits, sessions, locks). BullMQ gets its own connections. */
  redis: Redis;
  /** For BullMQ workers: no command timeout, since they block on Redis by design. */
  workerRedis: Redis;
  queues: Queues;
  /** This container's own Prometheus registry and metrics (never a process-wide singleton). */
  metrics: Metrics;
  services: Services;
  probes: ReadinessProbe[];
  close(): Promise<void>;
}

export type Services = ReturnType<typeof buildServices> &
  ReturnType<typeof createPeopleServices> & { digest: DigestService; alerts: AlertsService };

function buildServices(
  mongo: Connection,
  queues: Queues,
  config: Config,
  adapters: ChannelAdapters,
  logger: Logger,
  outbound: OutboundClient,
  counters: Counters,
  rulesOptions: Partial<RulesOptions> = {},
) {
  const surveys = createSurveysService(mongo);
  const workspaces = createWorkspacesService(mongo, {
    onCreated: [
      (id) => surveys.ensureDefaults(id),
      (id) => rules.ensureDefaults(id),
      // Workers also upsert every schedule on start, so a Redis hiccup here only delays it.
      (id) =>
        digestSchedule
          .schedule(id)
          .catch((err: unknown) =>
            logger.warn({ err, workspaceId: String(id) }, 'digest not scheduled'),
          ),
    ],
    // Schedulers that fire at local times follow a changed zone at once.
    onTimezoneChanged: [(id) => digestSchedule.schedule(id)],
    onHookError: (err, event, id) =>
      logger.warn({ err, event, workspaceId: String(id) }, 'workspace hook failed'),
    outboundAllowHosts: config.OUTBOUND_ALLOW_HOSTS,
    sharedSenderNumbers: [config.TWILIO_FROM, config.TWILIO_WHATSAPP_FROM],
  });
  const triggers = createTriggersService(mongo, surveys);
  const contacts = createContactsService(mongo);
  const invitations = createInvitationsService({
    conn: mongo,
    queues,
    linkSecret: config.SESSION_SECRET,
    publicUrl: config.PUBLIC_URL,
    counters,
    // The connectors service is built further down; this runs only once a survey is scheduled.
    conversationChat: { adapterFor: (ws, id) => conversationChat.adapterFor(ws, id) },
  });
  const interactions = createInteractionsService({
    conn: mongo,
    workspaces,
    surveys,
    triggers,
    contacts,
    invitations,
  });
  const dispatch = createDispatchService({
    conn: mongo,
    queues,
    adapters,
    workspaces,
    surveys,
    contacts,
    linkSecret: config.SESSION_SECRET,
    publicUrl: config.PUBLIC_URL,
    logger,
    counters,
    conversationChat: { adapterFor: (ws, id) => conversationChat.adapterFor(ws, id) },
  });
  // Answers and tasks of interactions that came from a connector are written back to the ticket.
  const writeBackTrigger = createWriteBackTrigger({
    conn: mongo,
    queue: queues['connector-writeback'],
    logger,
  });
  const directory = createUserDirectory(mongo);
  const mail = createMailer(adapters.email, config.PUBLIC_URL);
  const tasks = createTasksService({
    conn: mongo,
    queues,
    directory,
    mail,
    publicUrl: config.PUBLIC_URL,
    logger,
    onTaskEvent: (event, task) => writeBackTrigger.task(event, task),
  });
  const rules = createRulesComponent({
    conn: mongo,
    queues,
    adapters,
    workspaces,
    tasks,
    directory,
    mail,
    publicUrl: config.PUBLIC_URL,
    outbound,
    allowHosts: config.OUTBOUND_ALLOW_HOSTS,
    logger,
    counters,
    options: { ...DEFAULT_RULES_OPTIONS, ...rulesOptions },
    clock: () => new Date(),
  });
  const responses = createResponsesComponent({
    conn: mongo,
    queues,
    surveys,
    workspaces,
    linkFor: invitations.linkFor,
    willFollowUp: (response) => rules.willFollowUp(response),
    counters,
    onRecorded: (doc) => writeBackTrigger.answered(doc),
  });
  const reportRollups = createReportRollups({
    conn: mongo,
    queue: queues.rollups,
    enabled: config.REPORT_ROLLUPS === 'on',
    settleMs: config.REPORT_ROLLUPS_SETTLE_MS,
  });
  const reports = createReportsService({
    conn: mongo,
    workspaces,
    surveys,
    rollups: reportRollups.reader,
  });
  const webhookDedupe = createWebhookDedupe(mongo);
  const whatsappSessions = createWhatsappSessions(mongo);
  const connectors = createConnectorsService({
    conn: mongo,
    secrets: createSecretBox(config.SECRETS_KEY),
    surveys,
    publicUrl: config.PUBLIC_URL,
    allowHosts: config.OUTBOUND_ALLOW_HOSTS,
    requireHttps: config.NODE_ENV === 'production',
  });
  const conversationChat = createInChatDelivery({ conn: mongo, connectors, outbound });
  const connectorDeliveries = createDeliveriesService({
    conn: mongo,
    connectors,
    interactions,
    queue: queues.connectors,
    outbound,
    counters,
  });
  const connectorCatchUp = {
    ...createCatchUpService({
      conn: mongo,
      connectors,
      deliveries: connectorDeliveries,
      outbound,
      logger,
    }),
    ...createCatchUpScheduler(queues['connector-catchup'], config.CONNECTOR_CATCHUP_MS),
  };
  const connectorWriteBack = createWriteBackService({
    conn: mongo,
    connectors,
    outbound,
    publicUrl: config.PUBLIC_URL,
  });
  const digestSchedule = createDigestScheduler(mongo, queues.digest);
  const alertsSchedule = createAlertsScheduler(queues.alerts);
  return {
    reports,
    reportRollups,
    digestSchedule,
    alertsSchedule,
    workspaces,
    surveys,
    triggers,
    contacts,
    invitations,
    interactions,
    dispatch,
    responses,
    tasks,
    rules,
    webhookDedupe,
    whatsappSessions,
    connectors,
    connectorDeliveries,
    connectorCatchUp,
    connectorWriteBack,
  };
}

/** Inbound routing reads claims only, so numbers listed before claims existed get theirs. */
async function claimSenderNumbers(services: Services, logger: Logger): Promise<void> {
  const result = await services.workspaces.claimExistingSenderNumbers();
  if (result.claimed) logger.info({ claimed: result.claimed }, 'sender numbers claimed');
  for (const c of result.conflicts) {
    logger.error(
      { number: c.number, workspaceId: c.workspaceId, heldBy: c.heldBy },
      'sender number listed by two workspaces: the older one keeps its inbound messages',
    );
  }
  for (const s of result.shared) {
    logger.error(
      { number: s.number, workspaceId: s.workspaceId },
      'workspace lists a shared sender number, which no workspace can claim',
    );
  }
}

export interface BuildOptions {
  logger?: Logger;
  /** Webhook retry timing for the rules' notify actions (tests shorten it). */
  rules?: Partial<RulesOptions>;
  /** How long queue counts are cached and waited for on a scrape (tests shorten them). */
  queueCounts?: QueueWatchOptions;
}

/** quit() waits for Redis to answer; one that is stopped never does, so it is cut after 1 s. */
async function closeRedis(r: Redis): Promise<void> {
  if (r.status !== 'ready') return r.disconnect();
  const timer = setTimeout(() => r.disconnect(), 1000);
  await r.quit().catch(() => undefined);
  clearTimeout(timer);
}

/** After Redis failed to answer, requests' commands fail at once (503, jobs parked) this long. */
const REDIS_BREAKER_MS = 5000;

/** The one place that builds connections, gateways and services for the server and the workers. */
export async function buildContainer(
  config: Config,
  options: BuildOptions = {},
): Promise<Container> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);

  const mongo = mongoose.createConnection(config.MONGODB_URI, {
    serverApi: { version: '1' },
    serverSelectionTimeoutMS: 10_000,
  });
  // Commands and job adds fail within REDIS_COMMAND_TIMEOUT_MS when Redis does not answer, so
  // the API answers 503 (or parks the job) instead of hanging until Redis comes back.
  const failFast = { commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1 };
  const breaker = createRedisBreaker(REDIS_BREAKER_MS);
  const redis = new FailFastRedis(config.REDIS_URL, failFast, breaker);
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const queueConnection = new FailFastRedis(config.REDIS_URL, failFast, breaker);
  queueConnection.on('error', (err) => logger.warn({ err }, 'redis (queues) connection error'));
  const workerRedis = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
  });
  workerRedis.on('error', (err) => logger.warn({ err }, 'redis (workers) connection error'));

  try {
    await mongo.asPromise();
    await redis.ping();
  } catch (err) {
    mongo.close().catch(() => undefined);
    redis.disconnect();
    queueConnection.disconnect();
    throw err;
  }

  const queues = createQueues(queueConnection, config.QUEUE_PREFIX, createJobParking(mongo));
  const metrics = createMetrics();
  metrics.watchQueues(Object.values(queues), options.queueCounts);
  const outbox = createDevOutbox(logger);
  // Every call to a URL a workspace configured goes through this one SSRF-guarded client.
  const outbound = createOutboundClient({ allowHosts: config.OUTBOUND_ALLOW_HOSTS });
  const adapters = buildChannelAdapters(config, logger, outbox, outbound);
  const core = buildServices(
    mongo,
    queues,
    config,
    adapters,
    logger,
    outbound,
    metrics.counters,
    options.rules,
  );
  const people = createPeopleServices({
    mongo,
    redis,
    config,
    adapters,
    logger,
    workspaces: core.workspaces,
  });
  // The digest and the alerts read reports and e-mail a workspace's people the same way.
  const reportMail = {
    conn: mongo,
    reports: core.reports,
    workspaces: core.workspaces,
    users: people.users,
    email: adapters.email,
    publicUrl: config.PUBLIC_URL,
    logger,
  };
  const digest = createDigestService(reportMail);
  const alerts = createAlertsService(reportMail);
  const services: Services = { ...core, ...people, digest, alerts };
  // Unique indexes carry idempotency, so they must exist before the first request.
  await Promise.all(Object.values(mongo.models).map((m) => m.init()));
  const zones = await services.workspaces.canonicalizeTimeZones();
  if (zones.changed) logger.info({ changed: zones.changed }, 'workspace time zones canonicalised');
  if (zones.unknown.length)
    logger.error({ workspaceIds: zones.unknown }, 'workspaces with an unknown time zone');
  await claimSenderNumbers(services, logger);

  const probes: ReadinessProbe[] = [
    {
      name: 'mongodb',
      check: async () => {
        await mongo.db!.admin().ping();
      },
    },
    {
      name: 'redis',
      check: async () => {
        await redis.ping();
      },
    },
  ];

  let closed = false;
  return {
    config,
    adapters,
    outbox,
    logger,
    mongo,
    redis,
    workerRedis,
    queues,
    metrics,
    services,
    probes,
    async close() {
      if (closed) return;
      closed = true;
      await closeQueues(queues);
      await Promise.allSettled([
        mongo.close(),
        ...[redis, queueConnection, workerRedis].map(closeRedis),
      ]);
    },
  };
}
