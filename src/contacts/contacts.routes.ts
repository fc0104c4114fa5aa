import { Router } from 'express';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import type { ContactsService } from './contacts.service';

export function contactsRoutes(workspaces: WorkspacesService, contacts: ContactsService): Router {
  const router = Router();
  router.get('/contacts/:id', requireApiKey(workspaces, 'contacts:read'), async (req, res) => {
    res.json(await contacts.get(authOf(req).workspaceId, String(req.params.id)));
  });
  return router;
}
