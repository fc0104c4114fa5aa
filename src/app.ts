import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Container } from './composition-root';
import { apiDocsRoutes } from './api-docs';
import { auditContextMiddleware } from './audit';
import { healthRoutes } from './health/health.routes';
import { homeRoutes } from './home';
import { httpMetrics, metricsRoutes } from './metrics';
import { errorHandler } from './shared/error-handler';
import { negotiatedNotFound } from './pages';
import { redactUrl } from './shared/redact-url';
import './shared/request-context';
import { devOutboxRoutes } from './channels';
import { connectorsPageRoutes, connectorsRoutes, inboundRoutes } from './connectors';
import { contactsRoutes } from './contacts';
import { auditPageRoutes, auditRoutes, contactPagesRoutes, privacyRoutes } from './privacy';
import { retentionRoutes } from './privacy/retention';
import { transferRoutes } from './transfer';
import { importsRoutes } from './transfer/imports';
import { interactionsRoutes } from './interactions';
import { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from './queue-dashboard';
import { invitationLogRoutes } from './invitations/invitation-log.routes';
import { twilioWebhooksRoutes } from './invitations/twilio-webhooks.routes';
import { emailBouncesRoutes } from './invitations/email-bounces.routes';
import { testSendRoutes } from './invitations/test-send.routes';
import { unsubscribeRoutes } from './invitations/unsubscribe.routes';
import { landingRoutes, responsesRoutes } from './responses';
import { reportsRoutes } from './reports';
import { reportPageRoutes } from './reports/report-page.routes';
import { samplePageRoutes } from './reports/sample-page.routes';
import { rewardPoolsPageRoutes, rewardPoolsRoutes, rulePagesRoutes, rulesRoutes } from './rules';
import { surveyEditorRoutes, testSendPageRoutes } from './survey-editor';
import { surveysRoutes } from './surveys';
import { tasksRoutes } from './tasks';
import { inboxRoutes } from './tasks/inbox.routes';
import { triggerPagesRoutes, triggersRoutes } from './triggers';
import {
  appPageErrors,
  peoplePagesRoutes,
  settingsPageRoutes,
  signedInArea,
  usersRoutes,
  workspacesRoutes,
} from './workspaces';

export const BODY_LIMIT = '100kb';

export type AppDeps = Pick<
  Container,
  'config' | 'logger' | 'services' | 'probes' | 'outbox' | 'redis' | 'metrics' | 'queues'
> & {
  isShuttingDown?: () => boolean;
};

/** The Express app, fully wired, never listening: server.ts and supertest both use it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use(httpMetrics(deps.metrics.httpDuration));

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id =
          typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: {
        ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
      },
    }),
  );
  // Every entry the services write to the audit trail names this request and its actor.
  app.use(auditContextMiddleware());
  app.use(helmet());
  app.use((_req, res, next) => {
    // Tell keep-alive clients to reconnect elsewhere once this process is draining.
    if (deps.isShuttingDown?.()) res.setHeader('Connection', 'close');
    next();
  });
  app.use(
    healthRoutes(deps.probes, deps.isShuttingDown ?? (() => false), (name, err) =>
      deps.logger.warn({ err, dependency: name }, 'readiness check failed'),
    ),
  );
  // Without METRICS_TOKEN there is no /metrics here (404): METRICS_PORT serves it, or nothing.
  if (deps.config.METRICS_TOKEN)
    app.use(metricsRoutes(deps.metrics.registry, deps.config.METRICS_TOKEN));
  app.use(apiDocsRoutes());
  app.use(
    twilioWebhooksRoutes({
      config: deps.config,
      invitations: deps.services.invitations,
      contacts: deps.services.contacts,
      workspaces: deps.services.workspaces,
      dedupe: deps.services.webhookDedupe,
      whatsappSessions: deps.services.whatsappSessions,
      onReply: deps.services.responses.onSmsReply,
      counters: deps.metrics.counters,
    }),
  );
  app.use(
    landingRoutes({
      contexts: deps.services.responses.contexts,
      responses: deps.services.responses,
      emailClicks: deps.services.responses.emailClicks,
      redis: deps.redis,
      secret: deps.config.SESSION_SECRET,
      keyPrefix: deps.config.QUEUE_PREFIX,
      logger: deps.logger,
      limits: {
        perIpPerMinute: deps.config.LANDING_RATE_PER_IP_PER_MINUTE,
        perTokenPer10Minutes: deps.config.LANDING_RATE_PER_LINK_PER_10_MINUTES,
      },
    }),
  );
  app.use(inboundRoutes(deps.services.connectorDeliveries));
  app.use(unsubscribeRoutes(deps.services.invitations, deps.services.contacts));
  if (deps.config.NODE_ENV === 'development') app.use(devOutboxRoutes(deps.outbox));
  // Sessions, the signed-in user and CSRF: for the API and the /app pages, not the survey pages.
  app.use(
    signedInArea({
      users: deps.services.users,
      signIn: deps.services.signIn,
      workspaces: deps.services.workspaces,
      sessionIndex: deps.services.sessionIndex,
      redis: deps.redis,
      config: deps.config,
      sameOriginOnly: [QUEUE_DASHBOARD_PATH],
    }),
  );
  // Signed-in pages (after signedInArea: they need its session, user and CSRF check).
  app.use(
    inboxRoutes({
      tasks: deps.services.tasks,
      contacts: deps.services.contacts,
      responses: deps.services.responses,
      users: deps.services.users,
      workspaces: deps.services.workspaces,
    }),
  );
  app.use(
    reportPageRoutes({ reports: deps.services.reports, workspaces: deps.services.workspaces }),
  );
  app.use(
    samplePageRoutes({ reports: deps.services.reports, workspaces: deps.services.workspaces }),
  );
  app.use(auditPageRoutes({ audit: deps.services.audit, workspaces: deps.services.workspaces }));
  app.use(
    peoplePagesRoutes({
      users: deps.services.users,
      signIn: deps.services.signIn,
      workspaces: deps.services.workspaces,
      sessionIndex: deps.services.sessionIndex,
    }),
  );
  app.use(
    homeRoutes({
      workspaces: deps.services.workspaces,
      reports: deps.services.reports,
      surveys: deps.services.surveys,
      tasks: deps.services.tasks,
      invitations: deps.services.invitations,
      connectors: deps.services.connectors,
      deliveries: deps.services.connectorDeliveries,
    }),
  );
  app.use(
    invitationLogRoutes({
      invitations: deps.services.invitations,
      surveys: deps.services.surveys,
      workspaces: deps.services.workspaces,
    }),
  );
  app.use(
    connectorsPageRoutes({
      connectors: deps.services.connectors,
      deliveries: deps.services.connectorDeliveries,
      workspaces: deps.services.workspaces,
    }),
  );
  app.use(settingsPageRoutes({ workspaces: deps.services.workspaces, users: deps.services.users }));
  app.use(
    contactPagesRoutes({
      contacts: deps.services.contacts,
      privacy: deps.services.privacy,
      workspaces: deps.services.workspaces,
    }),
  );
  app.use(
    rewardPoolsPageRoutes({ rewards: deps.services.rules.rewards, rules: deps.services.rules }),
  );
  app.use(
    rulePagesRoutes({
      rules: deps.services.rules,
      users: deps.services.users,
      workspaces: deps.services.workspaces,
    }),
  );
  app.use(
    triggerPagesRoutes({
      triggers: deps.services.triggers,
      surveys: deps.services.surveys,
      workspaces: deps.services.workspaces,
      vocabulary: (id) => deps.services.interactions.recentVocabulary(id),
    }),
  );
  app.use(
    surveyEditorRoutes({
      surveys: deps.services.surveys,
      workspaces: deps.services.workspaces,
      publicUrl: deps.config.PUBLIC_URL,
    }),
  );
  app.use(
    testSendPageRoutes({
      surveys: deps.services.surveys,
      workspaces: deps.services.workspaces,
      testSend: deps.services.testSend,
    }),
  );
  mountQueueDashboard(app, { queues: deps.queues, operators: deps.config.OPERATOR_EMAILS });
  // Errors on the pages above become HTML pages; keep this after every /app router.
  app.use('/app', appPageErrors);

  const api = express.Router();
  // API answers carry workspace data: no browser or proxy may keep them.
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  const { workspaces, surveys, triggers, contacts, interactions } = deps.services;
  api.use(interactionsRoutes(workspaces, interactions));
  api.use(surveysRoutes(workspaces, surveys));
  api.use(testSendRoutes(workspaces, deps.services.testSend));
  api.use(triggersRoutes(workspaces, triggers));
  // Before contactsRoutes: /contacts/export is no contact id.
  api.use(privacyRoutes(workspaces, deps.services.privacy));
  api.use(contactsRoutes(workspaces, contacts));
  api.use(auditRoutes(workspaces, deps.services.audit));
  api.use(retentionRoutes(workspaces, deps.services.retention));
  api.use(transferRoutes(workspaces, deps.services.transfer));
  api.use(importsRoutes(workspaces, deps.services.responseImport));
  api.use(workspacesRoutes(workspaces, deps.services.workspaceTwilio));
  api.use(emailBouncesRoutes(workspaces, deps.services.invitations));
  api.use(usersRoutes(workspaces, deps.services.users, deps.services.signIn));
  api.use(responsesRoutes(workspaces, deps.services.responses));
  api.use(reportsRoutes(workspaces, deps.services.reports));
  api.use(rulesRoutes(workspaces, deps.services.rules));
  api.use(rewardPoolsRoutes(workspaces, deps.services.rules.rewards));
  api.use(tasksRoutes(workspaces, deps.services.tasks));
  api.use(
    connectorsRoutes(workspaces, deps.services.connectors, deps.services.connectorDeliveries),
  );
  app.use('/api/v1', api);

  // Unknown paths: an HTML page for browsers (also under /app), problem+json for APIs.
  app.use(negotiatedNotFound);
  app.use(errorHandler);
  return app;
}
