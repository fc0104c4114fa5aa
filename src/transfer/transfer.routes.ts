import express, { Router } from 'express';
import { AppError } from '../shared/errors';
import { parseOrThrow } from '../shared/validation';
import { actorOf, requireUserOrApiKey, type WorkspacesService } from '../workspaces';
import { exportQuery } from './transfer.schema';
import type { WorkspaceTransfer } from './workspace-transfer.service';

export const NDJSON = 'application/x-ndjson';
/** An import larger than this is posted in pieces (any split on line boundaries works). */
export const IMPORT_BODY_LIMIT = '32mb';

/** GET /workspace/export (NDJSON stream) and POST /workspace/import, for admins. */
export function transferRoutes(workspaces: WorkspacesService, transfer: WorkspaceTransfer): Router {
  const router = Router();
  const admin = requireUserOrApiKey(workspaces, { roles: ['admin'], scope: 'admin' });

  router.get('/workspace/export', admin, async (req, res) => {
    const q = parseOrThrow(exportQuery, req.query, 'query');
    const lines = transfer.exportLines(actorOf(req).workspaceId, q);
    // The first line is read before the headers go, so a bad cursor is still a 400 problem.
    const first = await lines.next();
    res
      .status(200)
      .type(NDJSON)
      .setHeader('Content-Disposition', 'attachment; filename="workspace.ndjson"');
    if (!first.done) res.write(first.value);
    for await (const line of lines) {
      if (!res.write(line)) await new Promise((resolve) => res.once('drain', resolve));
      if (res.destroyed) return;
    }
    res.end();
  });

  router.post(
    '/workspace/import',
    admin,
    express.text({ type: [NDJSON, 'application/ndjson', 'text/plain'], limit: IMPORT_BODY_LIMIT }),
    async (req, res) => {
      if (typeof req.body !== 'string')
        throw AppError.badRequest('Send the export as application/x-ndjson.', [
          { path: '(body)', message: `must be ${NDJSON}` },
        ]);
      res.json(await transfer.importLines(actorOf(req).workspaceId, req.body.split('\n')));
    },
  );
  return router;
}
