import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { actorOf, requireUserOrApiKey, type WorkspacesService } from '../workspaces';
import { objectIdParam } from '../workspaces/workspaces.schema';
import type { TestSend } from './test-send';
import { testSendInput } from './test-send.schema';

/** A survey's message sent once to one address, to see it as a customer will. */
export function testSendRoutes(workspaces: WorkspacesService, testSend: TestSend): Router {
  const router = Router();
  const editors = requireUserOrApiKey(workspaces, {
    roles: ['admin', 'manager'],
    scope: 'admin',
  });
  router.post('/surveys/:id/test-send', editors, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    const input = parseOrThrow(testSendInput, req.body, 'test send');
    res.json(await testSend(actorOf(req).workspaceId, id, input));
  });
  return router;
}
