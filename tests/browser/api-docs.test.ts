import { join } from 'node:path';
import { ARTIFACTS, useBrowserApp } from './browser';

const app = useBrowserApp('browser-api-docs');

describe('the API reference on a phone', () => {
  it('when /docs is opened at 360×640 with JavaScript off, then it fits the screen and its links and details work', async () => {
    const { browser, server } = app;
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.baseUrl}/docs`);

    await expect(page.locator('h1').textContent()).resolves.toBe('Retour API reference');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    const styled = await page.evaluate<string>(
      'getComputedStyle(document.querySelector(".op")).borderTopStyle',
    );
    expect(styled).toBe('solid');

    await page.getByRole('link', { name: 'POST /api/v1/interactions' }).click();
    expect(new URL(page.url()).hash).toBe('#post-api-v1-interactions');
    const op = page.locator('#post-api-v1-interactions');
    await op.locator('summary', { hasText: '400' }).click();
    await expect(op.getByText('customer.phone').first().isVisible()).resolves.toBe(true);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs-360.png') });
    expect(violations).toEqual([]);
    await context.close();
  });
});
