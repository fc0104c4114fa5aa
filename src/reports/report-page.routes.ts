import { Router } from 'express';
import {
  actorOf,
  compileAppView,
  renderAppPage,
  renderMessagePage,
  requireUser,
  type WorkspacesService,
} from '../workspaces';
import { categoryFor, defaultRange, reportPageModel, reportPageQuery } from './report-page-model';
import type { ReportsService } from './reports.service';
import { AppError } from '../shared/errors';

export interface ReportPageDeps {
  reports: ReportsService;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}

const view = compileAppView('app/reports.hbs');

/**
 * GET /app/reports: the manager dashboard (admins and managers; agents get a 403 page). Every
 * filter is a query parameter of a GET form, so the URL is the shareable view.
 */
export function reportPageRoutes(deps: ReportPageDeps): Router {
  const router = Router();
  router.get('/app/reports', requireUser(['admin', 'manager']), async (req, res) => {
    const parsed = reportPageQuery.safeParse(req.query);
    const badRequest = (text: string) =>
      renderMessagePage(req, res, 400, {
        title: 'These report filters are not valid',
        text,
        links: [{ href: '/app/reports', label: 'Back to the reports' }],
      });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))];
      return badRequest(`Check ${fields.join(', ')}: dates are YYYY-MM-DD.`);
    }
    const q = parsed.data;
    const workspaceId = actorOf(req).workspaceId;
    let { from, to } = q;
    if (!from && !to) {
      const ws = await deps.workspaces.getWorkspace(workspaceId);
      ({ from, to } = defaultRange(ws.timezone));
    } else if (!from || !to) {
      // One date only: fill the other from the defaults so the URL states the whole range.
      const ws = await deps.workspaces.getWorkspace(workspaceId);
      const d = defaultRange(ws.timezone, to ? new Date(`${to}T12:00:00Z`) : undefined);
      from ??= d.from;
      to ??= d.to;
    }
    if (from > to) return badRequest('"From" must not be after "to".');
    const category = categoryFor(q.type, q.category);
    const base = { type: q.type, from, to, filters: {} };
    try {
      const [summary, trend, distribution, comments] = await Promise.all([
        deps.reports.summary(workspaceId, { ...base, groupBy: q.by }),
        deps.reports.trend(workspaceId, { ...base, period: 'week' }),
        deps.reports.distribution(workspaceId, base),
        deps.reports.comments(workspaceId, { ...base, category, limit: 20 }),
      ]);
      renderAppPage(
        req,
        res,
        view,
        reportPageModel({
          query: { type: q.type, from, to, by: q.by, category },
          summary,
          trend,
          distribution,
          comments,
        }),
      );
    } catch (err) {
      if (err instanceof AppError && err.status === 400) {
        return badRequest(
          (err.errors ?? []).map((p) => `${p.path} ${p.message}`).join('; ') || (err.detail ?? ''),
        );
      }
      throw err;
    }
  });
  return router;
}
