import { Router } from 'express';

export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2000;

class ProbeTimeout extends Error {}

function withTimeout(p: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new ProbeTimeout()), PROBE_TIMEOUT_MS);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

/** Failures are logged; the public answer names the dependency but never the driver's text. */
export type ProbeFailureLog = (name: string, err: unknown) => void;

/** /healthz: the process answers. /readyz: its dependencies answer too. */
export function healthRoutes(
  probes: ReadinessProbe[],
  isShuttingDown: () => boolean,
  logFailure: ProbeFailureLog = () => undefined,
): Router {
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
          logFailure(p.name, err);
          const why =
            err instanceof ProbeTimeout ? `no answer within ${PROBE_TIMEOUT_MS} ms` : 'error';
          return [p.name, `down: ${why}`] as const;
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
