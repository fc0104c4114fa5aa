import { Router } from 'express';
import { actorOf, requireUser, type WorkspacesService } from '../workspaces';
import { compileAppView, pageT, renderAppPage, renderMessagePage, requestLocale } from '../pages';
import type { ReportsService } from './reports.service';
import { samplePageModel, samplePageQuery } from './sample-page-model';

const view = compileAppView('app/sample.hbs');

/**
 * GET /app/reports/sample: the weekly spot check as a page (the digest links here), for
 * managers and admins. Week, type and size live in the URL.
 */
export function samplePageRoutes(deps: {
  reports: ReportsService;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}): Router {
  const router = Router();
  router.get('/app/reports/sample', requireUser(['admin', 'manager']), async (req, res) => {
    const parsed = samplePageQuery.safeParse(req.query);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
      const t = pageT(req);
      return renderMessagePage(req, res, 400, {
        title: t('sample.invalidTitle'),
        text: t('sample.invalidText', { problems: [...new Set(problems)].join('; ') }),
        links: [{ href: '/app/reports/sample', label: t('sample.lastWeek') }],
      });
    }
    const q = parsed.data;
    const workspaceId = actorOf(req).workspaceId;
    const [ws, sample] = await Promise.all([
      deps.workspaces.getWorkspace(workspaceId),
      deps.reports.sample(workspaceId, {
        week: q.week,
        type: q.type,
        size: q.size,
        filters: {},
      }),
    ]);
    renderAppPage(req, res, view, samplePageModel(sample, q, ws.timezone, requestLocale(req)));
  });
  return router;
}
