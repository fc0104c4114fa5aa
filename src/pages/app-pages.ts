import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import Handlebars from 'handlebars';
import { VIEWS_DIR } from '../shared/paths';
import type { SessionUser } from '../shared/request-context';
import { seesWholeWorkspace } from '../shared/roles';
import { formatDate, formatNumber, type DateStyle } from './formatting';
import { APP_LOCALES, isAppLocale, translator, type AppLocale, type Translate } from './i18n';
import { requestLocale } from './request-locale';

/**
 * The shell of every signed-in page: one handlebars instance with the `app-layout` partial
 * (header, nav, sign-out form), the `csrf` partial (hidden `_csrf` field), stylesheets and
 * scripts served from views/app/*.css and *.js at /assets/<name>, and a strict Content-Security-Policy (no inline
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

/** The stylesheets and the small progressive-enhancement scripts of views/app/. */
const ASSET_TYPES: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript' };
const assetType = (file: string) => ASSET_TYPES[file.slice(file.lastIndexOf('.'))];

const assets = new Map(
  readdirSync(APP_DIR)
    .filter((f) => assetType(f) !== undefined)
    .map((file) => {
      const body = readFileSync(join(APP_DIR, file), 'utf8');
      const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
      return [file, { body, version, type: assetType(file)! }] as const;
    }),
);

/** `/assets/app.css?v=…`: the version changes with the content, so browsers may cache forever. */
export function assetUrl(file: string): string {
  const asset = assets.get(file);
  if (!asset) throw new Error(`No asset views/app/${file}`);
  return `/assets/${file}?v=${asset.version}`;
}

export function appAssetsRoutes(): Router {
  const router = Router();
  router.get('/assets/:file', (req, res, next) => {
    const asset = assets.get(String(req.params.file));
    if (!asset) return next();
    const current = req.query.v === asset.version;
    res
      .type(asset.type)
      .set('Cache-Control', current ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(asset.body);
  });
  return router;
}

const hbs = Handlebars.create();
hbs.registerPartial('app-layout', readFileSync(join(APP_DIR, 'layout.hbs'), 'utf8'));
hbs.registerPartial('csrf', '<input type="hidden" name="_csrf" value="{{@root.csrfToken}}">');
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

type HelperOptions = { hash: Record<string, unknown>; data: { root: Record<string, unknown> } };
const rootLocale = (options: HelperOptions): AppLocale => {
  const locale = options.data.root.locale;
  return isAppLocale(locale) ? locale : 'en';
};
/** `{{t "inbox.title"}}`, `{{t "inbox.count" count=n}}`: the catalogue text in the page's language. */
hbs.registerHelper('t', (key: unknown, options: HelperOptions) =>
  translator(rootLocale(options))(String(key), options.hash),
);
/** `{{formatDate at}}`, `{{formatDate at "date"}}`: in the page's language and time zone. */
hbs.registerHelper('formatDate', (value: unknown, ...rest: unknown[]) => {
  const options = rest.pop() as HelperOptions;
  const style = (typeof rest[0] === 'string' ? rest[0] : 'dateTime') as DateStyle;
  const tz = options.data.root.timeZone;
  return formatDate(
    value as Date | string | number | null,
    rootLocale(options),
    typeof tz === 'string' ? tz : undefined,
    style,
  );
});
/** `{{formatNumber n}}`, `{{formatNumber n digits=1}}`. */
hbs.registerHelper('formatNumber', (value: unknown, options: HelperOptions) => {
  const digits = options.hash.digits;
  return formatNumber(
    value as number,
    rootLocale(options),
    typeof digits === 'number' ? { maximumFractionDigits: digits } : {},
  );
});

/**
 * Makes a template under views/ (e.g. 'app/condition-group.hbs') a partial of every app page,
 * `{{> condition-group}}`; it may call itself for nested structures.
 */
export function registerAppPartial(name: string, file: string): void {
  hbs.registerPartial(name, readFileSync(join(VIEWS_DIR, file), 'utf8'));
}

/** Compiles a template under views/ (e.g. 'app/home.hbs') with the app partials available. */
export function compileAppView(file: string): HandlebarsTemplateDelegate {
  return hbs.compile(readFileSync(join(VIEWS_DIR, file), 'utf8'), { strict: false });
}

/** The `t` of this request's page language (see requestLocale). */
export function pageT(req: Request): Translate {
  return translator(requestLocale(req));
}

export interface AppPageModel {
  title: string;
  /** The workspace's IANA time zone, for the formatDate helper; UTC when absent. */
  timeZone?: string;
  /** Extra stylesheets of views/app/ for this page, e.g. ['inbox.css']. */
  styles?: string[];
  /** Scripts of views/app/ for this page (deferred; every page works without them). */
  scripts?: string[];
  /** The page embeds one of this site's own pages in an iframe (the survey editor's preview). */
  framesSelf?: boolean;
  [key: string]: unknown;
}

interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

type NavAudience = 'everyone' | 'managers' | 'admins';

/** The console's sections in nav order, with who may see each (the page itself checks too). */
export const CONSOLE_SECTIONS: readonly { href: string; key: string; audience: NavAudience }[] = [
  { href: '/app', key: 'nav.home', audience: 'everyone' },
  { href: '/app/inbox', key: 'nav.inbox', audience: 'everyone' },
  { href: '/app/reports', key: 'nav.reports', audience: 'managers' },
  { href: '/app/surveys', key: 'nav.surveys', audience: 'managers' },
  { href: '/app/triggers', key: 'nav.triggers', audience: 'managers' },
  { href: '/app/rules', key: 'nav.rules', audience: 'managers' },
  { href: '/app/invitations', key: 'nav.invitations', audience: 'managers' },
  { href: '/app/contacts', key: 'nav.contacts', audience: 'admins' },
  { href: '/app/rewards', key: 'nav.rewards', audience: 'admins' },
  { href: '/app/connectors', key: 'nav.connectors', audience: 'admins' },
  { href: '/app/users', key: 'nav.users', audience: 'admins' },
  { href: '/app/api-keys', key: 'nav.apiKeys', audience: 'admins' },
  { href: '/app/settings', key: 'nav.settings', audience: 'admins' },
  { href: '/app/audit', key: 'nav.audit', audience: 'admins' },
  // Admins wire the helpdesk and keys: the API reference is one click away.
  { href: '/docs', key: 'nav.apiReference', audience: 'admins' },
  { href: '/app/account', key: 'nav.account', audience: 'everyone' },
];

function sees(user: SessionUser, audience: NavAudience): boolean {
  if (audience === 'everyone') return true;
  return audience === 'managers' ? seesWholeWorkspace(user) : user.role === 'admin';
}

function navFor(user: SessionUser | undefined, path: string, t: Translate): NavItem[] {
  if (!user) return [];
  return CONSOLE_SECTIONS.filter((s) => sees(user, s.audience)).map((s) => ({
    href: s.href,
    label: t(s.key),
    current: s.href === '/app' ? path === '/app' : path === s.href || path.startsWith(`${s.href}/`),
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
  const locale = requestLocale(req);
  const t = translator(locale);
  res
    .status(status)
    .set({
      'Content-Security-Policy': model.framesSelf ? `${APP_CSP}; frame-src 'self'` : APP_CSP,
      'Cache-Control': 'no-store',
      'Content-Language': locale,
    })
    .type('html')
    .send(
      view({
        ...model,
        user: user ? { name: user.name, email: user.email, role: user.role } : null,
        csrfToken: res.locals.csrfToken ?? '',
        nav: navFor(user, req.path, t),
        locale,
        // The switcher offers the other languages, each named in its own language.
        languages: APP_LOCALES.filter((l) => l !== locale).map((code) => ({
          code,
          name: translator(code)('language.name'),
        })),
        // A form post's URL may not answer GET: go back to a page that does.
        here: req.method === 'GET' ? req.originalUrl : user ? '/app' : '/login',
        styles: [assetUrl('app.css'), ...(model.styles ?? []).map(assetUrl)],
        scripts: (model.scripts ?? []).map(assetUrl),
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
