import { Types } from 'mongoose';
import request from 'supertest';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { startCountingContext } from '../support/round-trips';
import { testEnv } from '../support/test-env';
import { linkInvitation, nonceOf, type TestInvitation } from './landing-helpers';

/**
 * The survey pages' round trips, counted through the driver's command monitoring and an
 * ioredis hook (issue 15). The settings caches are warmed by a first link of the same
 * workspace, as in steady state; the lists name each command so a regression says which.
 */
let counting: Awaited<ReturnType<typeof startCountingContext>>;
let ws: TestWorkspace;
beforeAll(async () => {
  counting = await startCountingContext('hot-landing', testEnv('hot-landing').MONGODB_URI!);
  ws = await createTestWorkspace(counting.ctx, 'Acme');
  const warm = await linkInvitation(counting.ctx, ws, { locale: 'fr' });
  await answerOn(warm, '2');
  await request(counting.ctx.app).get(`${warm.path}/thanks`).expect(200);
});
afterAll(() => counting.ctx.close());

const page = (path: string, status = 200) => request(counting.ctx.app).get(path).expect(status);
async function answerOn(inv: TestInvitation, score: string) {
  const form = await page(inv.path);
  await request(counting.ctx.app)
    .post(inv.path)
    .type('form')
    .send({ nonce: nonceOf(form.text), score })
    .expect(303);
}

describe('survey page round trips', () => {
  it('when a customer opens a link for the first time and again, then each view is one MongoDB command and one Redis round trip', async () => {
    const inv = await linkInvitation(counting.ctx, ws, { locale: 'fr' });
    const first = await counting.measure(() => page(inv.path));
    expect(first.mongo).toEqual(['findAndModify invitations']);
    expect(first.redis).toHaveLength(1);
    const again = await counting.measure(() => page(inv.path));
    expect(again.mongo).toEqual(['findAndModify invitations']);
    expect(again.redis).toHaveLength(1);
  });

  it('when the customer sends a score, then the post is at most 3 MongoDB commands and 2 Redis round trips', async () => {
    const inv = await linkInvitation(counting.ctx, ws, { locale: 'fr' });
    const form = await page(inv.path);
    const post = await counting.measure(() =>
      request(counting.ctx.app)
        .post(inv.path)
        .type('form')
        .send({ nonce: nonceOf(form.text), score: '9' })
        .expect(303),
    );
    expect(post.mongo).toEqual(['aggregate invitations', 'insert responses', 'update invitations']);
    expect(post.redis.length).toBeLessThanOrEqual(2);
  });

  it('when the thank-you page shows, for a promoter or a detractor, then it is one MongoDB command and one Redis round trip', async () => {
    for (const score of ['10', '1']) {
      const inv = await linkInvitation(counting.ctx, ws, { locale: 'fr' });
      await answerOn(inv, score);
      const thanks = await counting.measure(() => page(`${inv.path}/thanks`));
      expect(thanks.mongo).toEqual(['aggregate invitations']);
      expect(thanks.redis).toHaveLength(1);
    }
  });

  it('when the survey changes after the page was cached, then the thank-you page shows the new text at once (its read joins the survey version)', async () => {
    const inv = await linkInvitation(counting.ctx, ws, { locale: 'en' });
    await answerOn(inv, '9');
    await page(`${inv.path}/thanks`);
    const list = await request(counting.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const nps = list.body.surveys.find((s: { key: string }) => s.key === 'nps');
    // Another process's change: straight to MongoDB, so this process's caches hear nothing.
    await counting.ctx.container.mongo
      .collection('surveys')
      .updateOne(
        { _id: new Types.ObjectId(nps.id as string) },
        { $set: { 'thankYou.en': 'Merci beaucoup, truly', updatedAt: new Date() } },
      );
    const thanks = await page(`${inv.path}/thanks`);
    expect(thanks.text).toContain('Merci beaucoup, truly');
  });

  it('when an answered link is opened again, then the page reads the invitation and its response: two commands', async () => {
    const inv = await linkInvitation(counting.ctx, ws, { locale: 'fr' });
    await answerOn(inv, '8');
    const view = await counting.measure(() => page(inv.path));
    expect(view.mongo).toEqual(['findAndModify invitations', 'find responses']);
    expect(view.redis).toHaveLength(1);
  });
});
