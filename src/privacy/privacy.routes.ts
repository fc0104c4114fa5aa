import { Router } from 'express';
import type { ContactLookup } from '../contacts';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import { contactLookupQuery } from './privacy.schema';
import type { PrivacyService } from './privacy.service';

/** Access and erasure requests for one person; admin keys only. Mount before /contacts/:id. */
export function privacyRoutes(workspaces: WorkspacesService, privacy: PrivacyService): Router {
  const router = Router();
  const admin = requireApiKey(workspaces, 'admin');
  router.get('/contacts/export', admin, async (req, res) => {
    const q = parseOrThrow(contactLookupQuery, req.query, 'query');
    const lookup: ContactLookup =
      q.externalId !== undefined
        ? { externalId: q.externalId }
        : q.email !== undefined
          ? { email: q.email }
          : { phone: q.phone! };
    res.json(await privacy.exportContact(authOf(req).workspaceId, lookup));
  });
  router.get('/contacts/:id/export', admin, async (req, res) => {
    res.json(await privacy.exportContact(authOf(req).workspaceId, { ref: String(req.params.id) }));
  });
  router.post('/contacts/:id/erase', admin, async (req, res) => {
    res.json(await privacy.eraseContact(authOf(req).workspaceId, { ref: String(req.params.id) }));
  });
  return router;
}
