import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { importParams, importQuery } from '../../transfer/imports/imports.schema';
import { json, operation, problems } from '../kit';

const importResult = z
  .strictObject({
    format: z.enum(['delighted', 'formbricks']),
    surveyId: z.string(),
    imported: z.number().int().min(0),
    alreadyImported: z
      .number()
      .int()
      .min(0)
      .meta({ description: 'Rows whose response id was imported before: left as they were' }),
  })
  .meta({ id: 'ResponseImport' });

export function registerImports(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'post',
    path: '/api/v1/imports/{format}',
    tag: 'Responses',
    access: { key: 'admin', session: true },
    summary: 'Import responses from a Delighted or Formbricks CSV export',
    description:
      'Each row becomes a response of the workspace’s default survey of `type` (source `import`, tagged `imported:<format>`), with a contact found by email, and the other columns (person properties, hidden fields, attributes) as segment fields: agent, team, channel, product/plan, region/country and reason fill their own, the rest go to attributes. The tool’s response id keys each row, so importing a file again adds nothing. Every row is checked before anything is stored. At most 16 MB per file.',
    request: {
      params: importParams,
      query: importQuery,
      body: { required: true, content: { 'text/csv': { schema: z.string() } } },
    },
    responses: { 200: json('What was imported', importResult), ...problems(400) },
  });
}
