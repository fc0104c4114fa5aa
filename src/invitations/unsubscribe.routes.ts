import express, { Router, type Response } from 'express';
import type { ContactsService } from '../contacts';
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

function page(res: Response, status: number, locale: 'fr' | 'en', body: string): void {
  const t = TEXT[locale];
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t.title}</title></head>` +
        `<body style="font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem">${body}</body></html>`,
    );
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
    if (!inv) return page(res, 404, 'en', `<p>${TEXT.en.unknown}</p>`);
    const t = TEXT[inv.locale === 'fr' ? 'fr' : 'en'];
    page(
      res,
      200,
      inv.locale === 'fr' ? 'fr' : 'en',
      `<h1>${t.title}</h1><form method="post"><p>${t.ask}</p><button type="submit">${t.button}</button></form>`,
    );
  });

  router.post(
    '/s/:token/unsubscribe',
    express.urlencoded({ extended: false, limit: '2kb' }),
    async (req, res) => {
      const inv = await find(req.params.token);
      if (!inv) return page(res, 404, 'en', `<p>${TEXT.en.unknown}</p>`);
      await contacts.setOptOut(inv.workspaceId, inv.contactId, ['email'], true, 'list-unsubscribe');
      const locale = inv.locale === 'fr' ? 'fr' : 'en';
      page(res, 200, locale, `<h1>${TEXT[locale].title}</h1><p>${TEXT[locale].done}</p>`);
    },
  );

  return router;
}
