import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { renderTemplate } from '../shared/text-templates';

/**
 * The survey pages' templates, compiled once at start-up. The stylesheet is inlined (no extra
 * request on a slow connection) and allowed by its hash in the Content-Security-Policy.
 */
export const PAGE_NAMES = [
  'form',
  'thanks',
  'answered',
  'closed',
  'not-found',
  'error',
  'unsubscribe',
] as const;
export type PageName = (typeof PAGE_NAMES)[number];

function viewsDir(): string {
  // src/pages in development and tests, dist/src/pages once built.
  const candidates = [resolve(__dirname, '../../views'), resolve(__dirname, '../../../views')];
  const found = candidates.find((dir) => existsSync(join(dir, 'survey', 'layout.hbs')));
  if (!found) throw new Error(`The survey page templates are missing (looked in ${candidates}).`);
  return join(found, 'survey');
}

const dir = viewsDir();
const read = (file: string) => readFileSync(join(dir, file), 'utf8');

/** The stylesheet as written, minus its whitespace: every byte counts on a weak connection. */
const css = read('style.css')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{};:,>+])\s*/g, '$1')
  .trim();
const pages = Handlebars.create();
pages.registerPartial('layout', read('layout.hbs'));
const compiled = Object.fromEntries(
  PAGE_NAMES.map((name) => [name, pages.compile(read(`${name}.hbs`), { strict: false })]),
) as Record<PageName, HandlebarsTemplateDelegate>;

export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageModel {
  lang: string;
  title: string;
  company?: string | null;
  [key: string]: unknown;
}

export function renderPage(name: PageName, model: PageModel): string {
  return compiled[name]({ ...model, css });
}

/**
 * Survey texts are handlebars templates written by the workspace ({{company}}); they render
 * unescaped here because the page template escapes them once when it inserts them.
 */
export function renderText(template: string, data: Record<string, unknown>): string {
  return renderTemplate(template, data);
}
