import express, { Router, type Request, type Response } from 'express';
import { Types } from 'mongoose';
import type { ContactsService } from '../contacts';
import type { ResponsesService } from '../responses';
import { AppError } from '../shared/errors';
import {
  actorOf,
  canReassign,
  requireUser,
  type UsersService,
  type WorkspacesService,
} from '../workspaces';
import { compileAppView, pageT, renderAppPage, renderMessagePage, requestLocale } from '../pages';
import { inboxQuery, INBOX_TABS, parseNote, parseOutcome, parseReassign } from './inbox-forms';
import { inboxRow } from './inbox-view-model';
import {
  taskActions,
  taskPageModel,
  type TaskControl,
  type TaskPageState,
} from './task-page-model';
import type { TasksService } from './tasks.service';

export interface InboxDeps {
  tasks: TasksService;
  contacts: Pick<ContactsService, 'namesByIds' | 'findById'>;
  responses: Pick<ResponsesService, 'get'>;
  users: Pick<UsersService, 'list'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
  now?: () => Date;
}

const views = {
  inbox: compileAppView('app/inbox.hbs'),
  task: compileAppView('app/task.hbs'),
};

/** `?done=…` after a form post: the notice shown (task.notice.<done> in the catalogue). */
const NOTICES = new Set(['claimed', 'started', 'note', 'reassigned', 'resolved']);

const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 20 });

/** The agent inbox and task pages (server-rendered, behind sign-in, forms with CSRF). */
export function inboxRoutes(deps: InboxDeps): Router {
  const router = Router();
  const clock = deps.now ?? (() => new Date());
  const signedIn = requireUser();

  const timezoneOf = async (req: Request) =>
    (await deps.workspaces.getWorkspace(req.user!.workspaceId)).timezone;

  router.get('/app/inbox', signedIn, async (req, res) => {
    const actor = actorOf(req);
    const { tab, cursor } = inboxQuery.parse(req.query);
    const [page, counts, timezone] = await Promise.all([
      deps.tasks.inbox(actor, tab, cursor),
      deps.tasks.counts(actor),
      timezoneOf(req),
    ]);
    const names = await deps.contacts.namesByIds(
      actor.workspaceId,
      page.items.flatMap((t) => (t.contactId ? [t.contactId] : [])),
    );
    const now = clock();
    const locale = requestLocale(req);
    const tr = pageT(req);
    const tabLabel = (key: (typeof INBOX_TABS)[number]) => tr(`inbox.tab.${key}`);
    renderAppPage(req, res, views.inbox, {
      title: tr('inbox.titleTab', { tab: tabLabel(tab) }),
      styles: ['inbox.css'],
      tabs: INBOX_TABS.map((t) => ({
        key: t,
        label: tabLabel(t),
        count: counts[t],
        href: `/app/inbox?tab=${t}`,
        current: t === tab,
        alert: t === 'overdue' && counts[t] > 0,
      })),
      tabLabel: tabLabel(tab),
      rows: page.items.map((t) =>
        inboxRow(t, (t.contactId && names.get(t.contactId)) || null, now, timezone, locale),
      ),
      empty: tr(cursor ? 'inbox.empty.more' : `inbox.empty.${tab}`),
      more: page.nextCursor
        ? `/app/inbox?tab=${tab}&cursor=${encodeURIComponent(page.nextCursor)}`
        : null,
      paged: !!cursor,
      firstPage: `/app/inbox?tab=${tab}`,
    });
  });

  const renderTask = async (
    req: Request,
    res: Response,
    state: TaskPageState = {},
    status = 200,
  ) => {
    const actor = actorOf(req);
    const id = String(req.params.id);
    const task = await deps.tasks.get(actor, id);
    const wsId = actor.workspaceId;
    const [response, contact, others, timezone, people] = await Promise.all([
      deps.responses.get(wsId, task.responseId),
      task.contactId ? deps.contacts.findById(wsId, new Types.ObjectId(task.contactId)) : null,
      task.contactId ? deps.tasks.forContact(actor, task.contactId) : [],
      timezoneOf(req),
      canReassign(actor) ? deps.users.list(wsId, { active: true }) : [],
    ]);
    const done = req.query.done;
    const notice =
      typeof done === 'string' && NOTICES.has(done) ? pageT(req)(`task.notice.${done}`) : undefined;
    const model = taskPageModel({
      task,
      response,
      contact,
      others: others.filter((o) => o.id !== task.id),
      people,
      actor,
      now: clock(),
      timezone,
      locale: requestLocale(req),
      state: { notice, ...state },
    });
    renderAppPage(req, res, views.task, { styles: ['inbox.css'], ...model }, status);
  };

  router.get('/app/tasks/:id', signedIn, (req, res) => renderTask(req, res));

  const done = (res: Response, id: string, what: string) =>
    res.redirect(303, `/app/tasks/${id}?done=${what}`);

  /**
   * Conflicts and bad input come back on the task page with the user's text kept, the message
   * next to the control that was used.
   */
  const orShowError = async (
    req: Request,
    res: Response,
    state: TaskPageState,
    action: () => Promise<void>,
    errorAt?: TaskControl,
  ) => {
    try {
      await action();
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 400)) throw err;
      await renderTask(req, res, { ...state, error: err.detail ?? err.title, errorAt }, err.status);
    }
  };

  router.post('/app/tasks/:id/claim', signedIn, form, async (req, res) => {
    const id = String(req.params.id);
    await orShowError(
      req,
      res,
      {},
      async () => {
        await deps.tasks.claim(actorOf(req), id);
        done(res, id, 'claimed');
      },
      'claim',
    );
  });

  router.post('/app/tasks/:id/start', signedIn, form, async (req, res) => {
    const id = String(req.params.id);
    await orShowError(
      req,
      res,
      {},
      async () => {
        await deps.tasks.start(actorOf(req), id);
        done(res, id, 'started');
      },
      'start',
    );
  });

  router.post('/app/tasks/:id/notes', signedIn, form, async (req, res) => {
    const id = String(req.params.id);
    const note = parseNote(req.body, pageT(req));
    const state = { noteText: note.kept, noteError: note.ok ? undefined : note.error };
    if (!note.ok) return renderTask(req, res, state, 400);
    await orShowError(
      req,
      res,
      state,
      async () => {
        await deps.tasks.addNote(actorOf(req), id, note.value);
        done(res, id, 'note');
      },
      'note',
    );
  });

  router.post('/app/tasks/:id/reassign', signedIn, form, async (req, res) => {
    const id = String(req.params.id);
    const actor = actorOf(req);
    if (!canReassign(actor)) {
      // Still a 404 for a task the agent cannot see, so the page reveals nothing.
      await deps.tasks.get(actor, id);
      const t = pageT(req);
      return renderMessagePage(req, res, 403, {
        title: t('errors.forbiddenTitle'),
        text: t('task.error.reassignRole'),
        links: [{ href: `/app/tasks/${id}`, label: t('task.error.backToTask') }],
      });
    }
    const target = parseReassign(req.body, pageT(req));
    if (!target.ok) return renderTask(req, res, { reassignError: target.error }, 400);
    await orShowError(
      req,
      res,
      {},
      async () => {
        await deps.tasks.reassign(actor, id, target.value);
        done(res, id, 'reassigned');
      },
      'reassign',
    );
  });

  router.post('/app/tasks/:id/resolve', signedIn, form, async (req, res) => {
    const id = String(req.params.id);
    const actor = actorOf(req);
    const outcome = parseOutcome(req.body, pageT(req));
    const state = { outcome: outcome.kept, outcomeError: outcome.ok ? undefined : outcome.error };
    const task = await deps.tasks.get(actor, id);
    // The page offers resolve only to whoever has the task; a stale or hand-made form too.
    if (task.status !== 'resolved' && !taskActions(task, actor).resolve) {
      const error = pageT(req)('task.error.claimFirst');
      return renderTask(req, res, { ...state, error, errorAt: 'resolve' }, 409);
    }
    if (!outcome.ok) return renderTask(req, res, state, 400);
    await orShowError(
      req,
      res,
      state,
      async () => {
        await deps.tasks.resolve(actor, id, outcome.value);
        done(res, id, 'resolved');
      },
      'resolve',
    );
  });

  return router;
}
