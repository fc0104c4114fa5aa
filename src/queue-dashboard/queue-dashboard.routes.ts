import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, RequestHandler } from 'express';
import type { Queues } from '../shared/queues';
import { refuseForbidden, requireUser } from '../workspaces';
import { isOperator } from './operators';

type BoardAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

export const QUEUE_DASHBOARD_PATH = '/app/queues';

/**
 * Bull Board's page and the bundle it loads (all from node_modules/@bull-board/ui, no CDN):
 * its script files only, its own stylesheet plus inline styles (the loading screen, React's
 * style props, the JSON editor's injected rules), its API on this origin. Nothing else: the
 * Google Fonts link in its page is refused and the system fonts apply. `base-uri 'self'`
 * because the page resolves its asset paths against a <base href>.
 */
export const QUEUE_DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface QueueDashboardDeps {
  queues: Queues;
  /** OPERATOR_EMAILS: the only accounts let in; empty, nobody. */
  operators: readonly string[];
}

function operatorsOnly(operators: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (req.user && isOperator(operators, req.user.email)) return next();
    refuseForbidden(
      req,
      res,
      'The queue dashboard is for the operators of this installation (OPERATOR_EMAILS).',
      operators.length
        ? 'The queue dashboard is for the operators of this Retour installation only.'
        : 'The queue dashboard is turned off: no operator accounts are configured (OPERATOR_EMAILS).',
    );
  };
}

const dashboardHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('Content-Security-Policy', QUEUE_DASHBOARD_CSP);
  // Job data names customers and workspaces: only the hashed static bundle may be cached.
  if (!req.path.startsWith('/static/')) res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * Bull Board at /app/queues, over every queue of src/shared/queues.ts, for operators only:
 * signed out → the sign-in page; signed in but not an operator → 403. Mount after
 * signedInArea (session, user) with QUEUE_DASHBOARD_PATH in its `sameOriginOnly`, since Bull
 * Board's client cannot send the CSRF token: its retries and cleans must prove same-origin.
 */
export function mountQueueDashboard(app: Express, deps: QueueDashboardDeps): void {
  // A route (not only a mount), so the route matrix sees it and checks who it lets in.
  app
    .route([QUEUE_DASHBOARD_PATH, `${QUEUE_DASHBOARD_PATH}/*rest`])
    .all(requireUser(), operatorsOnly(deps.operators));
  if (!deps.operators.length) return;
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(deps.queues).map((queue) => new BullMQAdapter(queue)),
    // @bull-board/express 9.10.1 types itself against its own nested copy of @bull-board/api
    // 9.10.1; the adapter only calls the handlers it is given, so 9.10.2's work with it.
    serverAdapter: serverAdapter as unknown as BoardAdapter,
    options: { uiConfig: { boardTitle: 'Retour queues' } },
  });
  const board = serverAdapter.getRouter() as Express;
  board.disable('x-powered-by');
  app.use(QUEUE_DASHBOARD_PATH, dashboardHeaders, board);
}
