import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { auditPageView } from '../../privacy/audit-view.schema';
import { auditQuery } from '../../privacy/audit.schema';
import { json, operation, problems } from '../kit';

export function registerAudit(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/audit',
    tag: 'Audit trail',
    access: { key: 'admin', session: true },
    summary: 'Who changed what: the audit trail, newest first',
    description:
      'Changes to surveys, triggers, rules, users, API keys, connectors and settings, exports and erasures, sign-ins and failed sign-ins. Filters combine; `from`/`to` take a date or date-time (a date `to` includes that day). Pages are sorted by (at, id) descending; pass `nextCursor` back as `cursor`.',
    request: { query: auditQuery },
    responses: { 200: json('One page of entries', auditPageView), ...problems(400) },
  });
}
