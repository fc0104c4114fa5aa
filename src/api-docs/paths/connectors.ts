import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  connectorList,
  connectorView,
  connectorWithSecret,
  deliveryPage,
} from '../../connectors/connector-view.schema';
import {
  connectorInput,
  connectorPatch,
  deliveriesQuery,
} from '../../connectors/connectors.schema';
import { objectIdParam } from '../../workspaces/workspaces.schema';
import { json, jsonBody, operation, problems } from '../kit';

const tag = 'Connectors';
const access = { key: 'admin' } as const;

export function registerConnectors(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'post',
    path: '/api/v1/connectors',
    tag,
    access,
    summary: 'Connect a helpdesk, chat or shop',
    request: {
      body: jsonBody(connectorInput, {
        provider: 'zendesk',
        name: 'Zendesk EU',
        signingSecret: 'dGhlLXplbmRlc2stc2VjcmV0',
        survey: { type: 'csat', channels: ['email'] },
      }),
    },
    responses: { 201: json('Created, with its inboundUrl', connectorWithSecret), ...problems(400) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/connectors',
    tag,
    access,
    summary: 'List the connectors (secrets never come back)',
    responses: { 200: json('The connectors', connectorList) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/connectors/{id}',
    tag,
    access,
    summary: 'Read a connector',
    request: { params: objectIdParam },
    responses: { 200: json('The connector', connectorView), ...problems(400, 404) },
  });
  operation(r, {
    method: 'patch',
    path: '/api/v1/connectors/{id}',
    tag,
    access,
    summary: 'Change a connector, or rotate its Retour-generated secret',
    request: { params: objectIdParam, body: jsonBody(connectorPatch, { rotateSecret: true }) },
    responses: { 200: json('The changed connector', connectorWithSecret), ...problems(400, 404) },
  });
  operation(r, {
    method: 'delete',
    path: '/api/v1/connectors/{id}',
    tag,
    access,
    summary: 'Delete a connector (its URL then answers 404)',
    request: { params: objectIdParam },
    responses: { 204: { description: 'Deleted' }, ...problems(400, 404) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/connectors/{id}/deliveries',
    tag,
    access,
    summary: "The connector's delivery log, newest first",
    request: { params: objectIdParam, query: deliveriesQuery },
    responses: { 200: json('One page of deliveries', deliveryPage), ...problems(400, 404) },
  });
}
