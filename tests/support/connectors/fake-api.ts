import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeRoute = (req: RecordedRequest) => FakeAnswer | null;

/** A planned failure: the next request whose path matches gets this answer instead. */
interface Planned {
  path: RegExp;
  answer: FakeAnswer;
}

export interface FakeApi {
  baseUrl: string;
  requests: RecordedRequest[];
  /** The next `times` requests matching `path` are answered 429 with this Retry-After. */
  rateLimitNext(path: RegExp, retryAfterSeconds: number, body: unknown, times?: number): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server for a provider's REST API: records every request, answers planned
 * failures first, then the provider's routes (`route` returns null for an unknown path → 404).
 */
export async function startFakeApi(
  route: FakeRoute,
  notFound: (req: RecordedRequest) => FakeAnswer,
): Promise<FakeApi> {
  const requests: RecordedRequest[] = [];
  const planned: Planned[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(recorded);
      const index = planned.findIndex((p) => p.path.test(recorded.path));
      const answer =
        index >= 0 ? planned.splice(index, 1)[0]!.answer : (route(recorded) ?? notFound(recorded));
      res.writeHead(answer.status, {
        'Content-Type': 'application/json; charset=utf-8',
        ...answer.headers,
      });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    rateLimitNext(path, retryAfterSeconds, body, times = 1) {
      for (let i = 0; i < times; i += 1) {
        planned.push({
          path,
          answer: { status: 429, body, headers: { 'Retry-After': String(retryAfterSeconds) } },
        });
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** The path without its query string, and the query. */
export function splitPath(path: string): { pathname: string; query: URLSearchParams } {
  const url = new URL(path, 'http://fake');
  return { pathname: url.pathname, query: url.searchParams };
}
