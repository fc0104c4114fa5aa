import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import { objectIdParam } from '../workspaces/workspaces.schema';
import { triggerInput, triggerPatch } from './triggers.schema';
import type { TriggersService } from './triggers.service';

export function triggersRoutes(workspaces: WorkspacesService, triggers: TriggersService): Router {
  const router = Router();
  const admin = requireApiKey(workspaces, 'admin');

  router.get('/triggers', admin, async (req, res) => {
    res.json({ triggers: await triggers.list(authOf(req).workspaceId) });
  });

  router.post('/triggers', admin, async (req, res) => {
    const input = parseOrThrow(triggerInput, req.body, 'trigger');
    const trigger = await triggers.create(authOf(req).workspaceId, input);
    res.status(201).location(`/api/v1/triggers/${trigger.id}`).json(trigger);
  });

  router.patch('/triggers/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    const patch = parseOrThrow(triggerPatch, req.body, 'trigger');
    res.json(await triggers.update(authOf(req).workspaceId, id, patch));
  });

  router.delete('/triggers/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    await triggers.remove(authOf(req).workspaceId, id);
    res.status(204).end();
  });

  return router;
}
