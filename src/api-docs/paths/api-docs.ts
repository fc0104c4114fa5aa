import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { operation } from '../kit';

export function registerApiDocs(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'API documents',
    access: { public: true },
    summary: 'This OpenAPI 3.1 document',
    responses: {
      200: {
        description: 'The document',
        content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
      },
    },
  });
}
