import { Router } from 'express';
import { DateTime } from 'luxon';
import type { ConnectorsService, DeliveriesService } from '../connectors';
import type { InvitationsService } from '../invitations';
import { compileAppView, pageT, renderAppPage, requestLocale } from '../pages';
import type { ReportsService } from '../reports';
import { glanceRanges } from '../reports/glance.service';
import type { SurveyKind } from '../reports/score-figures';
import { seesWholeWorkspace } from '../shared/roles';
import type { SurveysService } from '../surveys';
import type { TasksService } from '../tasks';
import { actorOf, requireUser, type WorkspacesService } from '../workspaces';
import { homeModel } from './home-model';

export interface HomeDeps {
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
  reports: ReportsService;
  surveys: Pick<SurveysService, 'list'>;
  tasks: TasksService;
  invitations: Pick<InvitationsService, 'log'>;
  connectors: Pick<ConnectorsService, 'list'>;
  deliveries: Pick<DeliveriesService, 'troubleSince'>;
  clock?: () => Date;
}

const view = compileAppView('app/home.hbs');
const KINDS: readonly SurveyKind[] = ['nps', 'csat', 'ces'];

/** GET /app: today at a glance, for everyone signed in; what it shows follows the role. */
export function homeRoutes(deps: HomeDeps): Router {
  const router = Router();
  const clock = deps.clock ?? (() => new Date());

  /** Scores, comments and what is broken: the whole workspace, so managers and admins only. */
  const workspaceFigures = async (
    workspaceId: Parameters<ReportsService['glance']>[0],
    timezone: string,
    isAdmin: boolean,
    now: Date,
  ) => {
    const surveys = await deps.surveys.list(workspaceId);
    const kinds = KINDS.filter((k) => surveys.some((s) => s.type === k));
    const since = glanceRanges(now).current.from.toISOString();
    const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day').toJSDate();
    const [glance, comments, failedToday, trouble, connectors] = await Promise.all([
      Promise.all(kinds.map((type) => deps.reports.glance(workspaceId, { type, now }))),
      Promise.all(
        kinds.map(async (type) =>
          (
            await deps.reports.comments(workspaceId, {
              type,
              from: since,
              to: now.toISOString(),
              filters: {},
              limit: 5,
            })
          ).map((c) => ({ ...c, type })),
        ),
      ),
      deps.invitations.log.failedSince(workspaceId, today),
      isAdmin ? deps.deliveries.troubleSince(workspaceId, today) : Promise.resolve([]),
      isAdmin ? deps.connectors.list(workspaceId) : Promise.resolve([]),
    ]);
    const names = new Map(connectors.map((c) => [c.id, c]));
    return {
      glance,
      comments: comments
        .flat()
        .sort((a, b) => b.answeredAt.localeCompare(a.answeredAt) || b.id.localeCompare(a.id))
        .slice(0, 5),
      failedToday,
      connectorTrouble: trouble.flatMap((row) => {
        const c = names.get(row.connectorId);
        return c ? [{ ...row, id: c.id, name: c.name, provider: c.provider }] : [];
      }),
    };
  };

  router.get('/app', requireUser(), async (req, res) => {
    const user = req.user!;
    const actor = actorOf(req);
    const now = clock();
    const t = pageT(req);
    const ws = await deps.workspaces.getWorkspace(user.workspaceId);
    const seesWorkspace = seesWholeWorkspace(user);
    const isAdmin = user.role === 'admin';
    const [mine, counts, figures] = await Promise.all([
      deps.tasks.inbox(actor, 'mine', undefined, 5),
      deps.tasks.counts(actor),
      seesWorkspace ? workspaceFigures(user.workspaceId, ws.timezone, isAdmin, now) : null,
    ]);
    const model = homeModel({
      t,
      locale: requestLocale(req),
      now,
      seesWorkspace,
      isAdmin,
      glance: figures?.glance ?? [],
      myTasks: mine.items,
      counts,
      comments: figures?.comments ?? [],
      failedToday: figures?.failedToday ?? null,
      connectorTrouble: figures?.connectorTrouble ?? null,
    });
    renderAppPage(req, res, view, {
      title: t('home.title'),
      styles: ['ops.css'],
      timeZone: ws.timezone,
      workspaceName: ws.name,
      roleLabel: t(`roles.${user.role}`),
      teams: user.teams.join(', '),
      ...model,
    });
  });
  return router;
}
