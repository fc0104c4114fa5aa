import type { Request, RequestHandler } from 'express';
import type { Histogram } from 'prom-client';

/** The label of requests no route answered (404s, rate limits in front of a router). */
export const NO_ROUTE = 'none';

/**
 * Express sets `req.route` when a route matches, while `req.baseUrl` is still the mount path of
 * its router; by the time the response finishes, an error passed to next() has reset baseUrl.
 * So the template is taken at that moment: mount path + route path, never the URL itself.
 */
function trackRouteTemplate(req: Request): () => string {
  let template = NO_ROUTE;
  let route: unknown = req.route;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (value && typeof value.path === 'string') template = req.baseUrl + value.path;
    },
  });
  return () => template;
}

/** Observes every request's duration by route template, method and status code. */
export function httpMetrics(
  histogram: Histogram<'route' | 'method' | 'status_code'>,
): RequestHandler {
  return (req, res, next) => {
    const end = histogram.startTimer();
    const templateOf = trackRouteTemplate(req);
    res.once('finish', () => {
      end({ route: templateOf(), method: req.method, status_code: String(res.statusCode) });
    });
    next();
  };
}
