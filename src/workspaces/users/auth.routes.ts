import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import { isRedisUnavailable, REDIS_RETRY_AFTER_S } from '../../shared/redis-unavailable';
import type { Config } from '../../../config';
import type { WorkspacesService } from '../workspaces.service';
import { appAssetsRoutes, compileAppView, renderAppPage, renderMessagePage } from '../../pages';
import { csrfProtection, sameOriginPost } from './csrf';
import { describeWait } from './login-backoff';
import { loginThrottle } from './login-throttle';
import { PASSWORD_MIN_LENGTH } from './password-policy';
import { requireUser } from './require-user';
import { safeNext } from './safe-next';
import { seesWholeWorkspace } from '../../shared/roles';
import {
  endSession,
  loadSessionUser,
  sessionMiddleware,
  signInSession,
  SESSION_COOKIE,
} from './sessions';
import type { SignInService } from './sign-in.service';
import { forgotForm, loginForm, resetForm } from './users.schema';
import type { UsersService } from './users.service';

export interface SignedInAreaDeps {
  users: UsersService;
  signIn: SignInService;
  workspaces: WorkspacesService;
  redis: Redis;
  config: Pick<
    Config,
    | 'SESSION_SECRET'
    | 'QUEUE_PREFIX'
    | 'SESSION_TTL_HOURS'
    | 'PUBLIC_URL'
    | 'LOGIN_RATE_PER_IP_PER_15_MINUTES'
  >;
}

const views = {
  login: compileAppView('auth/login.hbs'),
  forgot: compileAppView('auth/forgot.hbs'),
  reset: compileAppView('auth/reset.hbs'),
  home: compileAppView('app/home.hbs'),
};

const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });

const NOTICES: Record<string, string> = {
  'signed-out': 'You are signed out.',
  'password-set': 'Your password is saved. Sign in with it.',
};

function loginPage(req: Request, res: Response, status: number, model: Record<string, unknown>) {
  renderAppPage(req, res, views.login, { title: 'Sign in', ...model }, status);
}

/**
 * Sessions, the signed-in user, CSRF, and the sign-in pages. Mount before every router whose
 * routes use requireUser / requireUserOrApiKey with sessions (the API and the /app pages), and
 * after the survey pages and webhooks, which need none of it.
 */
export function signedInArea(deps: SignedInAreaDeps): Router {
  const { config, signIn } = deps;
  const router = Router();
  router.use(appAssetsRoutes());
  router.use(
    sessionMiddleware({
      redis: deps.redis,
      secret: config.SESSION_SECRET,
      keyPrefix: config.QUEUE_PREFIX,
      ttlHours: config.SESSION_TTL_HOURS,
      publicUrl: config.PUBLIC_URL,
    }),
  );
  router.use(loadSessionUser(deps.users));
  router.use(csrfProtection());

  const throttle = loginThrottle({
    redis: deps.redis,
    keyPrefix: config.QUEUE_PREFIX,
    perIpPer15Minutes: config.LOGIN_RATE_PER_IP_PER_15_MINUTES,
    onLimited: (req, res) =>
      renderMessagePage(req, res, 429, {
        title: 'Too many attempts',
        text: 'There have been too many attempts from your network. Wait 15 minutes, then try again.',
      }),
  });
  const guarded = [throttle.perIp, sameOriginPost(config.PUBLIC_URL), form];

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    const q = (name: string) =>
      typeof req.query[name] === 'string' ? String(req.query[name]) : '';
    loginPage(req, res, 200, {
      notice: NOTICES[Object.keys(req.query).find((k) => Object.hasOwn(NOTICES, k)) ?? ''] ?? null,
      workspace: q('workspace'),
      next: q('next'),
    });
  });

  router.post('/login', ...guarded, async (req, res) => {
    const input = loginForm.parse(req.body ?? {});
    const again = { email: input.email, workspace: input.workspace, next: input.next };
    if (!input.email || !input.password) {
      return loginPage(req, res, 400, { ...again, error: 'Enter your email and your password.' });
    }
    const result = await signIn.login(input);
    switch (result.outcome) {
      case 'ok':
        await signInSession(req, result.user, result.epoch);
        return res.redirect(303, safeNext(input.next));
      case 'choose-workspace':
        return loginPage(req, res, 200, {
          ...again,
          askWorkspace: true,
          error: 'This email opens several workspaces: enter the one you want.',
        });
      case 'locked':
        return loginPage(req, res, 429, {
          ...again,
          error: `Too many failed attempts: signing in with this email is paused. Try again in ${describeWait(result.retryInMs)}, or reset your password.`,
        });
      case 'invalid':
        return loginPage(req, res, 401, {
          ...again,
          error:
            result.lockedForMs > 0
              ? `The email or password is not right. After several failed attempts, signing in with this email is paused for ${describeWait(result.lockedForMs)}. You can also reset your password.`
              : 'The email or password is not right.',
        });
    }
  });

  router.post('/logout', async (req, res) => {
    await endSession(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login?signed-out');
  });

  router.get('/forgot', (req, res) => {
    renderAppPage(req, res, views.forgot, { title: 'Forgot your password?' });
  });

  router.post('/forgot', ...guarded, throttle.resetMailsPerEmail, async (req, res) => {
    const input = forgotForm.parse(req.body ?? {});
    if (!input.email) {
      return renderAppPage(req, res, views.forgot, { title: 'Forgot your password?' }, 400);
    }
    if (!res.locals.resetSuppressed) await signIn.requestReset(input);
    renderMessagePage(req, res, 200, {
      title: 'Check your email',
      text: `If an account uses ${input.email}, we have sent it a link to choose a new password. It works once, within an hour. Nothing arrived after a few minutes? Check your spam folder, or ask an admin of your workspace.`,
      links: [{ href: '/login', label: 'Back to sign in' }],
    });
  });

  const deadLink = (req: Request, res: Response) =>
    renderMessagePage(req, res, 410, {
      title: 'This link no longer works',
      text: 'Password links work once, and only for a limited time. Ask for a new one.',
      links: [{ href: '/forgot', label: 'Send me a new link' }],
    });

  const resetPage = (
    req: Request,
    res: Response,
    status: number,
    link: { email: string; purpose: string },
    error?: string,
  ) =>
    renderAppPage(
      req,
      res,
      views.reset,
      {
        title: 'Choose a password',
        heading: link.purpose === 'invite' ? 'Choose your password' : 'Choose a new password',
        email: link.email,
        token: String(req.params.token),
        minLength: PASSWORD_MIN_LENGTH,
        error,
      },
      status,
    );

  router.get('/reset/:token', async (req, res) => {
    // The token is in this URL: keep it out of Referer headers (helmet's default, restated).
    res.set('Referrer-Policy', 'no-referrer');
    const link = await signIn.checkLink(String(req.params.token));
    if (!link) return deadLink(req, res);
    resetPage(req, res, 200, link);
  });

  router.post('/reset/:token', ...guarded, async (req, res) => {
    const token = String(req.params.token);
    const input = resetForm.parse(req.body ?? {});
    const link = await signIn.checkLink(token);
    if (!link) return deadLink(req, res);
    if (input.password !== input.confirm) {
      return resetPage(req, res, 400, link, 'The two passwords differ: type the same one twice.');
    }
    const result = await signIn.useLink(token, input.password);
    if (result.outcome === 'weak') return resetPage(req, res, 400, link, result.problem);
    if (result.outcome === 'invalid') return deadLink(req, res);
    if (req.session?.userId) await endSession(req);
    res.redirect(303, '/login?password-set');
  });

  router.get('/app', requireUser(), async (req, res) => {
    const user = req.user!;
    const ws = await deps.workspaces.getWorkspace(user.workspaceId);
    renderAppPage(req, res, views.home, {
      title: 'Home',
      workspaceName: ws.name,
      roleLabel: user.role[0]!.toUpperCase() + user.role.slice(1),
      teams: user.teams.join(', '),
      canSeeReports: seesWholeWorkspace(user),
    });
  });

  router.use(['/login', '/logout', '/forgot', '/reset', '/app'], appPageErrors);
  return router;
}

/** Errors on signed-in pages become a plain error page (the API keeps problem+json). */
export const appPageErrors: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent || req.originalUrl.startsWith('/api/')) return next(err);
  if (isRedisUnavailable(err)) {
    req.log?.warn({ err }, 'app page: redis unavailable');
    res.setHeader('Retry-After', String(REDIS_RETRY_AFTER_S));
    renderMessagePage(req, res, 503, {
      title: 'Back in a moment',
      text: 'Retour cannot reach one of its services right now. Please try again in a few seconds.',
      links: [{ href: req.originalUrl, label: 'Try again' }],
    });
    return;
  }
  const status = (err as { status?: number }).status ?? 500;
  if (status >= 500) req.log?.error({ err }, 'app page failed');
  renderMessagePage(req, res, status >= 500 ? 500 : status, {
    title: status === 404 ? 'Not found' : 'Something went wrong',
    text:
      status === 404
        ? 'This page does not exist, or is not in your workspace.'
        : 'This could not be done right now. Please try again in a moment.',
    links: [{ href: '/app', label: 'Home' }],
  });
};
