import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { reportQueries } from '../../reports/report-query.schema';
import { reportView } from '../../reports/report-view.schema';
import { json, operation, problems } from '../kit';
import { filterParam } from './filter-param';

const tag = 'Reports';
const access = { key: 'reports:read', session: true } as const;

const JSON_REPORTS = {
  summary: 'Score, n, 95% interval and response rate, overall and by group',
  trend: 'The score per day, week or month',
  distribution: 'How many answers gave each score',
  volume: 'Invitations sent, delivered, opened and answered (the funnel)',
  revenue: 'Score by revenue tier',
  sample: 'A random sample of commented answers to read',
  followup: 'Detractor follow-up: tasks, time to first action, outcomes',
} as const;

const csv = (description: string) => ({
  description,
  content: { 'text/csv': { schema: z.string() } },
});

export function registerReports(r: OpenAPIRegistry): void {
  for (const [kind, summary] of Object.entries(JSON_REPORTS)) {
    operation(r, {
      method: 'get',
      path: `/api/v1/reports/${kind}`,
      tag,
      access,
      summary,
      request: { query: reportQueries[kind as keyof typeof JSON_REPORTS] },
      ...(kind === 'sample' ? {} : { parameters: [filterParam] }),
      responses: {
        200: json('The report', reportView[kind as keyof typeof JSON_REPORTS]),
        ...problems(400),
      },
    });
  }
  operation(r, {
    method: 'get',
    path: '/api/v1/reports/agents/{id}',
    tag,
    access,
    summary: "One agent's card: score, follow-up and latest comments",
    request: {
      params: z.object({ id: z.string().meta({ example: 'agent-7' }) }),
      query: reportQueries.agent,
    },
    parameters: [filterParam],
    responses: { 200: json('The agent card', reportView.agent), ...problems(400, 404) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/reports/summary.csv',
    tag,
    access,
    summary: 'The summary as CSV',
    request: { query: reportQueries.summary },
    parameters: [filterParam],
    responses: { 200: csv('CSV, one row per group'), ...problems(400) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/reports/responses.csv',
    tag,
    access,
    summary: 'Every response in the range as CSV (streamed)',
    request: { query: reportQueries.export },
    parameters: [filterParam],
    responses: { 200: csv('CSV, one row per response'), ...problems(400) },
  });
}
