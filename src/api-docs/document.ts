import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import { API_KEY_SCOPES } from '../workspaces/api-key';
import { SESSION_COOKIE } from '../workspaces/users/sessions';
import { CONNECTOR_SIGNATURES, connectorScheme, SCHEMES } from './kit';
import { registerApiDocs } from './paths/api-docs';
import { registerConnectors } from './paths/connectors';
import { registerContacts } from './paths/contacts';
import { registerPrivacy, registerRetention } from './paths/privacy';
import { registerAudit } from './paths/audit';
import { registerTransfer } from './paths/transfer';
import { registerImports } from './paths/imports';
import { registerInteractions } from './paths/interactions';
import { registerInvitations } from './paths/invitations';
import { registerReports } from './paths/reports';
import { registerResponses } from './paths/responses';
import { registerRules } from './paths/rules';
import { registerSurveys } from './paths/surveys';
import { registerTasks } from './paths/tasks';
import { registerTriggers } from './paths/triggers';
import { registerUsers } from './paths/users';
import { registerWebhooks } from './paths/webhooks';
import { registerWorkspaces } from './paths/workspaces';

const SCOPES_TEXT: Record<(typeof API_KEY_SCOPES)[number], string> = {
  'interactions:write': 'post interactions (the trigger API)',
  'contacts:read': 'read contacts',
  'reports:read': 'read responses and reports',
  admin: 'manage surveys, triggers, rules, reward pools, connectors, users, keys and settings',
  tasks: 'read and work follow-up tasks',
};

function registerSecurity(r: OpenAPIRegistry): void {
  r.registerComponent('securitySchemes', SCHEMES.apiKey, {
    type: 'http',
    scheme: 'bearer',
    description: `An API key (\`rtr_…\`) as \`Authorization: Bearer <key>\`. Each operation lists the scope it needs: ${API_KEY_SCOPES.map((s) => `\`${s}\` (${SCOPES_TEXT[s]})`).join('; ')}.`,
  });
  r.registerComponent('securitySchemes', SCHEMES.session, {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'A signed-in session (POST /login). Unsafe requests also need the `X-CSRF-Token` header (GET /api/v1/me answers it). Roles: admin, manager, agent.',
  });
  r.registerComponent('securitySchemes', SCHEMES.twilio, {
    type: 'apiKey',
    in: 'header',
    name: 'X-Twilio-Signature',
    description:
      "Twilio's HMAC-SHA1 over the full URL and the sorted form parameters, with TWILIO_AUTH_TOKEN.",
  });
  for (const [provider, header] of Object.entries(CONNECTOR_SIGNATURES)) {
    r.registerComponent('securitySchemes', connectorScheme(provider), {
      type: 'apiKey',
      in: 'header',
      name: header,
      description: `A ${provider} connector's signature over the raw body, with its signing secret.`,
    });
  }
}

export function buildRegistry(): OpenAPIRegistry {
  const r = new OpenAPIRegistry();
  registerSecurity(r);
  for (const register of [
    registerInteractions,
    registerInvitations,
    registerSurveys,
    registerTriggers,
    registerRules,
    registerTasks,
    registerContacts,
    registerPrivacy,
    registerAudit,
    registerRetention,
    registerResponses,
    registerImports,
    registerReports,
    registerConnectors,
    registerWorkspaces,
    registerTransfer,
    registerUsers,
    registerWebhooks,
    registerApiDocs,
  ]) {
    register(r);
  }
  return r;
}

export function buildApiDocument(registry = buildRegistry()): OpenAPIObject {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Retour API',
      version: '1',
      description:
        'Trigger surveys from support interactions, read responses and reports, manage surveys, rules, tasks and connectors. Errors are RFC 9457 problem+json.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      'Interactions',
      'Invitations',
      'Surveys',
      'Triggers',
      'Rules',
      'Tasks',
      'Contacts',
      'Responses',
      'Reports',
      'Connectors',
      'Workspace and API keys',
      'Users',
      'Webhooks',
      'API documents',
    ].map((name) => ({ name })),
  }) as OpenAPIObject;
}
