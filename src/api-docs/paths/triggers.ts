import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { triggerList, triggerView } from '../../triggers/trigger-view.schema';
import { triggerInput, triggerPatch } from '../../triggers/triggers.schema';
import { objectIdParam } from '../../workspaces/workspaces.schema';
import { json, jsonBody, operation, problems } from '../kit';

const tag = 'Triggers';
const access = { key: 'admin' } as const;
const example = {
  name: 'Solved tickets',
  eventType: 'ticket_solved',
  surveyId: '6650c0ffee0000000000a1b2',
  channels: ['sms', 'email'],
  delay: 'PT1H',
  samplingRate: 50,
  conditions: { field: 'team', op: 'eq', value: 'support-fr' },
};

export function registerTriggers(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/triggers',
    tag,
    access,
    summary: 'List the triggers',
    responses: { 200: json('The triggers', triggerList) },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/triggers',
    tag,
    access,
    summary: 'Create a trigger',
    request: { body: jsonBody(triggerInput, example) },
    responses: {
      201: json('Created (Location: its URL)', triggerView),
      ...problems(400, 404),
    },
  });
  operation(r, {
    method: 'patch',
    path: '/api/v1/triggers/{id}',
    tag,
    access,
    summary: 'Change a trigger',
    request: { params: objectIdParam, body: jsonBody(triggerPatch, { active: false }) },
    responses: { 200: json('The changed trigger', triggerView), ...problems(400, 404) },
  });
  operation(r, {
    method: 'delete',
    path: '/api/v1/triggers/{id}',
    tag,
    access,
    summary: 'Delete a trigger',
    request: { params: objectIdParam },
    responses: { 204: { description: 'Deleted' }, ...problems(400, 404) },
  });
}
