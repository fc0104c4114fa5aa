import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { exportQuery } from '../../transfer/transfer.schema';
import { json, operation, problems } from '../kit';

const tag = 'Workspace and API keys';
const admin = { key: 'admin', session: true } as const;
const NDJSON = 'application/x-ndjson';

const importResult = z
  .strictObject({
    imported: z.record(z.string(), z.number().int().min(0)),
    conflicts: z.record(z.string(), z.number().int().min(0)).meta({
      description: 'Documents whose id or unique value belongs to another workspace here',
    }),
    complete: z.boolean().meta({ description: "The input held the export's end line" }),
  })
  .meta({ id: 'WorkspaceImport' });

export function registerTransfer(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/workspace/export',
    tag,
    access: admin,
    summary: 'Export the whole workspace as NDJSON (every collection, resumable by cursor)',
    description:
      'One JSON line each: a `header` (format, version, the workspace settings), then `doc` lines `{collection, cursor, doc}` (MongoDB Extended JSON, relaxed) in collection and id order, then `end` with counts per collection. With `limit`, a `more` line ends the piece: pass its cursor back. A broken download resumes from the last `doc` line’s cursor. API keys, password hashes, one-time links and queued jobs stay behind; connector secrets travel encrypted (the target needs the same SECRETS_KEY to read them).',
    request: { query: exportQuery },
    responses: {
      200: { description: 'The export', content: { [NDJSON]: { schema: z.string() } } },
      ...problems(400),
    },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/workspace/import',
    tag,
    access: admin,
    summary: 'Import an export (or pieces of one) into this workspace',
    description:
      'Send the NDJSON of GET /workspace/export (at most 32 MB per request: post a larger export in pieces split at line ends). Every line is checked before anything is written. Ids are preserved and workspaceId becomes this workspace’s, so importing the same file again changes nothing; the workspace’s own default surveys and rules give way to imported ones of the same key. Users arrive without passwords (they use “forgot password”).',
    request: {
      body: { required: true, content: { [NDJSON]: { schema: z.string() } } },
    },
    responses: { 200: json('What was imported', importResult), ...problems(400) },
  });
}
