import { Router } from 'express';
import type { AuditTrail } from '../audit';
import { compileAppView, pageT, renderAppPage } from '../pages';
import { zodProblems } from '../shared/validation';
import { actorOf, requireUser, type WorkspacesService } from '../workspaces';
import { auditPageModel } from './audit-page-model';
import { auditFilterOf } from './audit.routes';
import { auditQuery } from './audit.schema';

const view = compileAppView('app/audit.hbs');

/** GET /app/audit: the audit trail for admins, filtered by a GET form (works without JS). */
export function auditPageRoutes(deps: {
  audit: AuditTrail;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}): Router {
  const router = Router();
  router.get('/app/audit', requireUser(['admin']), async (req, res) => {
    const t = pageT(req);
    const workspaceId = actorOf(req).workspaceId;
    const ws = await deps.workspaces.getWorkspace(workspaceId);
    const base = { title: t('audit.title'), timeZone: ws.timezone, styles: ['audit.css'] };
    const parsed = auditQuery.safeParse(req.query);
    const page = parsed.success
      ? await deps.audit.list(workspaceId, auditFilterOf(parsed.data), {
          cursor: parsed.data.cursor,
          limit: parsed.data.limit,
        })
      : null;
    if (!parsed.success || !page) {
      const raw = req.query as Record<string, unknown>;
      const errors: Record<string, string> = {};
      for (const p of parsed.success
        ? [{ path: 'cursor', message: '' }]
        : zodProblems(parsed.error))
        errors[p.path.split('.')[0]!] = t('audit.invalid');
      const text = (k: string) => (typeof raw[k] === 'string' ? raw[k] : '');
      return renderAppPage(
        req,
        res,
        view,
        {
          ...base,
          form: {
            actor: text('actor'),
            action: text('action'),
            targetType: text('targetType'),
            targetId: text('targetId'),
            from: text('from'),
            to: text('to'),
          },
          errors,
          rows: [],
          invalid: true,
        },
        400,
      );
    }
    renderAppPage(req, res, view, { ...base, errors: {}, ...auditPageModel(page, parsed.data) });
  });
  return router;
}
