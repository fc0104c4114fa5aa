import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { responsePage, responseView } from '../../responses/response-view.schema';
import { responsesQuery } from '../../responses/responses.schema';
import { json, operation, problems } from '../kit';
import { filterParam } from './filter-param';

const tag = 'Responses';
const access = { key: 'reports:read' } as const;

export function registerResponses(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/responses',
    tag,
    access,
    summary: 'List responses, newest first, cursor-paged',
    request: { query: responsesQuery },
    parameters: [filterParam],
    responses: { 200: json('One page of responses', responsePage), ...problems(400) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/responses/{id}',
    tag,
    access,
    summary: 'Read a response',
    request: { params: z.object({ id: z.string().meta({ example: '6650c0ffee0000000000a1b2' }) }) },
    responses: { 200: json('The response', responseView), ...problems(404) },
  });
}
