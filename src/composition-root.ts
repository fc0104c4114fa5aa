import type { Connection } from 'mongoose';
import type { Config } from '../config';
import { connectMongo } from './database/connect';
import { checkIndexes } from './database/indexes';
import { registerModels } from './database/models';
import type { ReadinessProbe } from './health/health.routes';
import { createMetrics, type Counters, type Metrics, type QueueWatchOptions } from './metrics';
import { createLogger, type Logger } from './shared/logger';
import { createOutboundClient, type OutboundClient } from './shared/outbound';
import { createSecretBox } from './shared/secrets';
import { closeQueues, createQueues, type Queues } from './shared/queues';
import { createJobParking } from './shared/job-outbox';
import { createRedisBreaker } from './shared/redis-breaker';
import { createRedisConnections, type RedisClient } from './shared/redis-connection';
import {
  buildChannelAdapters,
  createDevOutbox,
  type ChannelAdapters,
  type DevOutbox,
} from './channels';
import { createWorkspaceTwilio } from './channels/workspace-twilio';
import { createConnectorsService, createDeliveriesService } from './connectors';
import { createCatchUpScheduler, createCatchUpService } from './connectors/catch-up';
import { createInChatDelivery } from './connectors/in-chat';
import { createWriteBackService, createWriteBackTrigger } from './connectors/write-back';
import { createAddressHasher, createContactsService } from './contacts';
import { createAlertsScheduler, createAlertsService, type AlertsService } from './alerts';
import { createDigestScheduler, createDigestService, type DigestService } from './digest';
import { createInteractionsService } from './interactions';
import { createInvitationsService } from './invitations';
import { createDispatchService, type DispatchDeps } from './invitations/dispatch.service';
import { createTestSend } from './invitations/test-send';
import { createWebhookDedupe } from './invitations/webhook-dedupe';
import { createWhatsappSessions } from './invitations/whatsapp-sessions';
import { createResponsesComponent } from './responses';
import { createReportsService } from './reports';
import { createReportRollups } from './reports/rollups';
import { reportSources } from './reports/report-sources';
import { createRulesComponent, DEFAULT_RULES_OPTIONS, type RulesOptions } from './rules';
import { createMailer, createTasksService, createUserDirectory } from './tasks';
import { auditTrail } from './audit';
import { createRetentionScheduler, createRetentionService } from './privacy/retention';
import { createWorkspaceTransfer } from './transfer';
import { createResponseImport } from './transfer/imports';
import { createPrivacyService, type PersonalDataHolder } from './privacy';
import {
  addressSuppressionsPersonalData,
  contactsPersonalData,
} from './contacts/contacts.personal-data';
import { interactionsPersonalData } from './interactions/interactions.personal-data';
import { invitationsPersonalData } from './invitations/invitations.personal-data';
import { responsesPersonalData, smsReasksPersonalData } from './responses/responses.personal-data';
import { tasksPersonalData } from './tasks/tasks.personal-data';
import { actionLogPersonalData, rewardCodesPersonalData } from './rules/rules.personal-data';
import { connectorDeliveriesPersonalData } from './connectors/connectors.personal-data';
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
  redis: RedisClient;
  /** For BullMQ workers: no command timeout, since they block on Redis by design. */
  workerRedis: RedisClient;
  /** Every BullMQ queue and worker uses this prefix (hash-tagged under Redis Cluster). */
  queuePrefix: string;
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
  const secrets = createSecretBox(config.SECRETS_KEY);
  const workspaceTwilio = createWorkspaceTwilio({
    defaults: adapters,
    apiUrl: config.TWILIO_API_URL,
  });
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
    secrets,
  });
  const triggers = createTriggersService(mongo, surveys);
  const addressHasher = createAddressHasher(config.SECRETS_KEY);
  const contacts = createContactsService(mongo, addressHasher);
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
  const dispatchDeps: DispatchDeps = {
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
    workspaceTwilio,
  };
  const dispatch = createDispatchService(dispatchDeps);
  const testSend = createTestSend(dispatchDeps);
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
    workspaceTwilio,
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
    onRecorded: (doc, interaction) => writeBackTrigger.answered(doc, interaction),
    emailClickSettleMs: config.EMAIL_CLICK_SETTLE_MS,
    logger,
  });
  // Report queries (and only they) may read from secondaries.
  const sources = reportSources(mongo, config.MONGODB_REPORTS_READ_PREFERENCE);
  const reportRollups = createReportRollups({
    conn: mongo,
    sources,
    queue: queues.rollups,
    enabled: config.REPORT_ROLLUPS === 'on',
    settleMs: config.REPORT_ROLLUPS_SETTLE_MS,
  });
  const reports = createReportsService({
    sources,
    workspaces,
    surveys,
    rollups: reportRollups.reader,
  });
  const webhookDedupe = createWebhookDedupe(mongo);
  const whatsappSessions = createWhatsappSessions(mongo);
  const connectors = createConnectorsService({
    conn: mongo,
    secrets,
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
  // Every collection that holds data about a contact answers access and erasure requests.
  const personalData: PersonalDataHolder[] = [
    contactsPersonalData(mongo),
    addressSuppressionsPersonalData(mongo, addressHasher),
    interactionsPersonalData(mongo),
    invitationsPersonalData(mongo, queues),
    smsReasksPersonalData(mongo),
    responsesPersonalData(mongo),
    tasksPersonalData(mongo),
    actionLogPersonalData(mongo),
    rewardCodesPersonalData(mongo),
    connectorDeliveriesPersonalData(mongo),
  ];
  const audit = auditTrail(mongo);
  const privacy = createPrivacyService({ contacts, workspaces, holders: personalData, audit });
  const retention = createRetentionService({ conn: mongo, privacy, workspaces, audit });
  const retentionSchedule = createRetentionScheduler(queues.privacy);
  const digestSchedule = createDigestScheduler(mongo, queues.digest);
  const alertsSchedule = createAlertsScheduler(queues.alerts);
  return {
    workspaceTwilio,
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
    testSend,
    responses,
    tasks,
    rules,
    webhookDedupe,
    whatsappSessions,
    connectors,
    connectorDeliveries,
    connectorCatchUp,
    connectorWriteBack,
    privacy,
    audit,
    retention,
    retentionSchedule,
    responseImport: createResponseImport({
      conn: mongo,
      contacts,
      surveys,
      audit,
      onImported: (id) => reportRollups.refresh(id),
    }),
    transfer: createWorkspaceTransfer({
      conn: mongo,
      models: registerModels(mongo),
      workspaces,
      audit,
    }),
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
  /**
   * What start-up does about indexes: `build` them from the schemas (the default in
   * development and tests), or `check` that they exist and refuse to start otherwise (the
   * default in production, where `npm run cli -- sync-indexes` builds them).
   */
  indexes?: IndexStartup;
}

export type IndexStartup = 'build' | 'check';

/** Builds every model's indexes, or checks them (see BuildOptions.indexes). */
async function prepareIndexes(mongo: Connection, mode: IndexStartup, logger: Logger) {
  const models = registerModels(mongo);
  // init() creates each collection and, with autoIndex (not in production), builds its indexes.
  await Promise.all(models.map((m) => m.init()));
  if (mode !== 'check') return;
  const { extra } = await checkIndexes(mongo);
  for (const c of extra)
    logger.warn(
      { collection: c.collection, indexes: c.extra },
      'indexes no schema declares (npm run cli -- sync-indexes drops them)',
    );
}

/** quit() waits for Redis to answer; one that is stopped never does, so it is cut after 1 s. */
async function closeRedis(r: RedisClient): Promise<void> {
  if (r.status !== 'ready') return r.disconnect();
  const timer = setTimeout(() => r.disconnect(), 1000);
  await r.quit().catch(() => undefined);
  clearTimeout(timer);
  // After QUIT a Sentinel connection still holds its failover detector's Sentinel connections.
  r.disconnect();
}

/** After Redis failed to answer, requests' commands fail at once (503, jobs parked) this long. */
const REDIS_BREAKER_MS = 5000;

/** The one place that builds connections, gateways and services for the server and the workers. */
export async function buildContainer(
  config: Config,
  options: BuildOptions = {},
): Promise<Container> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);

  const production = config.NODE_ENV === 'production';
  const indexes = options.indexes ?? (production ? 'check' : 'build');
  // Production never builds indexes on boot: a build on a large collection takes resources and
  // time that every replica of every process would spend again. sync-indexes does it once.
  const mongo = connectMongo(config.MONGODB_URI, { autoIndex: indexes === 'build' });
  // Commands and job adds fail within REDIS_COMMAND_TIMEOUT_MS when Redis does not answer, so
  // the API answers 503 (or parks the job) instead of hanging until Redis comes back.
  const connections = createRedisConnections(config.REDIS, {
    commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
    breaker: createRedisBreaker(REDIS_BREAKER_MS),
    prefix: config.QUEUE_PREFIX,
  });
  const redis = connections.failFast();
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const queueConnection = connections.failFast();
  queueConnection.on('error', (err) => logger.warn({ err }, 'redis (queues) connection error'));
  const workerRedis = connections.blocking();
  workerRedis.on('error', (err) => logger.warn({ err }, 'redis (workers) connection error'));

  try {
    await mongo.asPromise();
    await redis.ping();
    // Unique indexes carry idempotency, so they must exist before the first request.
    await prepareIndexes(mongo, indexes, logger);
  } catch (err) {
    mongo.close().catch(() => undefined);
    redis.disconnect();
    queueConnection.disconnect();
    workerRedis.disconnect();
    throw err;
  }

  const queues = createQueues(queueConnection, connections.queuePrefix, createJobParking(mongo));
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
    queuePrefix: connections.queuePrefix,
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
