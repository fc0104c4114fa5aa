import { Router, type Request, type Response } from 'express';
import { compileAppView, pageT, renderAppPage } from '../../pages';
import { AppError } from '../../shared/errors';
import type { WorkspacesService } from '../workspaces.service';
import {
  parseAccess,
  parseActive,
  parseInvite,
  type AccessFields,
  type AccessForm,
  type FieldErrors,
  type InviteFields,
  type InviteForm,
} from './people-forms';
import { actorOf, requireUser } from './require-user';
import type { SignInService } from './sign-in.service';
import {
  localeOptions,
  personRow,
  personState,
  roleOptions,
  translatedErrors,
} from './users-page-model';
import { UserRuleError, type UsersService } from './users.service';

export interface UsersPagesDeps {
  users: UsersService;
  signIn: Pick<SignInService, 'invite'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}

const views = {
  list: compileAppView('app/users.hbs'),
  person: compileAppView('app/user.hbs'),
};

/** `?done=…` after a form post: the notice shown (users.notice.<done> in the catalogue). */
const NOTICES = new Set([
  'invited',
  'inviteUnsent',
  'alreadyInvited',
  'saved',
  'deactivated',
  'reactivated',
  'reinvited',
]);

interface InviteState {
  kept?: InviteForm;
  errors?: FieldErrors<InviteFields>;
  /** Said next to the email field in the reader's words, e.g. an email already in use. */
  emailError?: string;
}

interface PersonPageState {
  access?: { kept: AccessForm; errors?: FieldErrors<AccessFields>; roleError?: string };
  activeError?: string;
  inviteError?: string;
}

const noticeOf = (req: Request): string | undefined => {
  const done = req.query.done;
  return typeof done === 'string' && NOTICES.has(done) ? done : undefined;
};

/** /app/users: admins list, invite and change the workspace's people (same service as the API). */
export function usersPagesRoutes(deps: UsersPagesDeps): Router {
  const router = Router();
  const admins = requireUser(['admin']);

  const idOf = (req: Request): string => {
    const id = String(req.params.id);
    if (!/^[0-9a-f]{24}$/i.test(id)) {
      throw AppError.notFound('User not found.');
    }
    return id;
  };

  const listPage = async (req: Request, res: Response, invite: InviteState = {}, status = 200) => {
    const actor = actorOf(req);
    const t = pageT(req);
    const [people, ws] = await Promise.all([
      deps.users.list(actor.workspaceId),
      deps.workspaces.getWorkspace(actor.workspaceId),
    ]);
    const kept = invite.kept ?? {
      email: '',
      name: '',
      role: 'agent',
      teams: '',
      locale: ws.defaultLocale,
    };
    const errors = translatedErrors(t, invite.errors);
    if (invite.emailError) errors.email = invite.emailError;
    const done = noticeOf(req);
    const subject = done && typeof req.query.id === 'string' ? req.query.id : null;
    const named = subject ? people.find((p) => p.id === subject) : undefined;
    renderAppPage(
      req,
      res,
      views.list,
      {
        title: t('users.title'),
        styles: ['people.css'],
        timeZone: ws.timezone,
        notice: done && named ? t(`users.notice.${done}`, { email: named.email }) : undefined,
        noticeWarn: done === 'inviteUnsent',
        people: people.map((p) => personRow(p, t, String(actor.userId))),
        invite: {
          form: kept,
          errors,
          hasErrors: Object.keys(errors).length > 0,
          roles: roleOptions(t, kept.role),
          locales: localeOptions(kept.locale || ws.defaultLocale),
        },
      },
      status,
    );
  };

  const personPage = async (
    req: Request,
    res: Response,
    state: PersonPageState = {},
    status = 200,
  ) => {
    const actor = actorOf(req);
    const t = pageT(req);
    const id = idOf(req);
    const [user, ws] = await Promise.all([
      deps.users.get(actor.workspaceId, id),
      deps.workspaces.getWorkspace(actor.workspaceId),
    ]);
    const kept = state.access?.kept ?? { role: user.role, teams: user.teams.join(', ') };
    const accessErrors = translatedErrors(t, state.access?.errors);
    if (state.access?.roleError) accessErrors.role = state.access.roleError;
    const done = noticeOf(req);
    renderAppPage(
      req,
      res,
      views.person,
      {
        title: user.name,
        styles: ['people.css'],
        timeZone: ws.timezone,
        notice: done ? t(`users.notice.${done}`, { email: user.email }) : undefined,
        noticeWarn: done === 'inviteUnsent',
        person: personRow(user, t, String(actor.userId)),
        pending: personState(user) === 'invited',
        active: user.active,
        access: {
          form: kept,
          errors: accessErrors,
          roles: roleOptions(t, kept.role),
        },
        activeError: state.activeError,
        inviteError: state.inviteError,
      },
      status,
    );
  };

  router.get('/app/users', admins, (req, res) => listPage(req, res));

  router.post('/app/users', admins, async (req, res) => {
    const actor = actorOf(req);
    const form = parseInvite(req.body);
    if (!form.ok) return listPage(req, res, { kept: form.kept, errors: form.errors }, 400);
    let user;
    try {
      user = await deps.users.create(actor.workspaceId, form.value);
    } catch (err) {
      if (!(err instanceof UserRuleError && err.rule === 'email-taken')) throw err;
      // Posted twice (a double click, a reload): the first invitation stands, no second mail.
      const existing = await deps.users.findByEmail(actor.workspaceId, form.value.email);
      if (existing && personState(existing) === 'invited') {
        return res.redirect(303, `/app/users?done=alreadyInvited&id=${existing.id}`);
      }
      const emailError = pageT(req)('users.error.emailTaken');
      return listPage(req, res, { kept: form.kept, emailError }, 409);
    }
    const sent = await deps.signIn.invite(user).then(
      () => true,
      () => false,
    );
    res.redirect(303, `/app/users?done=${sent ? 'invited' : 'inviteUnsent'}&id=${user.id}`);
  });

  router.get('/app/users/:id', admins, (req, res) => personPage(req, res));

  /** The service's rules (last admin, oneself) come back next to the control, in words. */
  const ruleText = (req: Request, err: unknown): string | null =>
    err instanceof UserRuleError ? pageT(req)(`users.error.rule.${err.rule}`) : null;

  router.post('/app/users/:id', admins, async (req, res) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const form = parseAccess(req.body);
    if (!form.ok) {
      return personPage(req, res, { access: { kept: form.kept, errors: form.errors } }, 400);
    }
    try {
      await deps.users.update(actor.workspaceId, id, form.value, actor);
    } catch (err) {
      const roleError = ruleText(req, err);
      if (!roleError) throw err;
      return personPage(req, res, { access: { kept: form.kept, roleError } }, 409);
    }
    // An admin who made themselves a manager may no longer open this page.
    if (actor.userId?.equals(id) && form.value.role !== 'admin') {
      return res.redirect(303, '/app');
    }
    res.redirect(303, `/app/users/${id}?done=saved`);
  });

  router.post('/app/users/:id/active', admins, async (req, res) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const active = parseActive(req.body);
    if (active === null) {
      return personPage(req, res, { activeError: pageT(req)('users.error.active') }, 400);
    }
    try {
      await deps.users.update(actor.workspaceId, id, { active }, actor);
    } catch (err) {
      const activeError = ruleText(req, err);
      if (!activeError) throw err;
      return personPage(req, res, { activeError }, 409);
    }
    res.redirect(303, `/app/users/${id}?done=${active ? 'reactivated' : 'deactivated'}`);
  });

  router.post('/app/users/:id/invitation', admins, async (req, res) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const user = await deps.users.get(actor.workspaceId, id);
    if (personState(user) !== 'invited') {
      const inviteError = pageT(req)('users.error.notPending');
      return personPage(req, res, { inviteError }, 409);
    }
    const sent = await deps.signIn.invite(user).then(
      () => true,
      () => false,
    );
    res.redirect(303, `/app/users/${id}?done=${sent ? 'reinvited' : 'inviteUnsent'}`);
  });

  return router;
}
