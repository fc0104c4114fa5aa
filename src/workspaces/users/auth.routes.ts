import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { RedisClient } from '../../shared/redis-connection';
import { isRedisUnavailable, REDIS_RETRY_AFTER_S } from '../../shared/redis-unavailable';
import type { Config } from '../../../config';
import type { WorkspacesService } from '../workspaces.service';
import {
  appAssetsRoutes,
  compileAppView,
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE_MS,
  pageT,
  renderAppPage,
  renderForbiddenPage,
  renderNotFoundPage,
  renderMessagePage,
} from '../../pages';
import { csrfProtection, sameOriginPost } from './csrf';
import { waitMinutes } from './login-backoff';
import { loginThrottle } from './login-throttle';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';
import { passwordRuleKey } from './people-forms';
import { safeNext } from './safe-next';
import {
  endSession,
  loadSessionUser,
  sessionMiddleware,
  signInSession,
  SESSION_COOKIE,
} from './sessions';
import { trackSessions, type SessionIndex } from './session-index';
import type { SignInService } from './sign-in.service';
import { sendProblem } from '../../shared/problem';
import { forgotForm, localeForm, loginForm, resetForm } from './users.schema';
import type { UsersService } from './users.service';

export interface SignedInAreaDeps {
  users: UsersService;
  signIn: SignInService;
  workspaces: WorkspacesService;
  sessionIndex: SessionIndex;
  redis: RedisClient;
  config: Pick<
    Config,
    | 'SESSION_SECRET'
    | 'QUEUE_PREFIX'
    | 'SESSION_TTL_HOURS'
    | 'PUBLIC_URL'
    | 'LOGIN_RATE_PER_IP_PER_15_MINUTES'
  >;
  /** Paths whose client cannot send the CSRF token: same-origin proof instead (csrf.ts). */
  sameOriginOnly?: readonly string[];
}

const views = {
  login: compileAppView('auth/login.hbs'),
  forgot: compileAppView('auth/forgot.hbs'),
  reset: compileAppView('auth/reset.hbs'),
};

const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });

/** `/login?signed-out` and `/login?password-set`: the catalogue key of the notice shown. */
const NOTICES: Record<string, string> = {
  'signed-out': 'auth.notice.signedOut',
  'password-set': 'auth.notice.passwordSet',
};

function loginPage(req: Request, res: Response, status: number, model: Record<string, unknown>) {
  renderAppPage(req, res, views.login, { title: pageT(req)('auth.signIn'), ...model }, status);
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
  router.use(trackSessions(deps.sessionIndex));
  router.use(csrfProtection({ sameOriginOnly: deps.sameOriginOnly, publicUrl: config.PUBLIC_URL }));

  const throttle = loginThrottle({
    redis: deps.redis,
    keyPrefix: config.QUEUE_PREFIX,
    perIpPer15Minutes: config.LOGIN_RATE_PER_IP_PER_15_MINUTES,
    onLimited: (req, res) =>
      renderMessagePage(req, res, 429, {
        title: pageT(req)('auth.tooManyTitle'),
        text: pageT(req)('auth.tooManyText'),
      }),
  });
  const guarded = [throttle.perIp, sameOriginPost(config.PUBLIC_URL), form];

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    const q = (name: string) =>
      typeof req.query[name] === 'string' ? String(req.query[name]) : '';
    const notice = NOTICES[Object.keys(req.query).find((k) => Object.hasOwn(NOTICES, k)) ?? ''];
    loginPage(req, res, 200, {
      notice: notice ? pageT(req)(notice) : null,
      workspace: q('workspace'),
      next: q('next'),
    });
  });

  router.post('/login', ...guarded, async (req, res) => {
    const input = loginForm.parse(req.body ?? {});
    const again = { email: input.email, workspace: input.workspace, next: input.next };
    const t = pageT(req);
    const wait = (ms: number) => t('auth.wait.minutes', { count: waitMinutes(ms) });
    if (!input.email || !input.password) {
      return loginPage(req, res, 400, { ...again, error: t('auth.error.missing') });
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
          error: t('auth.error.chooseWorkspace'),
        });
      case 'locked':
        return loginPage(req, res, 429, {
          ...again,
          error: t('auth.error.locked', { wait: wait(result.retryInMs) }),
        });
      case 'invalid':
        return loginPage(req, res, 401, {
          ...again,
          error:
            result.lockedForMs > 0
              ? t('auth.error.invalidLocking', { wait: wait(result.lockedForMs) })
              : t('auth.error.invalid'),
        });
    }
  });

  // The language switcher of every page: stored on the user when signed in (CSRF-checked by
  // csrfProtection above), and in a cookie for the sign-in pages.
  router.post('/locale', sameOriginPost(config.PUBLIC_URL), form, async (req, res) => {
    const parsed = localeForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      if (req.accepts(['html', 'json']) !== 'html') {
        return sendProblem(res, {
          status: 400,
          title: 'Bad Request',
          detail: 'The request is not valid.',
          errors: [{ path: 'locale', message: 'must be one of the app languages' }],
          instance: req.originalUrl,
        });
      }
      const t = pageT(req);
      return renderMessagePage(req, res, 400, {
        title: t('errors.badLocaleTitle'),
        text: t('errors.badLocaleText'),
        links: [{ href: req.user ? '/app' : '/login', label: t('errors.home') }],
      });
    }
    const { locale, next } = parsed.data;
    if (req.user) await deps.users.setLocale(req.user.workspaceId, req.user.id, locale);
    res.cookie(LOCALE_COOKIE, locale, {
      maxAge: LOCALE_COOKIE_MAX_AGE_MS,
      httpOnly: true,
      sameSite: 'lax',
      secure: config.PUBLIC_URL.startsWith('https:'),
      path: '/',
    });
    res.redirect(303, safeNext(next || (req.user ? '/app' : '/login')));
  });

  router.post('/logout', async (req, res) => {
    if (req.user) await deps.sessionIndex.forget(req.user, req.sessionID);
    await endSession(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login?signed-out');
  });

  router.get('/forgot', (req, res) => {
    renderAppPage(req, res, views.forgot, { title: pageT(req)('auth.forgot.title') });
  });

  router.post('/forgot', ...guarded, throttle.resetMailsPerEmail, async (req, res) => {
    const input = forgotForm.parse(req.body ?? {});
    if (!input.email) {
      const title = pageT(req)('auth.forgot.title');
      return renderAppPage(req, res, views.forgot, { title }, 400);
    }
    if (!res.locals.resetSuppressed) await signIn.requestReset(input);
    const t = pageT(req);
    renderMessagePage(req, res, 200, {
      title: t('auth.forgot.sentTitle'),
      text: t('auth.forgot.sentText', { email: input.email }),
      links: [{ href: '/login', label: t('auth.forgot.back') }],
    });
  });

  const deadLink = (req: Request, res: Response) => {
    const t = pageT(req);
    renderMessagePage(req, res, 410, {
      title: t('auth.reset.deadTitle'),
      text: t('auth.reset.deadText'),
      links: [{ href: '/forgot', label: t('auth.reset.newLink') }],
    });
  };

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
        title: pageT(req)('auth.reset.title'),
        heading: pageT(req)(
          link.purpose === 'invite' ? 'auth.reset.headingInvite' : 'auth.reset.headingReset',
        ),
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
      return resetPage(req, res, 400, link, pageT(req)('auth.error.passwordsDiffer'));
    }
    const result = await signIn.useLink(token, input.password);
    if (result.outcome === 'weak') {
      const problem = pageT(req)(passwordRuleKey(result.rule), {
        min: PASSWORD_MIN_LENGTH,
        max: PASSWORD_MAX_LENGTH,
      });
      return resetPage(req, res, 400, link, problem);
    }
    if (result.outcome === 'invalid') return deadLink(req, res);
    if (req.session?.userId) await endSession(req);
    res.redirect(303, '/login?password-set');
  });

  // The first URL the server prints: the app for someone signed in, else the sign-in page.
  router.get('/', (req, res) => {
    res.redirect(302, req.user ? '/app' : '/login');
  });

  router.use(['/login', '/logout', '/locale', '/forgot', '/reset', '/app'], appPageErrors);
  return router;
}

/** Errors on signed-in pages become a plain error page (the API keeps problem+json). */
export const appPageErrors: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent || req.originalUrl.startsWith('/api/')) return next(err);
  if (isRedisUnavailable(err)) {
    req.log?.warn({ err }, 'app page: redis unavailable');
    res.setHeader('Retry-After', String(REDIS_RETRY_AFTER_S));
    const t = pageT(req);
    renderMessagePage(req, res, 503, {
      title: t('errors.unavailableTitle'),
      text: t('errors.unavailableText'),
      links: [{ href: req.originalUrl, label: t('errors.tryAgain') }],
    });
    return;
  }
  const status = (err as { status?: number }).status ?? 500;
  if (status >= 500) req.log?.error({ err }, 'app page failed');
  if (status === 404) return renderNotFoundPage(req, res);
  if (status === 403) return renderForbiddenPage(req, res);
  const t = pageT(req);
  renderMessagePage(req, res, status >= 500 ? 500 : status, {
    title: t('errors.failedTitle'),
    text: t('errors.failedText'),
    links: [{ href: '/app', label: t('errors.home') }],
  });
};
