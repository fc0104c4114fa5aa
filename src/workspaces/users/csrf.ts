import { randomBytes } from 'node:crypto';
import { safeEqual } from '../../shared/safe-equal';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { multipartForm } from '../../shared/multipart-form';
import { sendProblem } from '../../shared/problem';
import { parseBearer } from '../api-key';
import { renderForbiddenPage } from '../../pages';

/**
 * CSRF protection for signed-in users: a synchronizer token kept in the session, sent back by
 * every unsafe request as the `_csrf` form field or the `X-CSRF-Token` header. Requests with an
 * API key are exempt (a browser never adds that header cross-site). Forms get the token as
 * res.locals.csrfToken (the `{{> csrf}}` partial writes the hidden field).
 */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
// The survey editor posts about a dozen fields per locale, for up to 50 locales.
const urlencodedBody = express.urlencoded({
  extended: false,
  limit: '100kb',
  parameterLimit: 1000,
});
const multipartBody = multipartForm();
/** The token travels in the form, so the form is read here: urlencoded, or multipart (uploads). */
const formBody: RequestHandler = (req, res, next) =>
  (req.is('multipart/form-data') ? multipartBody : urlencodedBody)(req, res, next);

/** The session's token, created on first use. */
export function csrfTokenOf(req: Request): string {
  req.session.csrfToken ??= randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

function same(a: string, b: string): boolean {
  return safeEqual(Buffer.from(a), Buffer.from(b));
}

/** `pageKey`: the catalogue key of the sentence a browser is shown. */
export function refuseForbidden(
  req: Request,
  res: Response,
  detail: string,
  pageKey: string,
): void {
  const wantsPage =
    !req.originalUrl.startsWith('/api/') && req.accepts(['html', 'json']) === 'html';
  if (!wantsPage) {
    sendProblem(res, { status: 403, title: 'Forbidden', detail, instance: req.originalUrl });
    return;
  }
  renderForbiddenPage(req, res, pageKey);
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Positive proof that a request was made by a page of this site: Sec-Fetch-Site: same-origin
 * (every current browser sends it), else an Origin of this host or of PUBLIC_URL's. Without
 * either header there is no proof, so it fails; browsers send Origin with every non-GET fetch.
 */
function provenSameOrigin(req: Request, publicHost: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = req.get('origin');
  if (!origin || origin === 'null') return false;
  const host = hostOf(origin);
  return host === req.get('host') || host === publicHost;
}

export interface CsrfOptions {
  /**
   * Mount paths whose browser client cannot send the token (a third-party single-page app such
   * as the queue dashboard): there, an unsafe request must instead be proven same-origin.
   */
  sameOriginOnly?: readonly string[];
  publicUrl: string;
}

function under(path: string, mounts: readonly string[]): boolean {
  return mounts.some((m) => path === m || path.startsWith(`${m}/`));
}

export function csrfProtection(options: CsrfOptions): RequestHandler {
  const publicHost = new URL(options.publicUrl).host;
  const originOnly = options.sameOriginOnly ?? [];
  return (req, res, next) => {
    const signedIn = !!req.session?.userId && !parseBearer(req.get('authorization'));
    if (!signedIn) return next();
    res.locals.csrfToken = csrfTokenOf(req);
    if (SAFE.has(req.method)) return next();
    if (under(req.path, originOnly)) {
      if (provenSameOrigin(req, publicHost)) return next();
      return refuseForbidden(
        req,
        res,
        'Only requests from pages of this site may change anything here (Sec-Fetch-Site or Origin).',
        'This request did not come from Retour. Open the page again and retry.',
      );
    }
    formBody(req, res, (err?: unknown) => {
      if (err) return next(err);
      const body = req.body as Record<string, unknown> | undefined;
      const given = req.get(CSRF_HEADER) ?? body?.[CSRF_FIELD];
      if (typeof given === 'string' && same(given, res.locals.csrfToken as string)) return next();
      refuseForbidden(
        req,
        res,
        `Missing or wrong CSRF token: send the "${CSRF_FIELD}" form field or the X-CSRF-Token header.`,
        'errors.csrfText',
      );
    });
  };
}

/**
 * Forms used before signing in (sign-in, forgot, reset) have no session token: refuse posts
 * that the browser says come from another site — Sec-Fetch-Site where sent (every current
 * browser), else the Origin header. "Origin: null" (sent under Referrer-Policy: no-referrer)
 * proves nothing either way.
 */
export function sameOriginPost(publicUrl: string): RequestHandler {
  const publicHost = new URL(publicUrl).host;
  return (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const foreign = site
      ? site === 'cross-site' || site === 'same-site'
      : !!origin &&
        origin !== 'null' &&
        hostOf(origin) !== req.get('host') &&
        hostOf(origin) !== publicHost;
    if (!foreign) return next();
    refuseForbidden(req, res, 'Cross-site form posts are refused.', 'errors.crossSiteText');
  };
}
