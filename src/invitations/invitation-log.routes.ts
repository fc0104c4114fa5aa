import { Router } from 'express';
import { compileAppView, pageT, renderAppPage, requestLocale } from '../pages';
import { AppError } from '../shared/errors';
import type { SurveysService } from '../surveys';
import { actorOf, requireUser, type WorkspacesService } from '../workspaces';
import { decodeLogCursor } from './invitation-log';
import { invitationLogModel, logRow } from './invitation-log-model';
import { parseLogQuery } from './invitation-log-query';
import type { InvitationsService } from './invitations.service';

export interface InvitationLogDeps {
  invitations: Pick<InvitationsService, 'log'>;
  surveys: Pick<SurveysService, 'list'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}

const listView = compileAppView('app/invitations.hbs');
const detailView = compileAppView('app/invitation.hbs');
const PAGE_SIZE = 25;

/** GET /app/invitations (+ /:id): the invitation log, for managers and admins. */
export function invitationLogRoutes(deps: InvitationLogDeps): Router {
  const router = Router();
  const staff = requireUser(['admin', 'manager']);

  const surveysOf = async (workspaceId: Parameters<SurveysService['list']>[0]) =>
    (await deps.surveys.list(workspaceId)).map((s) => ({ id: s.id, name: s.name, type: s.type }));

  router.get('/app/invitations', staff, async (req, res) => {
    const workspaceId = actorOf(req).workspaceId;
    const t = pageT(req);
    const { query, bad } = parseLogQuery(req.query as Record<string, unknown>);
    const [ws, surveys] = await Promise.all([
      deps.workspaces.getWorkspace(workspaceId),
      surveysOf(workspaceId),
    ]);
    const cursor = query.cursor ? (decodeLogCursor(query.cursor) ?? undefined) : undefined;
    // A bad filter shows the form with its error and no rows, rather than a guess.
    const page = bad.length
      ? { rows: [], next: null }
      : await deps.invitations.log.list(
          workspaceId,
          { ...query, surveyId: query.survey, timezone: ws.timezone },
          { limit: PAGE_SIZE, cursor },
        );
    const model = invitationLogModel({
      query,
      bad,
      rows: page.rows,
      next: page.next,
      surveys,
      t,
      locale: requestLocale(req),
    });
    renderAppPage(
      req,
      res,
      listView,
      { title: t('invitationLog.title'), styles: ['ops.css'], timeZone: ws.timezone, ...model },
      bad.length ? 400 : 200,
    );
  });

  router.get('/app/invitations/:id', staff, async (req, res) => {
    const workspaceId = actorOf(req).workspaceId;
    const t = pageT(req);
    const [ws, surveys, row] = await Promise.all([
      deps.workspaces.getWorkspace(workspaceId),
      surveysOf(workspaceId),
      deps.invitations.log.get(workspaceId, String(req.params.id)),
    ]);
    if (!row) throw AppError.notFound('Invitation not found.');
    const invitation = logRow(row, new Map(surveys.map((s) => [s.id, s])), t, requestLocale(req));
    renderAppPage(req, res, detailView, {
      title: t('invitationLog.detailTitle'),
      styles: ['ops.css'],
      timeZone: ws.timezone,
      invitation,
    });
  });
  return router;
}
