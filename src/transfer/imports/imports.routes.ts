import express, { Router } from 'express';
import { AppError } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import { actorOf, requireUserOrApiKey, type WorkspacesService } from '../../workspaces';
import { importParams, importQuery } from './imports.schema';
import type { ResponseImport } from './response-import.service';

export const IMPORT_CSV_LIMIT = '16mb';

/** POST /imports/delighted and /imports/formbricks: another tool's CSV export, for admins. */
export function importsRoutes(workspaces: WorkspacesService, imports: ResponseImport): Router {
  const router = Router();
  const admin = requireUserOrApiKey(workspaces, { roles: ['admin'], scope: 'admin' });
  router.post(
    '/imports/:format',
    admin,
    express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: IMPORT_CSV_LIMIT }),
    async (req, res) => {
      const { format } = parseOrThrow(importParams, req.params, 'path');
      const q = parseOrThrow(importQuery, req.query, 'query');
      if (typeof req.body !== 'string' || req.body.trim() === '')
        throw AppError.badRequest('Send the CSV file as text/csv.', [
          { path: '(body)', message: 'must be a CSV file (text/csv)' },
        ]);
      res.json(await imports.importCsv(actorOf(req).workspaceId, req.body, { format, ...q }));
    },
  );
  return router;
}
