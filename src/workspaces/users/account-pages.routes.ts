import { Router, type Request, type Response } from 'express';
import { compileAppView, pageT, renderAppPage } from '../../pages';
import type { Translate } from '../../pages/i18n';
import type { WorkspacesService } from '../workspaces.service';
import { deviceName } from './device-name';
import { waitMinutes } from './login-backoff';
import {
  parsePasswordChange,
  parseSessionHandle,
  passwordRuleKey,
  type PasswordFields,
} from './people-forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';
import { requireUser } from './require-user';
import type { SessionIndex } from './session-index';
import { signInSession } from './sessions';
import type { SignInService } from './sign-in.service';
import type { UsersService } from './users.service';

export interface AccountPagesDeps {
  users: Pick<UsersService, 'endSessions'>;
  signIn: Pick<SignInService, 'changePassword'>;
  sessionIndex: SessionIndex;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}

const view = compileAppView('app/account.hbs');

const NOTICES = new Set(['password', 'ended', 'endedOthers']);

/** "Firefox on Windows", or what is known of it, in the reader's language. */
export function deviceLabel(t: Translate, userAgent: string): string {
  const device = deviceName(userAgent);
  if (!device) return t('account.sessions.unknownDevice');
  if (device.browser && device.system)
    return t('account.sessions.deviceOn', { browser: device.browser, system: device.system });
  return (device.browser ?? device.system)!;
}

/** /app/account: everyone signed in changes their password and ends their other sessions. */
export function accountPagesRoutes(deps: AccountPagesDeps): Router {
  const router = Router();
  const signedIn = requireUser();

  const page = async (
    req: Request,
    res: Response,
    errors: Partial<Record<PasswordFields, string>> = {},
    status = 200,
  ) => {
    const user = req.user!;
    const t = pageT(req);
    const [ws, listed] = await Promise.all([
      deps.workspaces.getWorkspace(user.workspaceId),
      deps.sessionIndex.list(user, req.sessionID, req.session.epoch ?? 0),
    ]);
    const done = typeof req.query.done === 'string' && NOTICES.has(req.query.done);
    const here = req.session;
    renderAppPage(
      req,
      res,
      view,
      {
        title: t('account.title'),
        styles: ['people.css'],
        timeZone: ws.timezone,
        notice: done ? t(`account.notice.${String(req.query.done)}`) : undefined,
        me: { name: user.name, email: user.email, role: t(`roles.${user.role}`) },
        minLength: PASSWORD_MIN_LENGTH,
        errors,
        // This browser's own record is the live one: what Redis holds is saved as the request ends.
        current: {
          device: deviceLabel(t, here.device?.userAgent ?? req.get('user-agent') ?? ''),
          ip: here.device?.ip ?? req.ip,
          signedInAt: here.signedInAt ? new Date(here.signedInAt) : null,
        },
        others: listed
          .filter((s) => !s.current)
          .map((s) => ({ ...s, device: deviceLabel(t, s.userAgent) })),
      },
      status,
    );
  };

  /** This browser stays signed in under the new epoch, with a new session id. */
  const keepThisSession = async (req: Request, epoch: number) => {
    const user = req.user!;
    const before = req.sessionID;
    const { signedInAt, device } = req.session;
    const now = Date.now();
    await signInSession(req, user, epoch, { signedInAt, device, seenAt: now });
    await deps.sessionIndex.forget(user, before);
    await deps.sessionIndex.record(user, req.sessionID, now);
    // Their keys are dead already (old epoch); this only tidies Redis and the list.
    await deps.sessionIndex.endAllBut(user, req.sessionID);
  };

  router.get('/app/account', signedIn, (req, res) => page(req, res));

  router.post('/app/account/password', signedIn, async (req, res) => {
    const t = pageT(req);
    const form = parsePasswordChange(req.body);
    const words = (key: string) => t(key, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    if (!form.ok) {
      const errors = Object.fromEntries(
        Object.entries(form.errors).map(([field, key]) => [field, words(key!)]),
      );
      return page(req, res, errors, 400);
    }
    const result = await deps.signIn.changePassword(
      req.user!,
      form.value.current,
      form.value.password,
    );
    if (result.outcome === 'locked') {
      const wait = t('auth.wait.minutes', { count: waitMinutes(result.retryInMs) });
      return page(req, res, { current: t('account.error.locked', { wait }) }, 429);
    }
    if (result.outcome === 'refused') {
      const errors: Partial<Record<PasswordFields, string>> = {};
      if (result.wrongCurrent) errors.current = t('account.error.currentWrong');
      if (result.weak) errors.password = words(passwordRuleKey(result.weak));
      return page(req, res, errors, 400);
    }
    await keepThisSession(req, result.epoch);
    res.redirect(303, '/app/account?done=password');
  });

  router.post('/app/account/sessions/end', signedIn, async (req, res) => {
    const handle = parseSessionHandle(req.body);
    // Ending a session twice, or one that expired meanwhile, leaves the same result: it is over.
    if (handle) await deps.sessionIndex.end(req.user!, handle, req.sessionID);
    res.redirect(303, '/app/account?done=ended');
  });

  router.post('/app/account/sessions/end-others', signedIn, async (req, res) => {
    const user = req.user!;
    // The epoch also ends sessions the index does not list (opened before it existed).
    const epoch = await deps.users.endSessions(user.workspaceId, user.id);
    await keepThisSession(req, epoch);
    res.redirect(303, '/app/account?done=endedOthers');
  });

  return router;
}
