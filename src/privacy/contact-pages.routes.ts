import express, { Router, type Request, type Response } from 'express';
import { Types } from 'mongoose';
import { contactSearchLookups, type ContactDoc, type ContactsService } from '../contacts';
import { compileAppView, pageT, renderAppPage, requestLocale } from '../pages';
import { AppError } from '../shared/errors';
import { zipArchive } from '../shared/zip-archive';
import { actorOf, requireUser, type WorkspacesService } from '../workspaces';
import { contactExportFiles } from './contact-export-files';
import {
  contactPageModel,
  OPT_OUT_CHANNELS,
  PAGE_COLLECTIONS,
  type OptOutChannel,
} from './contact-page-model';
import type { PrivacyService } from './privacy.service';

export interface ContactPagesDeps {
  contacts: Pick<ContactsService, 'findAll' | 'findById' | 'setOptOut'>;
  privacy: Pick<PrivacyService, 'holdings' | 'exportContact' | 'eraseContact'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}

const views = {
  search: compileAppView('app/contacts.hbs'),
  contact: compileAppView('app/contact.hbs'),
  erase: compileAppView('app/contact-erase.hbs'),
};
const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });
const NOTICES = new Set(['optedOut', 'optedIn']);
/** Enough for a person; a search matching more is narrowed by the admin, not paged. */
const MAX_RESULTS = 50;
/** The words the erase form's confirmation field must hold (either language's). */
const CONFIRM_WORDS = new Set(['erase', 'effacer']);

const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);
const displayName = (c: ContactDoc) => c.name ?? c.externalId ?? c.email ?? c.phone ?? null;

/**
 * The contacts pages (admins): search by customer id, email or phone; one contact's
 * interactions, invitations and answers; opt-outs set or lifted by hand; export (zip) and
 * erasure through the privacy service, the one the API's access and erasure requests use.
 */
export function contactPagesRoutes(deps: ContactPagesDeps): Router {
  const router = Router();
  const admin = requireUser(['admin']);
  const timeZoneOf = async (req: Request) =>
    (await deps.workspaces.getWorkspace(actorOf(req).workspaceId)).timezone;

  router.get('/app/contacts', admin, async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    const wsId = actorOf(req).workspaceId;
    const lookups = contactSearchLookups(q);
    const found = new Map<string, ContactDoc>();
    for (const lookup of lookups) {
      for (const c of await deps.contacts.findAll(wsId, lookup)) found.set(String(c._id), c);
    }
    const t = pageT(req);
    const results = [...found.values()]
      .sort((a, b) => String(a._id).localeCompare(String(b._id)))
      .slice(0, MAX_RESULTS)
      .map((c) => ({
        href: `/app/contacts/${String(c._id)}`,
        name: displayName(c) ?? t('contacts.erasedName'),
        externalId: c.externalId,
        email: c.email,
        phone: c.phone,
        erased: !!c.erasedAt,
      }));
    renderAppPage(req, res, views.search, {
      title: q ? t('contacts.resultsTitle', { q }) : t('contacts.title'),
      styles: ['workspace.css'],
      q,
      searched: q !== '',
      results,
      resultsHeading: t('contacts.results', { count: results.length }),
    });
  });

  /** The contact of this workspace the path names, or the 404 page. */
  const contactOf = async (req: Request): Promise<ContactDoc | null> => {
    const id = String(req.params.id);
    if (!isObjectId(id)) return null;
    return deps.contacts.findById(actorOf(req).workspaceId, new Types.ObjectId(id));
  };

  router.get('/app/contacts/:id', admin, async (req, res, next) => {
    const contact = await contactOf(req);
    if (!contact) return next();
    const wsId = actorOf(req).workspaceId;
    const [holdings, timeZone] = await Promise.all([
      deps.privacy.holdings(wsId, String(contact._id), PAGE_COLLECTIONS),
      timeZoneOf(req),
    ]);
    const t = pageT(req);
    const model = contactPageModel(contact, holdings, {
      t,
      locale: requestLocale(req),
      timeZone,
    });
    const done = req.query.done;
    renderAppPage(req, res, views.contact, {
      title: displayName(contact) ?? t('contacts.erasedName'),
      styles: ['workspace.css'],
      timeZone,
      notice:
        typeof done === 'string' && NOTICES.has(done) ? t(`contacts.notice.${done}`) : undefined,
      ...model,
    });
  });

  router.post('/app/contacts/:id/opt-out', admin, form, async (req, res, next) => {
    const contact = await contactOf(req);
    if (!contact) return next();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const channel = OPT_OUT_CHANNELS.find((c): c is OptOutChannel => c === body.channel);
    const action = body.action === 'set' || body.action === 'lift' ? body.action : null;
    if (!channel || !action) throw AppError.badRequest('Unknown channel or action.');
    const user = req.user!;
    await deps.contacts.setOptOut(
      actorOf(req).workspaceId,
      contact._id,
      [channel],
      action === 'set',
      'console',
      { userId: String(user.id), name: user.name },
    );
    res.redirect(
      303,
      `/app/contacts/${String(contact._id)}?done=${action === 'set' ? 'optedOut' : 'optedIn'}`,
    );
  });

  router.post('/app/contacts/:id/export', admin, form, async (req, res, next) => {
    const contact = await contactOf(req);
    if (!contact) return next();
    const exported = await deps.privacy.exportContact(actorOf(req).workspaceId, {
      id: String(contact._id),
    });
    const zip = zipArchive(contactExportFiles(exported), new Date(exported.exportedAt));
    const day = exported.exportedAt.slice(0, 10);
    res
      .set({
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="contact-${exported.contactId}-${day}.zip"`,
      })
      .type('application/zip')
      .send(zip);
  });

  const renderErase = async (
    req: Request,
    res: Response,
    contact: ContactDoc,
    state: { error?: string; erased?: { collection: string; count: number }[] },
    status = 200,
  ) => {
    const t = pageT(req);
    renderAppPage(
      req,
      res,
      views.erase,
      {
        title: t('contacts.erase.title'),
        styles: ['workspace.css'],
        contact: {
          id: String(contact._id),
          // Once erased, the page no longer shows who it was.
          name: (!state.erased && displayName(contact)) || t('contacts.erasedName'),
        },
        ...state,
      },
      status,
    );
  };

  router.get('/app/contacts/:id/erase', admin, async (req, res, next) => {
    const contact = await contactOf(req);
    if (!contact) return next();
    await renderErase(req, res, contact, {});
  });

  router.post('/app/contacts/:id/erase', admin, form, async (req, res, next) => {
    const contact = await contactOf(req);
    if (!contact) return next();
    const typed = (req.body as Record<string, unknown> | undefined)?.confirm;
    const confirmed =
      typeof typed === 'string' && CONFIRM_WORDS.has(typed.trim().toLocaleLowerCase());
    if (!confirmed) {
      return renderErase(
        req,
        res,
        contact,
        { error: pageT(req)('contacts.erase.confirmError') },
        400,
      );
    }
    const result = await deps.privacy.eraseContact(actorOf(req).workspaceId, {
      id: String(contact._id),
    });
    await renderErase(req, res, contact, {
      erased: Object.entries(result.erased).map(([collection, count]) => ({ collection, count })),
    });
  });

  return router;
}
