import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { RedisClient } from '../shared/redis-connection';
import type { Logger } from '../shared/logger';
import { localesOf } from '../shared/locales';
import { isClosed, type AnswerContext, type AnswerContexts } from './answer-context';
import { checkFormNonce, issueFormNonce } from './form-nonce';
import { pickPageLocale, textsFor } from './landing-i18n';
import { answeredPage, formPage, messagePage, thanksPage, type FormState } from './landing-pages';
import { PAGE_CSP, renderPage, type PageModel, type PageName } from '../pages';
import { isNegative } from './score-category';
import { landingRateLimits, DEFAULT_LANDING_LIMITS, type LandingLimits } from './rate-limits';
import { landingAnswerInput } from './responses.schema';
import { isEditable, type ResponsesService } from './responses.service';
import type { EmailClicks } from './email-clicks/email-clicks.service';

export interface LandingDeps {
  contexts: AnswerContexts;
  responses: ResponsesService;
  emailClicks: EmailClicks;
  redis: RedisClient;
  /** Signs the form nonce (SESSION_SECRET). */
  secret: string;
  /** Keeps each deployment's (and each test file's) rate-limit keys apart. */
  keyPrefix: string;
  limits?: LandingLimits;
  /** Where the limiter reports a Redis failure it let a request through on. */
  logger?: Logger;
}

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Vary', 'Accept-Language');
  next();
};

function browserLocale(req: Request, fallback = 'en'): string {
  return pickPageLocale(
    null,
    (...l) => (req.get('accept-language') ? req.acceptsLanguages(...l) : false),
    fallback,
  );
}

function localeOf(req: Request, ctx: AnswerContext): string {
  return pickPageLocale(
    ctx.contactLocale,
    (...l) => (req.get('accept-language') ? req.acceptsLanguages(...l) : false),
    ctx.workspace.defaultLocale,
    localesOf(ctx.survey.question),
  );
}

function send(res: Response, status: number, page: PageName, model: PageModel): void {
  res.status(status).type('html').send(renderPage(page, model));
}

/** A score from `?score=N` or a form field, when it is an integer on the survey's scale. */
function scoreOn(ctx: AnswerContext, value: unknown): number | null {
  const parsed = landingAnswerInput(ctx.survey.scale).shape.score.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** GET and POST /s/:token: the survey page a customer answers on; works without JavaScript. */
export function landingRoutes(deps: LandingDeps): Router {
  const router = Router();
  const { contexts, responses } = deps;
  const limited = landingRateLimits(
    deps.redis,
    deps.keyPrefix,
    deps.limits ?? DEFAULT_LANDING_LIMITS,
    (req, res) => send(res, 429, 'error', messagePage('tooMany', browserLocale(req))),
    deps.logger && { warn: (err, msg) => deps.logger?.warn({ err }, msg) },
  );
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 10 });
  const token = (req: Request) => String(req.params.token);
  const url = (req: Request) => `/s/${encodeURIComponent(token(req))}`;

  const notFound = (req: Request, res: Response) =>
    send(res, 404, 'not-found', messagePage('notFound', browserLocale(req)));
  /** One read: the invitation with its response (and, to answer, its interaction). */
  const load = async (req: Request, res: Response, interaction = false) => {
    const ctx = await contexts.byToken(token(req), { interaction });
    if (!ctx) notFound(req, res);
    return ctx;
  };

  const closedPage = (res: Response, ctx: AnswerContext, locale: string) =>
    send(
      res,
      410,
      'closed',
      messagePage('closed', locale, ctx.workspace.name, ctx.workspace.defaultLocale),
    );

  router.get('/s/:token', noStore, ...limited, async (req, res) => {
    const now = new Date();
    // Marks the invitation opened in the same command when the form is what the page shows.
    const ctx = await contexts.openByToken(token(req), now);
    if (!ctx) return notFound(req, res);
    const locale = localeOf(req, ctx);
    const response = await responses.forInvitation(ctx);
    const closed = isClosed(ctx.invitation, now);
    if (closed && !response) return closedPage(res, ctx, locale);
    if (response && (closed || !isEditable(response.answeredAt, now))) {
      return send(res, 200, 'answered', answeredPage(ctx, locale, response));
    }
    const t = textsFor(locale, ctx.workspace.defaultLocale);
    const answered = response?.score != null;
    let notice = answered ? t.editing : null;
    const clicked = req.query.score === undefined ? null : scoreOn(ctx, req.query.score);
    // A click only notes the score (mail scanners open every link); once answered, a click
    // preselects and only the customer's own Send changes the score.
    if (clicked !== null && !answered) {
      await deps.emailClicks.note(ctx, clicked, now);
      notice = t.recorded;
    } else if (clicked !== null && clicked !== response?.score) {
      notice = t.confirmChange;
    }
    const state: FormState = {
      selected: clicked ?? response?.score ?? null,
      comment: response?.comment ?? '',
      nonce: issueFormNonce(deps.secret, token(req), now.getTime()),
      notice,
    };
    send(res, 200, 'form', formPage(ctx, locale, token(req), state));
  });

  router.post('/s/:token', noStore, ...limited, form, async (req, res) => {
    const now = new Date();
    const ctx = await load(req, res, true);
    if (!ctx) return;
    const locale = localeOf(req, ctx);
    const existing = await responses.forInvitation(ctx);
    const closed = isClosed(ctx.invitation, now);
    if (closed && !existing) return closedPage(res, ctx, locale);
    if (existing && (closed || !isEditable(existing.answeredAt, now))) {
      return res.redirect(303, url(req));
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const nonce = checkFormNonce(deps.secret, token(req), body.nonce, now.getTime());
    const parsed = landingAnswerInput(ctx.survey.scale).safeParse(body);
    if (nonce !== 'ok' || !parsed.success) {
      const t = textsFor(locale, ctx.workspace.defaultLocale);
      const issues = parsed.success ? [] : parsed.error.issues.map((i) => i.path[0]);
      const state: FormState = {
        selected: scoreOn(ctx, body.score),
        comment: typeof body.comment === 'string' ? body.comment : '',
        nonce: issueFormNonce(deps.secret, token(req), now.getTime()),
        scoreError: issues.includes('score') ? t.scoreMissing : null,
        commentError: issues.includes('comment') ? t.commentTooLong : null,
        formError: nonce === 'ok' ? null : nonce === 'expired' ? t.nonceExpired : t.nonceInvalid,
      };
      return send(res, 400, 'form', formPage(ctx, locale, token(req), state));
    }
    await responses.record(ctx, { ...parsed.data, source: 'web' }, now);
    res.redirect(303, `${url(req)}/thanks`);
  });

  router.get('/s/:token/thanks', noStore, ...limited, async (req, res) => {
    const now = new Date();
    const ctx = await load(req, res);
    if (!ctx) return;
    const response = await responses.forInvitation(ctx);
    if (response?.score == null) return res.redirect(303, url(req));
    const editable = !isClosed(ctx.invitation, now) && isEditable(response.answeredAt, now);
    const followUp = isNegative(response.category) && (await responses.willFollowUp(response));
    const page = thanksPage(ctx, localeOf(req, ctx), response, {
      followUp,
      changeUrl: editable ? url(req) : null,
    });
    send(res, 200, 'thanks', page);
  });

  const pageErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number }).status;
    // req.log is absent when the routes run without pino-http (as in some tests).
    if (!status || status >= 500) req.log?.error({ err }, 'survey page failed');
    noStore(req, res, () => undefined);
    send(
      res,
      status && status < 500 ? status : 500,
      'error',
      messagePage('error', browserLocale(req)),
    );
  };
  router.use('/s', pageErrors);
  return router;
}
