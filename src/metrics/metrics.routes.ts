import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { Registry } from 'prom-client';
import { AppError } from '../shared/errors';
import { safeEqual } from '../shared/safe-equal';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when the Authorization header carries this bearer token (constant time, any length). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  // Digests have one length, so the comparison takes as long whatever was sent.
  return safeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

/** GET /metrics on the app, for a scraper that presents METRICS_TOKEN. */
export function metricsRoutes(registry: Registry, token: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!bearerMatches(req.get('Authorization'), token)) {
      res.set('WWW-Authenticate', 'Bearer realm="metrics"');
      throw AppError.unauthorized('The metrics token is required.');
    }
    const body = await registry.metrics();
    res.set('Cache-Control', 'no-store').type(registry.contentType).send(body);
  });
  return router;
}
