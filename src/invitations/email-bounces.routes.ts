import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { actorOf, requireUserOrApiKey, type WorkspacesService } from '../workspaces';
import { emailBounceInput } from './email-bounces.schema';
import type { InvitationsService } from './invitations.service';

/** Bounces of invitation emails, reported by the mail provider's webhook relay or a DSN reader. */
export function emailBouncesRoutes(
  workspaces: WorkspacesService,
  invitations: InvitationsService,
): Router {
  const router = Router();
  const reporter = requireUserOrApiKey(workspaces, {
    roles: ['admin'],
    scope: 'interactions:write',
  });
  router.post('/email-bounces', reporter, async (req, res) => {
    const input = parseOrThrow(emailBounceInput, req.body, 'email bounce');
    res.json(await invitations.applyBounce(actorOf(req).workspaceId, input, new Date()));
  });
  return router;
}
