import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { contactErasureView, contactExportView } from '../../privacy/privacy-view.schema';
import { contactLookupQuery } from '../../privacy/privacy.schema';
import { retentionDryRunInput } from '../../privacy/retention/retention.routes';
import { retentionPlanView, retentionRunList } from '../../privacy/retention/retention-view.schema';
import { json, jsonBody, operation, problems } from '../kit';

const id = z.object({
  id: z.string().meta({
    description: 'The contact id, or the caller’s customer id',
    example: '6650c0ffee0000000000a1b2',
  }),
});

export function registerPrivacy(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/contacts/{id}/export',
    tag: 'Personal data',
    access: { key: 'admin' },
    summary: 'Export everything held about one person (GDPR art. 15)',
    request: { params: id },
    responses: { 200: json('The export', contactExportView), ...problems(404) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/contacts/export',
    tag: 'Personal data',
    access: { key: 'admin' },
    summary: 'Export a person found by exactly one of external id, email or phone',
    request: { query: contactLookupQuery },
    responses: {
      200: json('The export', contactExportView),
      ...problems(400, 404, 409),
    },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/contacts/{id}/erase',
    tag: 'Personal data',
    access: { key: 'admin' },
    summary:
      'Erase a person’s identifying data everywhere, keeping anonymous report facts (art. 17)',
    request: { params: id },
    responses: { 200: json('What was erased', contactErasureView), ...problems(404) },
  });
}

export function registerRetention(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'post',
    path: '/api/v1/privacy/retention/dry-run',
    tag: 'Personal data',
    access: { key: 'admin', session: true },
    summary: 'What the daily retention run would remove now (counts; nothing is written)',
    description:
      'Uses the workspace’s retention settings (PATCH /api/v1/workspace `retention`), or previews the fields given in `retention` before they are saved.',
    request: {
      body: jsonBody(retentionDryRunInput, { retention: { commentsDays: 365 } }),
    },
    responses: { 200: json('What would be removed', retentionPlanView), ...problems(400) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/privacy/retention/runs',
    tag: 'Personal data',
    access: { key: 'admin', session: true },
    summary: 'The last retention runs and what each removed',
    responses: { 200: json('The run log, newest first', retentionRunList) },
  });
}
