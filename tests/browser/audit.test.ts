import request from 'supertest';
import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { createTestWorkspace } from '../support/harness';
import {
  pageWidth,
  screenshot,
  seriousA11yViolations,
  signInPage,
  useBrowserApp,
  VIEWPORTS,
} from './browser';

const app = useBrowserApp('browser-audit', FAST_HASHING);

describe('the audit trail page in a browser', () => {
  it('when an admin opens /app/audit in French and English, on a phone and a laptop, then it passes axe and fits the screen', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Acme');
    const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
    // Long values (a URL, a secret masked) are what could push a phone page sideways.
    await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({
        chatWebhookUrl: `https://chat.example.com/hooks/${'a1b2c3d4'.repeat(12)}`,
        chatWebhookSecret: 'a-chat-secret-of-some-length',
        quietHours: { start: '20:00', end: '08:00' },
      })
      .expect(200);
    for (const locale of ['fr', 'en'] as const) {
      for (const viewport of VIEWPORTS) {
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          locale,
        });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const csp: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
        });
        await signInPage(page, server.baseUrl, admin, PASSWORD, '/app/audit');
        expect(new URL(page.url()).pathname).toBe('/app/audit');
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        expect(await page.getByTestId('audit-entries').locator('li').count()).toBeGreaterThan(1);
        expect(await page.locator('[data-action="workspace.settings-updated"]').count()).toBe(1);
        expect(await seriousA11yViolations(page)).toEqual([]);
        expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
        await screenshot(page, `audit-${locale}-${viewport.width}`);

        await page.goto(`${server.baseUrl}/app/audit?action=Not+an+action`);
        expect(await page.locator('#e-action').count()).toBe(1);
        expect(await seriousA11yViolations(page)).toEqual([]);
        expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
        expect(csp).toEqual([]);
        await context.close();
      }
    }
  });
});
