import { Router } from 'express';
import type { AuditTrail } from '../audit';
import { AppError } from '../shared/errors';
import { parseOrThrow } from '../shared/validation';
import { actorOf, requireUserOrApiKey, type WorkspacesService } from '../workspaces';
import { auditQuery, type AuditQuery } from './audit.schema';

/** A date-only bound means that day's start (from) or the next day's start (to), in UTC. */
export function auditFilterOf(q: AuditQuery) {
  const day = (s: string) => /^\d{4}-\d\d-\d\d$/.test(s);
  const to = q.to ? new Date(q.to) : undefined;
  if (to && q.to && day(q.to)) to.setUTCDate(to.getUTCDate() + 1);
  return {
    actor: q.actor,
    action: q.action,
    targetType: q.targetType,
    targetId: q.targetId,
    from: q.from ? new Date(q.from) : undefined,
    to,
  };
}

/** GET /audit: who changed what, newest first, for admins (key with the admin scope or session). */
export function auditRoutes(workspaces: WorkspacesService, audit: AuditTrail): Router {
  const router = Router();
  const admin = requireUserOrApiKey(workspaces, { roles: ['admin'], scope: 'admin' });
  router.get('/audit', admin, async (req, res) => {
    const q = parseOrThrow(auditQuery, req.query, 'query');
    const page = await audit.list(actorOf(req).workspaceId, auditFilterOf(q), {
      cursor: q.cursor,
      limit: q.limit,
    });
    if (!page)
      throw AppError.badRequest('The query is not valid.', [
        { path: 'cursor', message: 'is not a cursor this endpoint answered' },
      ]);
    res.json(page);
  });
  return router;
}
