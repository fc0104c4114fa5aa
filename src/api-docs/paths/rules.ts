import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { codesInput, poolParam } from '../../rules/reward-pools.schema';
import {
  dryRunResult,
  rewardCodesAdded,
  rewardStock,
  ruleList,
  ruleView,
} from '../../rules/rule-view.schema';
import { dryRunInput, ruleInput, rulePatch } from '../../rules/rules.schema';
import { objectIdParam } from '../../workspaces/workspaces.schema';
import { json, jsonBody, operation, problems } from '../kit';

const tag = 'Rules';
const access = { key: 'admin' } as const;
const example = {
  name: 'Detractors get a call back',
  priority: 10,
  conditions: { all: [{ field: 'category', op: 'eq', value: 'detractor' }] },
  actions: [{ type: 'create_task', priority: 'high', sla: { businessHours: 8 } }],
};

export function registerRules(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/rules',
    tag,
    access,
    summary: 'List the rules',
    responses: { 200: json('The rules', ruleList) },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/rules/dry-run',
    tag,
    access,
    summary: 'Which rules would match a response, and which actions they would run',
    request: {
      body: jsonBody(dryRunInput, {
        response: { type: 'nps', score: 3, comment: 'Too slow' },
      }),
    },
    responses: { 200: json('The evaluation; nothing is run', dryRunResult), ...problems(400, 404) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/rules/{id}',
    tag,
    access,
    summary: 'Read a rule',
    request: { params: objectIdParam },
    responses: { 200: json('The rule', ruleView), ...problems(400, 404) },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/rules',
    tag,
    access,
    summary: 'Create a rule',
    request: { body: jsonBody(ruleInput, example) },
    responses: { 201: json('Created (Location: its URL)', ruleView), ...problems(400) },
  });
  operation(r, {
    method: 'patch',
    path: '/api/v1/rules/{id}',
    tag,
    access,
    summary: 'Change a rule',
    request: { params: objectIdParam, body: jsonBody(rulePatch, { active: false }) },
    responses: { 200: json('The changed rule', ruleView), ...problems(400, 404) },
  });
  operation(r, {
    method: 'delete',
    path: '/api/v1/rules/{id}',
    tag,
    access,
    summary: 'Delete a rule',
    request: { params: objectIdParam },
    responses: { 204: { description: 'Deleted' }, ...problems(400, 404) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/reward-pools/{pool}',
    tag,
    access,
    summary: 'How many codes a reward pool has left',
    request: { params: poolParam },
    responses: {
      200: json('The stock (zero for a pool never loaded)', rewardStock),
      ...problems(400),
    },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/reward-pools/{pool}/codes',
    tag,
    access,
    summary: 'Load reward codes (a code already in the pool is kept)',
    request: {
      params: poolParam,
      body: jsonBody(codesInput, { codes: ['THANKS-5-A1', 'THANKS-5-B2'] }),
    },
    responses: {
      200: json('How many were new, and the stock', rewardCodesAdded),
      ...problems(400),
    },
  });
}
