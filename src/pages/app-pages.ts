import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import Handlebars from 'handlebars';
import { VIEWS_DIR } from '../shared/paths';
import type { SessionUser } from '../shared/request-context';
import { seesWholeWorkspace } from '../shared/roles';

/**
 * The shell of every signed-in page: one handlebars instance with the `app-layout` partial
 * (header, nav, sign-out form), the `csrf` partial (hidden `_csrf` field), stylesheets served
 * from views/app/*.css at /assets/<name>.css, and a strict Content-Security-Policy (no inline
 * script or style). Other components compile their page templates with compileAppView.
 */
const APP_DIR = join(VIEWS_DIR, 'app');

export const APP_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const stylesheets = new Map(
  readdirSync(APP_DIR)
    .filter((f) => f.endsWith('.css'))
    .map((file) => {
      const body = readFileSync(join(APP_DIR, file), 'utf8');
      const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
      return [file, { body, version }] as const;
    }),
);

/** `/assets/app.css?v=…`: the version changes with the content, so browsers may cache forever. */
export function assetUrl(file: string): string {
  const sheet = stylesheets.get(file);
  if (!sheet) throw new Error(`No stylesheet views/app/${file}`);
  return `/assets/${file}?v=${sheet.version}`;
}

export function appAssetsRoutes(): Router {
  const router = Router();
  router.get('/assets/:file', (req, res, next) => {
    const sheet = stylesheets.get(String(req.params.file));
    if (!sheet) return next();
    const current = req.query.v === sheet.version;
    res
      .type('text/css')
      .set('Cache-Control', current ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(sheet.body);
  });
  return router;
}

const hbs = Handlebars.create();
hbs.registerPartial('app-layout', readFileSync(join(APP_DIR, 'layout.hbs'), 'utf8'));
hbs.registerPartial('csrf', '<input type="hidden" name="_csrf" value="{{@root.csrfToken}}">');
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

/** Compiles a template under views/ (e.g. 'app/home.hbs') with the app partials available. */
export function compileAppView(file: string): HandlebarsTemplateDelegate {
  return hbs.compile(readFileSync(join(VIEWS_DIR, file), 'utf8'), { strict: false });
}

export interface AppPageModel {
  title: string;
  /** Extra stylesheets of views/app/ for this page, e.g. ['inbox.css']. */
  styles?: string[];
  [key: string]: unknown;
}

interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

function navFor(user: SessionUser | undefined, path: string): NavItem[] {
  if (!user) return [];
  const items = [
    { href: '/app', label: 'Home' },
    { href: '/app/inbox', label: 'Inbox' },
    ...(seesWholeWorkspace(user) ? [{ href: '/app/reports', label: 'Reports' }] : []),
  ];
  return items.map((i) => ({
    ...i,
    current: i.href === '/app' ? path === '/app' : path.startsWith(i.href),
  }));
}

/**
 * Sends a page in the app layout with the security headers of signed-in pages. The layout gets
 * the user, the CSRF token (res.locals.csrfToken) and the nav; `model` adds the page's data.
 */
export function renderAppPage(
  req: Request,
  res: Response,
  view: HandlebarsTemplateDelegate,
  model: AppPageModel,
  status = 200,
): void {
  const user = req.user;
  res
    .status(status)
    .set({
      'Content-Security-Policy': APP_CSP,
      'Cache-Control': 'no-store',
    })
    .type('html')
    .send(
      view({
        ...model,
        user: user ? { name: user.name, email: user.email, role: user.role } : null,
        csrfToken: res.locals.csrfToken ?? '',
        nav: navFor(user, req.path),
        styles: [assetUrl('app.css'), ...(model.styles ?? []).map(assetUrl)],
      }),
    );
}

const messageView = compileAppView('app/message.hbs');

/** A short page with a heading, a sentence and optional links (403, 404, link expired…). */
export function renderMessagePage(
  req: Request,
  res: Response,
  status: number,
  message: { title: string; text: string; links?: { href: string; label: string }[] },
): void {
  renderAppPage(req, res, messageView, message, status);
}
