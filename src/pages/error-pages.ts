import type { Request, Response } from 'express';
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
