import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import Handlebars from 'handlebars';
import { VIEWS_DIR } from '../shared/paths';
import { docsPage } from './docs-page';
import { buildApiDocument } from './document';

const dir = join(VIEWS_DIR, 'docs');
const read = (file: string) => readFileSync(join(dir, file), 'utf8');

/**
 * GET /api/v1/openapi.json and GET /docs: both built once from the zod schemas the routes
 * validate with; public, and cacheable for a short while.
 */
export function apiDocsRoutes(): Router {
  const document = buildApiDocument();
  const body = JSON.stringify(document);
  const css = read('api.css')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .trim();
  const hbs = Handlebars.create();
  hbs.registerPartial('content', read('content.hbs'));
  const html = hbs.compile(read('api.hbs'))({ ...docsPage(document), css });
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  const router = Router();
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/json').send(body);
  });
  router.get('/docs', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Content-Security-Policy', csp);
    res.type('html').send(html);
  });
  return router;
}
