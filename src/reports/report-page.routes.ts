import { Router } from 'express';
import { actorOf, requireUser, type WorkspacesService } from '../workspaces';
import { compileAppView, pageT, renderAppPage, renderMessagePage, requestLocale } from '../pages';
import { splitFilterParams } from '../shared/filter-params';
import {
  categoryFor,
  defaultRange,
  pageFilters,
  reportPageModel,
  reportPageQuery,
  type Breakdown,
} from './report-page-model';
import { fieldOf } from './report-query.schema';
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
    const { rest, filters: rawFilters } = splitFilterParams(req.query as Record<string, unknown>);
    const parsed = reportPageQuery.safeParse(rest);
    const page = pageFilters(rawFilters);
    const t = pageT(req);
    const badRequest = (text: string) =>
      renderMessagePage(req, res, 400, {
        title: t('reports.invalidTitle'),
        text,
        links: [{ href: '/app/reports', label: t('reports.back') }],
      });
    if (!parsed.success || page.problems.length) {
      const problems = [
        ...(parsed.error?.issues ?? []).map((i) => `${i.path.join('.')} ${i.message}`),
        ...page.problems,
      ];
      return badRequest(t('reports.invalidText', { problems: [...new Set(problems)].join('; ') }));
    }
    const q = parsed.data;
    const workspaceId = actorOf(req).workspaceId;
    const ws = await deps.workspaces.getWorkspace(workspaceId);
    let { from, to } = q;
    if (!from && !to) {
      ({ from, to } = defaultRange(ws.timezone));
    } else if (!from || !to) {
      // One date only: fill the other from the defaults so the URL states the whole range.
      const d = defaultRange(ws.timezone, to ? new Date(`${to}T12:00:00Z`) : undefined);
      from ??= d.from;
      to ??= d.to;
    }
    if (from > to) return badRequest(t('reports.fromAfterTo'));
    const category = categoryFor(q.type, q.category);
    const filters = Object.fromEntries(
      Object.entries(page.filters).map(([dimension, value]) => [
        fieldOf(dimension as Breakdown),
        value,
      ]),
    );
    const base = { type: q.type, from, to, filters };
    const segment = q.cdim && q.cval ? { dimension: q.cdim, value: q.cval } : undefined;
    try {
      const [summary, trend, distribution, comments, followup, volume, segmentGroups] =
        await Promise.all([
          deps.reports.summary(workspaceId, { ...base, groupBy: q.by }),
          deps.reports.trend(workspaceId, { ...base, period: 'week' }),
          deps.reports.distribution(workspaceId, base),
          deps.reports.comments(workspaceId, {
            ...base,
            category,
            segment,
            limit: 20,
          }),
          deps.reports.followup(workspaceId, base),
          deps.reports.volume(workspaceId, base),
          // The comment segment's values, unless the breakdown already lists them.
          q.cdim && q.cdim !== q.by
            ? deps.reports.summary(workspaceId, { ...base, groupBy: q.cdim }).then((s) => s.groups)
            : null,
        ]);
      renderAppPage(
        req,
        res,
        view,
        reportPageModel({
          query: {
            type: q.type,
            from,
            to,
            by: q.by,
            category,
            cdim: q.cdim,
            cval: q.cval,
            filters: page.filters,
          },
          demoHistorySeededAt: ws.demoHistorySeededAt?.toISOString() ?? null,
          summary,
          trend,
          distribution,
          comments,
          segmentValues: segmentGroups ?? (q.cdim ? summary.groups : []),
          followup: followup.overall,
          volume,
          locale: requestLocale(req),
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
