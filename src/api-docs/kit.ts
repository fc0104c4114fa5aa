import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { problemSchema } from '../shared/problem.schema';
import type { ApiKeyScope } from '../workspaces/api-key';

export const PROBLEM_TYPE = 'application/problem+json';

/** Security scheme names, as registered in document.ts. */
export const SCHEMES = {
  apiKey: 'apiKey',
  session: 'session',
  twilio: 'twilioSignature',
} as const;

/** The header each connector provider signs its deliveries with (one scheme per provider). */
export const CONNECTOR_SIGNATURES = {
  zendesk: 'X-Zendesk-Webhook-Signature',
  freshdesk: 'X-Retour-Token',
  intercom: 'X-Hub-Signature',
  helpscout: 'X-HelpScout-Signature',
  chatwoot: 'X-Chatwoot-Signature',
  shopify: 'X-Shopify-Hmac-Sha256',
  generic: 'Retour-Signature',
} as const;
export const connectorScheme = (provider: string) => `${provider}Signature`;

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Bad input: `errors` names each bad field; nothing was stored',
  401: 'No credentials, or an unknown or revoked API key (with `WWW-Authenticate: Bearer`)',
  403: 'The API key lacks the scope, or the signed-in user the role; for Twilio a bad signature',
  404: "Not found in the caller's workspace (another workspace's id answers the same)",
  409: 'Conflicts with what is stored',
  413: 'The body is too large',
  429: 'Too many requests; retry after the Retry-After header',
  503: 'A service Retour depends on is not answering; retry after the Retry-After header',
};

const PROBLEM_EXAMPLES: Record<number, object> = {
  400: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'The interaction is not valid.',
    instance: '/api/v1/interactions',
    errors: [{ path: 'customer.phone', message: 'must be a valid phone number in E.164 format' }],
    requestId: '5b0f6a1e-2d7c-4f3e-9d8e-0a1b2c3d4e5f',
  },
  401: {
    type: 'about:blank',
    title: 'Unauthorized',
    status: 401,
    detail: 'This API key is unknown or has been revoked.',
  },
};

/** problem+json answers for the given statuses. */
export function problems(...statuses: number[]): Record<string, ResponseConfig> {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: PROBLEM_TEXT[status] ?? 'A problem',
        content: {
          [PROBLEM_TYPE]: {
            schema: problemSchema,
            ...(PROBLEM_EXAMPLES[status] ? { example: PROBLEM_EXAMPLES[status] } : {}),
          },
        },
      },
    ]),
  );
}

export function json(description: string, schema: z.ZodType, example?: unknown): ResponseConfig {
  return {
    description,
    content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
  };
}

export function jsonBody(
  schema: z.ZodType,
  example?: unknown,
): NonNullable<RouteConfig['request']>['body'] {
  return {
    required: true,
    content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
  };
}

/** Who may call: a bearer API key with `scope`, and optionally a signed-in session. */
export type Access =
  | { key: ApiKeyScope | 'any'; session?: boolean }
  | { twilio: true }
  | { connector: true }
  | { public: true };

function securityOf(access: Access): RouteConfig['security'] {
  if ('key' in access) {
    const scopes = access.key === 'any' ? [] : [access.key];
    return [{ [SCHEMES.apiKey]: scopes }, ...(access.session ? [{ [SCHEMES.session]: [] }] : [])];
  }
  if ('twilio' in access) return [{ [SCHEMES.twilio]: [] }];
  if ('connector' in access)
    return Object.keys(CONNECTOR_SIGNATURES).map((p) => ({ [connectorScheme(p)]: [] }));
  return [];
}

export interface Operation extends Omit<RouteConfig, 'security'> {
  tag: string;
  access: Access;
}

/**
 * Registers one operation: its security from `access`, and the 401 (and 403 where a scope or
 * role is needed) every authenticated route can answer.
 */
export function operation(registry: OpenAPIRegistry, op: Operation): void {
  const { tag, access, responses, ...rest } = op;
  const refusals = 'key' in access ? problems(401, ...(access.key !== 'any' ? [403] : [])) : {};
  registry.registerPath({
    ...rest,
    tags: [tag],
    security: securityOf(access),
    responses: { ...responses, ...refusals },
  });
}
