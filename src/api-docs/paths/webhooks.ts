import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { inboundAnswer } from '../../connectors/connector-view.schema';
import {
  inboundMessage,
  statusCallback,
  workspaceSlugParam,
} from '../../invitations/twilio-webhooks.schema';
import { json, operation, problems } from '../kit';

const form = 'application/x-www-form-urlencoded';
const twiml = (description: string) => ({
  description,
  content: {
    'text/xml': {
      schema: z.string(),
      example: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
    },
  },
});
const connectorId = z.object({ id: z.string().meta({ example: '6650c0ffee0000000000a1b2' }) });

export function registerWebhooks(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'post',
    path: '/webhooks/twilio/status',
    tag: 'Webhooks',
    access: { twilio: true },
    summary: 'Twilio message status callback (delivered, undelivered, failed)',
    description: 'Acted on once per MessageSid and status; a retried callback answers the same.',
    request: { body: { required: true, content: { [form]: { schema: statusCallback } } } },
    responses: { 200: twiml('An empty TwiML answer'), ...problems(400, 403) },
  });
  operation(r, {
    method: 'post',
    path: '/webhooks/twilio/inbound',
    tag: 'Webhooks',
    access: { twilio: true },
    summary: 'Inbound SMS or WhatsApp: STOP / START / HELP, or a score as a reply',
    request: { body: { required: true, content: { [form]: { schema: inboundMessage } } } },
    responses: { 200: twiml('TwiML, with a <Message> when Retour answers'), ...problems(400, 403) },
  });
  operation(r, {
    method: 'post',
    path: '/webhooks/twilio/{workspaceSlug}/status',
    tag: 'Webhooks',
    access: { twilio: true },
    summary: "Status callback for a workspace's own Twilio account",
    description:
      "Checked with that workspace's auth token (TWILIO_AUTH_TOKEN for a workspace on the installation account). Retour gives Twilio this URL on every send from the workspace's own account.",
    request: {
      params: workspaceSlugParam,
      body: { required: true, content: { [form]: { schema: statusCallback } } },
    },
    responses: { 200: twiml('An empty TwiML answer'), ...problems(400, 403, 404) },
  });
  operation(r, {
    method: 'post',
    path: '/webhooks/twilio/{workspaceSlug}/inbound',
    tag: 'Webhooks',
    access: { twilio: true },
    summary: "Inbound SMS or WhatsApp to a workspace's own Twilio number",
    description:
      "Checked with that workspace's auth token; the message belongs to that workspace. A WhatsApp quick-reply ButtonPayload (or list item ListId) answers a CSAT or CES survey.",
    request: {
      params: workspaceSlugParam,
      body: { required: true, content: { [form]: { schema: inboundMessage } } },
    },
    responses: {
      200: twiml('TwiML, with a <Message> when Retour answers'),
      ...problems(400, 403, 404),
    },
  });
  operation(r, {
    method: 'post',
    path: '/webhooks/connectors/{id}',
    tag: 'Webhooks',
    access: { connector: true },
    summary: "A provider's delivery (ticket solved, conversation closed, order fulfilled…)",
    description:
      "The raw body (at most 1 MB) is checked against the provider's signature header. Never 409, 429 or 503: providers retry those or disable the subscription.",
    request: {
      params: connectorId,
      body: { required: true, content: { 'application/json': { schema: z.unknown() } } },
    },
    responses: {
      202: json('Stored and queued', inboundAnswer, { accepted: true }),
      200: json('A duplicate, or an event that is no close', inboundAnswer, { duplicate: true }),
      ...problems(400, 401, 404, 413),
    },
  });
  operation(r, {
    method: 'head',
    path: '/webhooks/connectors/{id}',
    tag: 'Webhooks',
    access: { public: true },
    summary: "Whether the connector exists (Intercom's URL check)",
    request: { params: connectorId },
    responses: { 200: { description: 'It exists' }, 404: { description: 'No such connector' } },
  });
}
