import { Router } from 'express';

export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2000;

function withTimeout(p: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

/** /healthz: the process answers. /readyz: its dependencies answer too. */
export function healthRoutes(probes: ReadinessProbe[], isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      probes.map(async (p) => {
        try {
          await withTimeout(p.check());
          return [p.name, 'ok'] as const;
        } catch (err) {
          return [p.name, `down: ${(err as Error).message}`] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const ready = !isShuttingDown() && results.every(([, s]) => s === 'ok');
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ok' : isShuttingDown() ? 'shutting down' : 'unavailable', checks });
  });
  return router;
}
