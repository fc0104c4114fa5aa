import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  apiKeyList,
  apiKeyView,
  issuedApiKey,
  twilioCheckView,
  workspaceView,
} from '../../workspaces/workspace-view.schema';
import {
  apiKeyInput,
  objectIdParam,
  workspaceSettingsInput,
} from '../../workspaces/workspaces.schema';
import { json, jsonBody, operation, problems } from '../kit';

const tag = 'Workspace and API keys';
const admin = { key: 'admin', session: true } as const;

export function registerWorkspaces(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/workspace',
    tag,
    access: { key: 'any', session: true },
    summary: "Read the caller's workspace",
    responses: { 200: json('The workspace settings', workspaceView) },
  });
  operation(r, {
    method: 'patch',
    path: '/api/v1/workspace',
    tag,
    access: admin,
    summary: 'Change the workspace settings',
    request: {
      body: jsonBody(workspaceSettingsInput, {
        quietHours: { start: '21:00', end: '08:00' },
        fatigueWindowDays: 30,
        twilio: {
          accountSid: 'AC0123456789abcdef0123456789abcdef',
          authToken: 'your-auth-token',
          messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
          smsFrom: '+33700000000',
        },
      }),
    },
    responses: {
      200: json('The changed settings', workspaceView),
      ...problems(400, 409),
    },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/workspace/twilio/check',
    tag,
    access: admin,
    summary: "Check the workspace's own Twilio credentials and senders with Twilio",
    description:
      'Fetches the account, its phone numbers and the Messaging Service with the stored credentials, and names each problem in words (refused credentials, a number not in the account, no SMS capability, no auth token to check webhooks with). 409 when the workspace uses the installation account.',
    responses: {
      200: json('What Twilio answered', twilioCheckView),
      ...problems(409),
    },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/api-keys',
    tag,
    access: admin,
    summary: 'List the API keys (never their secrets)',
    responses: { 200: json('The keys', apiKeyList) },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/api-keys',
    tag,
    access: admin,
    summary: 'Issue an API key',
    description: 'The secret is in this answer only; Retour keeps its SHA-256.',
    request: { body: jsonBody(apiKeyInput, { name: 'Helpdesk', scopes: ['interactions:write'] }) },
    responses: { 201: json('Issued', issuedApiKey), ...problems(400) },
  });
  operation(r, {
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    tag,
    access: admin,
    summary: 'Revoke an API key (idempotent)',
    request: { params: objectIdParam },
    responses: { 200: json('The revoked key', apiKeyView), ...problems(400, 404) },
  });
}
