import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { interactionResult } from '../../interactions/interaction-result.schema';
import { interactionInput } from '../../interactions/interactions.schema';
import { json, jsonBody, operation, problems } from '../kit';

const example = {
  id: 'ticket-48213',
  type: 'ticket_solved',
  occurredAt: '2026-05-04T09:30:00+02:00',
  customer: { id: 'cus_981', name: 'Ana Martin', phone: '+33612345678', locale: 'fr' },
  agent: { id: 'agent-7', name: 'Louis' },
  team: 'support-fr',
  channel: 'phone',
  attributes: { product: 'box-pro', region: 'EU' },
};

const answer = {
  interaction: { id: '6650c0ffee0000000000a1b2', externalId: 'ticket-48213' },
  invitations: [
    {
      id: '6650c0ffee0000000000a1b3',
      survey: 'support-nps',
      type: 'nps',
      channel: 'sms',
      status: 'scheduled',
      scheduledFor: '2026-05-04T08:30:00.000Z',
      url: null,
    },
  ],
};

export function registerInteractions(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'post',
    path: '/api/v1/interactions',
    tag: 'Interactions',
    access: { key: 'interactions:write' },
    summary: 'Record a support interaction (the survey trigger)',
    description:
      'Idempotent on `id`: a repeated id answers 200 with the first result and schedules nothing new.',
    request: { body: jsonBody(interactionInput, example) },
    responses: {
      202: json('Recorded; the invitations it scheduled or suppressed', interactionResult, answer),
      200: json('A replay of an id already recorded: the first answer', interactionResult),
      ...problems(400, 413),
    },
  });
}
