import express, { Router, type ErrorRequestHandler } from 'express';
import { sendProblem } from '../shared/problem';
import { isRedisUnavailable } from '../shared/redis-unavailable';
import type { DeliveriesService } from './deliveries.service';

export const INBOUND_BODY_LIMIT = '1mb';

const titles = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' } as const;

/**
 * POST /webhooks/connectors/:id, for every provider. Never 409, 429 or 503: providers retry
 * those or disable the subscription. A MongoDB failure is the one 500 (the delivery was not kept).
 */
export function inboundRoutes(deliveries: DeliveriesService): Router {
  const router = Router();
  router.head('/webhooks/connectors/:id', async (req, res) => {
    res.status((await deliveries.exists(String(req.params.id))) ? 200 : 404).end();
  });
  router.post(
    '/webhooks/connectors/:id',
    express.raw({ type: () => true, limit: INBOUND_BODY_LIMIT }),
    async (req, res) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const answer = await deliveries
        .receive(String(req.params.id), { headers, rawBody })
        .catch((err: unknown) => {
          // Queue adds park in MongoDB when Redis is down, so this is not expected; still no 503.
          if (isRedisUnavailable(err))
            throw new Error('connector delivery: redis unavailable', { cause: err });
          throw err;
        });
      if ('body' in answer) {
        res.status(answer.status).json(answer.body);
        return;
      }
      if (answer.status !== 400)
        req.log.info({ status: answer.status }, 'connector delivery refused');
      sendProblem(res, {
        status: answer.status,
        title: titles[answer.status],
        detail: answer.detail,
        instance: req.originalUrl,
        requestId: String(req.id),
      });
    },
  );
  const tooLarge: ErrorRequestHandler = (err: { type?: string }, req, res, next) => {
    if (err.type !== 'entity.too.large') return next(err);
    sendProblem(res, {
      status: 413,
      title: 'Content Too Large',
      detail: 'A connector delivery must not exceed 1 MB.',
      instance: req.originalUrl,
      requestId: String(req.id),
    });
  };
  router.use('/webhooks/connectors', tooLarge);
  return router;
}
