import { Router } from 'express';
import { actorOf, requireUserOrApiKey, type WorkspacesService } from '../workspaces';
import { parseReportQuery } from './report-query.schema';
import type { ReportsService } from './reports.service';

const JSON_REPORTS = [
  'summary',
  'trend',
  'distribution',
  'volume',
  'revenue',
  'sample',
  'followup',
] as const;

/**
 * Reports under /reports: JSON, plus a CSV export of responses. An API key with reports:read,
 * or a signed-in admin or manager; always the caller's own workspace.
 */
export function reportsRoutes(workspaces: WorkspacesService, reports: ReportsService): Router {
  const router = Router();
  const canRead = requireUserOrApiKey(workspaces, {
    roles: ['admin', 'manager'],
    scope: 'reports:read',
  });
  for (const kind of JSON_REPORTS) {
    router.get(`/reports/${kind}`, canRead, async (req, res) => {
      const query = parseReportQuery(kind, req.query as Record<string, unknown>);
      const run = reports[kind] as (ws: unknown, q: typeof query) => Promise<unknown>;
      res.json(await run(actorOf(req).workspaceId, query));
    });
  }
  router.get('/reports/agents/:id', canRead, async (req, res) => {
    const query = parseReportQuery('agent', req.query as Record<string, unknown>);
    const id = String(req.params.id);
    res.json(await reports.agentCard(actorOf(req).workspaceId, id, query));
  });
  router.get('/reports/summary.csv', canRead, async (req, res) => {
    const query = parseReportQuery('summary', req.query as Record<string, unknown>);
    const csv = await reports.summaryCsv(actorOf(req).workspaceId, query);
    res.status(200);
    res.type('text/csv; charset=utf-8');
    res.attachment(`summary-${query.type}.csv`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(csv);
  });
  router.get('/reports/responses.csv', canRead, async (req, res) => {
    const query = parseReportQuery('export', req.query as Record<string, unknown>);
    res.status(200);
    res.type('text/csv; charset=utf-8');
    res.attachment('responses.csv');
    res.setHeader('Cache-Control', 'no-store');
    try {
      await reports.exportResponses(actorOf(req).workspaceId, query, res);
    } catch (err) {
      // Headers may be out already: cut the stream rather than append an error to the CSV.
      if (!res.headersSent) throw err;
      res.destroy(err as Error);
    }
  });
  return router;
}
