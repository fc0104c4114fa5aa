import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey } from './require-api-key';
import { apiKeyInput, objectIdParam, workspaceSettingsInput } from './workspaces.schema';
import type { WorkspacesService } from './workspaces.service';

export function workspacesRoutes(workspaces: WorkspacesService): Router {
  const router = Router();
  const admin = requireApiKey(workspaces, 'admin');

  router.get('/workspace', requireApiKey(workspaces), async (req, res) => {
    res.json(await workspaces.getWorkspace(authOf(req).workspaceId));
  });

  router.patch('/workspace', admin, async (req, res) => {
    const input = parseOrThrow(workspaceSettingsInput, req.body, 'workspace settings');
    res.json(await workspaces.updateSettings(authOf(req).workspaceId, input));
  });

  router.get('/api-keys', admin, async (req, res) => {
    res.json({ apiKeys: await workspaces.listApiKeys(authOf(req).workspaceId) });
  });

  router.post('/api-keys', admin, async (req, res) => {
    const input = parseOrThrow(apiKeyInput, req.body, 'API key');
    const issued = await workspaces.issueApiKey(authOf(req).workspaceId, input);
    res.status(201).location(`/api/v1/api-keys/${issued.id}`).json(issued);
  });

  router.delete('/api-keys/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    res.json(await workspaces.revokeApiKey(authOf(req).workspaceId, id));
  });

  return router;
}
