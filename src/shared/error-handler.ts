import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError } from './errors';
import { sendProblem } from './problem';
import { isRedisUnavailable, REDIS_RETRY_AFTER_S } from './redis-unavailable';
import { zodProblems } from './validation';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, {
    status: 404,
    title: 'Not Found',
    detail: `No route for ${req.method} ${req.path}.`,
    instance: req.originalUrl,
    requestId: String(req.id),
  });
};

/** The single place errors become responses. Internals never leave the process. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const base = { instance: req.originalUrl, requestId: String(req.id) };
  if (res.headersSent) {
    req.log.error({ err }, 'error after headers were sent');
    res.end();
    return;
  }
  if (err instanceof AppError) {
    sendProblem(res, {
      ...base,
      status: err.status,
      title: err.title,
      detail: err.detail,
      errors: err.errors,
    });
    return;
  }
  if (err instanceof ZodError) {
    sendProblem(res, {
      ...base,
      status: 400,
      title: 'Bad Request',
      detail: 'The request is not valid.',
      errors: zodProblems(err),
    });
    return;
  }
  const e = err as HttpishError;
  if (e.type === 'entity.too.large') {
    sendProblem(res, {
      ...base,
      status: 413,
      title: 'Content Too Large',
      detail: 'The request body must not exceed 100 KB.',
    });
    return;
  }
  if (e.type === 'entity.parse.failed') {
    sendProblem(res, {
      ...base,
      status: 400,
      title: 'Bad Request',
      detail: 'The request body is not valid JSON.',
    });
    return;
  }
  if (isRedisUnavailable(err)) {
    req.log.warn({ err }, 'redis unavailable');
    res.setHeader('Retry-After', String(REDIS_RETRY_AFTER_S));
    sendProblem(res, {
      ...base,
      status: 503,
      title: 'Service Unavailable',
      detail: 'A service Retour depends on is not answering. Try again in a few seconds.',
    });
    return;
  }
  const status = e.status ?? e.statusCode;
  // The router throws a URIError with status 400 (but no `expose`) for a path parameter whose
  // percent-encoding is broken, such as /s/%E0%A4%A: the client's mistake, not ours.
  if (err instanceof URIError && status === 400) {
    sendProblem(res, {
      ...base,
      status: 400,
      title: 'Bad Request',
      detail: 'The URL is not valid: part of its path is not correctly percent-encoded.',
    });
    return;
  }
  if (status && status >= 400 && status < 500 && e.expose) {
    sendProblem(res, { ...base, status, title: 'Bad Request', detail: (err as Error).message });
    return;
  }
  req.log.error({ err }, 'unhandled error');
  sendProblem(res, {
    ...base,
    status: 500,
    title: 'Internal Server Error',
    detail: 'Something went wrong on our side. It has been logged.',
  });
};
