import express, { Router, type Response } from 'express';
import type { ContactsService } from '../contacts';
import { APP_LOCALES, PAGE_CSP, renderPage, translator, type AppLocale } from '../pages';
import { resolveLocale } from '../shared/locales';
import type { InvitationsService } from './invitations.service';

/** The app catalogue closest to the invitation's locale (fr-CA → fr), else English. */
const localeOf = (locale: string | undefined | false): AppLocale =>
  (resolveLocale(APP_LOCALES, locale || undefined) ?? 'en') as AppLocale;

/** Rendered in the survey pages' layout, under their strict CSP: the customer sees one look. */
function page(res: Response, status: number, locale: AppLocale, body: 'ask' | 'done' | 'unknown') {
  const t = translator(locale);
  const title = t('unsubscribe.title');
  const model =
    body === 'ask'
      ? { heading: title, text: t('unsubscribe.ask'), button: t('unsubscribe.button') }
      : { heading: title, text: t(body === 'done' ? 'unsubscribe.done' : 'unsubscribe.unknown') };
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .set('Content-Security-Policy', PAGE_CSP)
    .type('html')
    .send(renderPage('unsubscribe', { lang: locale, title, ...model }));
}

/**
 * The List-Unsubscribe target of survey emails (RFC 8058 one-click POST, or a confirm page).
 * The link token is the capability, so no session or CSRF token is involved.
 */
export function unsubscribeRoutes(
  invitations: InvitationsService,
  contacts: ContactsService,
): Router {
  const router = Router();
  const find = (token: string) => invitations.findByToken(token);

  router.get('/s/:token/unsubscribe', async (req, res) => {
    const inv = await find(req.params.token);
    if (!inv) return page(res, 404, localeOf(req.acceptsLanguages('fr', 'en') || 'en'), 'unknown');
    page(res, 200, localeOf(inv.locale), 'ask');
  });

  router.post(
    '/s/:token/unsubscribe',
    express.urlencoded({ extended: false, limit: '2kb' }),
    async (req, res) => {
      const inv = await find(req.params.token);
      if (!inv)
        return page(res, 404, localeOf(req.acceptsLanguages('fr', 'en') || 'en'), 'unknown');
      await contacts.setOptOut(inv.workspaceId, inv.contactId, ['email'], true, 'list-unsubscribe');
      page(res, 200, localeOf(inv.locale), 'done');
    },
  );

  return router;
}
