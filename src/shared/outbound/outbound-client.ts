import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { BLOCKED_REASON, checkOutboundUrl, isPublicAddress } from './address-policy';
import {
  OutboundBlockedError,
  OutboundNetworkError,
  OutboundTimeoutError,
  OutboundTooLargeError,
} from './outbound-errors';

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole call: connect, send, answer and body. */
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Host name → addresses; DNS by default, a fixed table in tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundClientOptions {
  /** Host names (or literal IPs) an operator allows even though they are internal. */
  allowHosts: readonly string[];
  resolve?: Resolver;
}

export interface OutboundClient {
  request(req: OutboundRequest): Promise<OutboundResponse>;
}

const dnsResolve: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The one HTTP client for calls to URLs that users configure (chat and rule webhooks, connector
 * APIs). The address check runs inside the socket's `lookup` hook, so the address checked is the
 * address connected to; redirects are never followed (a 3xx comes back as an answer).
 */
export function createOutboundClient(options: OutboundClientOptions): OutboundClient {
  const resolve = options.resolve ?? dnsResolve;

  const lookupFor =
    (allowed: boolean): LookupFunction =>
    (hostname, lookupOptions, callback) => {
      resolve(hostname).then(
        (found) => {
          const family = lookupOptions.family;
          const addresses = found.filter(
            (a) => !family || family === 0 || a.family === Number(family),
          );
          const blocked = allowed ? undefined : addresses.find((a) => !isPublicAddress(a.address));
          if (blocked || addresses.length === 0) {
            const err = blocked
              ? new OutboundBlockedError(
                  `${hostname} resolves to ${blocked.address}: ${BLOCKED_REASON}`,
                )
              : new OutboundNetworkError(`${hostname} has no address`);
            callback(err, '', 0);
          } else if (lookupOptions.all) {
            callback(null, addresses);
          } else {
            callback(null, addresses[0]!.address, addresses[0]!.family);
          }
        },
        (err: unknown) => callback(err as NodeJS.ErrnoException, '', 0),
      );
    };

  return {
    request(req) {
      const check = checkOutboundUrl(req.url, options.allowHosts);
      if (!check.ok) return Promise.reject(new OutboundBlockedError(`${req.url} ${check.reason}`));
      const { url, allowed } = check;
      const maxBytes = req.maxResponseBytes ?? 1024 * 1024;
      const transport = url.protocol === 'https:' ? https : http;

      return new Promise<OutboundResponse>((resolvePromise, reject) => {
        const request = transport.request(url, {
          method: req.method,
          headers: req.headers,
          lookup: lookupFor(allowed),
          // No pooled socket: one connected for an allowed host must not serve another client.
          agent: false,
        });
        const timer = setTimeout(
          () => request.destroy(new OutboundTimeoutError(`no answer within ${req.timeoutMs}ms`)),
          req.timeoutMs ?? 10_000,
        );
        let settled = false;
        const fail = (err: Error) => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          reject(
            err instanceof OutboundBlockedError ||
              err instanceof OutboundTimeoutError ||
              err instanceof OutboundTooLargeError ||
              err instanceof OutboundNetworkError
              ? err
              : new OutboundNetworkError(err.message),
          );
        };
        request.on('error', fail);
        request.on('response', (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              fail(new OutboundTooLargeError(`answer over ${maxBytes} bytes`, status));
              request.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', fail);
          res.on('end', () => {
            clearTimeout(timer);
            if (settled) return;
            settled = true;
            resolvePromise({ status, headers: res.headers, body: Buffer.concat(chunks) });
          });
        });
        request.end(req.body);
      });
    },
  };
}
