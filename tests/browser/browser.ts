import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Express } from 'express';
import { startTestContext, type TestContext } from '../support/harness';

/** Debian's chromium, installed by .ci/run with apt-get; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'browser');

/** Fails loudly when Chromium is missing: a skipped browser test must never count as passing. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The real app on a free local port, as a browser reaches it. */
export async function listen(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export interface BrowserApp {
  ctx: TestContext;
  browser: Browser;
  server: Awaited<ReturnType<typeof listen>>;
}

/**
 * For a browser test file: the real app on a free port and Debian's Chromium, started before
 * the file's tests and closed after them. Read the fields inside tests, once beforeAll ran.
 */
export function useBrowserApp(label: string, env: Record<string, string> = {}): BrowserApp {
  const app = {} as BrowserApp;
  beforeAll(async () => {
    app.ctx = await startTestContext(label, env);
    app.server = await listen(app.ctx.app);
    app.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
    await app.ctx?.close();
  });
  return app;
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

export const pageWidth = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth');
