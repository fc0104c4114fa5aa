import express, { Router, type Response } from 'express';
import type { ContactsService } from '../contacts';
import { builtInLocale } from '../surveys/survey-types';
import { PAGE_CSP, renderPage } from '../responses/landing-views';
import type { InvitationsService } from './invitations.service';

const TEXT = {
  en: {
    title: 'Unsubscribe',
    ask: 'Stop receiving survey emails?',
    button: 'Unsubscribe',
    done: 'You will not receive survey emails from us any more.',
    unknown: 'This link is not valid.',
  },
  fr: {
    title: 'Se désabonner',
    ask: 'Ne plus recevoir nos e-mails d’enquête ?',
    button: 'Me désabonner',
    done: 'Vous ne recevrez plus nos e-mails d’enquête.',
    unknown: 'Ce lien n’est pas valide.',
  },
} as const;

type Locale = keyof typeof TEXT;
const localeOf = (locale: string | undefined): Locale => builtInLocale(locale);

/** Rendered in the survey pages' layout, under their strict CSP: the customer sees one look. */
function page(res: Response, status: number, locale: Locale, body: 'ask' | 'done' | 'unknown') {
  const t = TEXT[locale];
  const model =
    body === 'ask'
      ? { heading: t.title, text: t.ask, button: t.button }
      : { heading: t.title, text: body === 'done' ? t.done : t.unknown };
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .set('Content-Security-Policy', PAGE_CSP)
    .type('html')
    .send(renderPage('unsubscribe', { lang: locale, title: t.title, ...model }));
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
