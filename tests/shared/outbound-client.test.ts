import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createOutboundClient,
  OutboundBlockedError,
  OutboundTimeoutError,
  OutboundTooLargeError,
  type Resolver,
} from '../../src/shared/outbound';

/** A real HTTP server on 127.0.0.1 that counts the requests it gets. */
async function startServer(handler: Parameters<typeof createServer>[1]) {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    handler!(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hits: () => hits,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** DNS as a table: a public-looking name that points at an internal address. */
const table =
  (entries: Record<string, string>): Resolver =>
  async (hostname) => {
    const address = entries[hostname];
    if (!address)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };

describe('outbound client', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeEach(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { Location: `http://127.0.0.1:${server.port}/final` }).end();
      } else if (req.url === '/big') {
        res.writeHead(200).end('x'.repeat(5000));
      } else if (req.url === '/slow') {
        // never answers
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`hello ${req.method}`);
      }
    });
  });
  afterEach(() => server.close());

  test('when a local server on 127.0.0.1 is not allowed, then nothing reaches it', async () => {
    const client = createOutboundClient({ allowHosts: [] });
    for (const url of [
      `http://127.0.0.1:${server.port}/`,
      `http://2130706433:${server.port}/`,
      `http://0x7f.1:${server.port}/`,
      `http://[::ffff:127.0.0.1]:${server.port}/`,
    ]) {
      await expect(client.request({ method: 'POST', url })).rejects.toBeInstanceOf(
        OutboundBlockedError,
      );
    }
    expect(server.hits()).toBe(0);
  });

  test('when its host name is allowed, then the call goes through', async () => {
    const client = createOutboundClient({ allowHosts: ['127.0.0.1'] });
    const res = await client.request({
      method: 'POST',
      url: `http://127.0.0.1:${server.port}/`,
      body: 'x',
    });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello POST');
  });

  test('when a host name resolves to a private address, then it is refused at connect time', async () => {
    const client = createOutboundClient({
      allowHosts: [],
      resolve: table({ 'hooks.customer.example': '127.0.0.1' }),
    });
    const err = await client
      .request({ method: 'POST', url: `http://hooks.customer.example:${server.port}/` })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundBlockedError);
    expect((err as Error).message).toContain('resolves to 127.0.0.1');
    expect(server.hits()).toBe(0);
  });

  test('when localhost is resolved by the system resolver, then it is refused too', async () => {
    const client = createOutboundClient({ allowHosts: [] });
    await expect(
      client.request({ method: 'GET', url: `http://localhost:${server.port}/` }),
    ).rejects.toBeInstanceOf(OutboundBlockedError);
    expect(server.hits()).toBe(0);
  });

  test('when an allowed name resolves, then the address connected to is the one resolved', async () => {
    const client = createOutboundClient({
      allowHosts: ['fake-chat.internal'],
      resolve: table({ 'fake-chat.internal': '127.0.0.1' }),
    });
    const res = await client.request({
      method: 'GET',
      url: `http://fake-chat.internal:${server.port}/`,
    });
    expect(res.body.toString()).toBe('hello GET');
  });

  test('when the answer is a redirect to 127.0.0.1, then it is not followed', async () => {
    const client = createOutboundClient({
      allowHosts: ['public-hook.example'],
      resolve: table({ 'public-hook.example': '127.0.0.1' }),
    });
    const res = await client.request({
      method: 'POST',
      url: `http://public-hook.example:${server.port}/redirect`,
    });
    expect(res.status).toBe(302);
    expect(server.hits()).toBe(1);
  });

  test('when the answer is too large or too slow, then a typed error says so', async () => {
    const client = createOutboundClient({ allowHosts: ['127.0.0.1'] });
    const base = `http://127.0.0.1:${server.port}`;
    await expect(
      client.request({ method: 'GET', url: `${base}/big`, maxResponseBytes: 1000 }),
    ).rejects.toBeInstanceOf(OutboundTooLargeError);
    await expect(
      client.request({ method: 'GET', url: `${base}/slow`, timeoutMs: 200 }),
    ).rejects.toBeInstanceOf(OutboundTimeoutError);
  });
});
