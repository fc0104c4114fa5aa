import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import { interactionInput } from './interactions.schema';
import type { InteractionsService } from './interactions.service';

export function interactionsRoutes(
  workspaces: WorkspacesService,
  interactions: InteractionsService,
): Router {
  const router = Router();
  router.post(
    '/interactions',
    requireApiKey(workspaces, 'interactions:write'),
    async (req, res) => {
      const input = parseOrThrow(interactionInput, req.body, 'interaction');
      const { replayed, result } = await interactions.record(authOf(req).workspaceId, input);
      res.status(replayed ? 200 : 202).json(result);
    },
  );
  return router;
}
