import type { Request, RequestHandler, Response } from 'express';
import { notFoundHandler } from '../shared/error-handler';
import { pageT, renderMessagePage } from './app-pages';

/** The way back from an error page: home when signed in, else the sign-in page. */
function homeLink(req: Request, t: ReturnType<typeof pageT>) {
  return req.user
    ? { href: '/app', label: t('errors.home') }
    : { href: '/login', label: t('errors.signIn') };
}

/** 404 in the app's look, in the reader's language. */
export function renderNotFoundPage(req: Request, res: Response): void {
  const t = pageT(req);
  renderMessagePage(req, res, 404, {
    title: t('errors.notFoundTitle'),
    text: t('errors.notFoundText'),
    links: [homeLink(req, t)],
  });
}

/** 403 in the app's look; `textKey` says why, in a catalogue key (the role by default). */
export function renderForbiddenPage(
  req: Request,
  res: Response,
  textKey = 'errors.forbiddenText',
): void {
  const t = pageT(req);
  renderMessagePage(req, res, 403, {
    title: t('errors.forbiddenTitle'),
    text: t(textKey),
    links: [homeLink(req, t)],
  });
}

/** Machine callers' paths: they always get problem+json, whatever they accept. */
export function isApiPath(path: string): boolean {
  return /^\/(api|webhooks)(\/|$)/.test(path);
}

/** A browser asking for a page: it prefers HTML to JSON, on a path that is not an API's. */
export function wantsPage(req: Request): boolean {
  return !isApiPath(req.path) && req.accepts(['json', 'html']) === 'html';
}

/** The last handler: an HTML 404 page for browsers, problem+json for everything else. */
export const negotiatedNotFound: RequestHandler = (req, res, next) => {
  if (wantsPage(req)) return renderNotFoundPage(req, res);
  notFoundHandler(req, res, next);
};
