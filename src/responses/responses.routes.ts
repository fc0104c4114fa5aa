import { Router } from 'express';
import { AppError } from '../shared/errors';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import { parseResponsesQuery } from './responses.schema';
import type { ResponsesService } from './responses.service';

/** The responses API: newest first, cursor-paged, filtered by type, category, dates, segment. */
export function responsesRoutes(
  workspaces: WorkspacesService,
  responses: ResponsesService,
): Router {
  const router = Router();
  const canRead = requireApiKey(workspaces, 'reports:read');
  router.get('/responses', canRead, async (req, res) => {
    const query = parseResponsesQuery(req.query as Record<string, unknown>);
    res.json(await responses.list(authOf(req).workspaceId, query));
  });
  router.get('/responses/:id', canRead, async (req, res) => {
    const response = await responses.get(authOf(req).workspaceId, String(req.params.id));
    if (!response) throw AppError.notFound('Response not found.');
    res.json(response);
  });
  return router;
}
