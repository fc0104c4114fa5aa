import express from 'express';
import { Types } from 'mongoose';
import request from 'supertest';
import { landingRoutes, responseModel } from '../../src/responses';
import { issueFormNonce } from '../../src/responses/form-nonce';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { answer, linkInvitation, nonceOf, type TestInvitation } from './landing-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('landing-answers');
});
afterAll(() => ctx.close());

const responsesOf = (inv: TestInvitation) =>
  responseModel(ctx.container.mongo)
    .find({ invitationId: new Types.ObjectId(inv.id) })
    .lean();

/** The landing routes alone, with some of their dependencies replaced. */
function landingApp(overrides: Partial<Parameters<typeof landingRoutes>[0]> = {}) {
  const { services, redis, config } = ctx.container;
  const app = express();
  app.use(
    landingRoutes({
      contexts: services.responses.contexts,
      responses: services.responses,
      emailClicks: services.responses.emailClicks,
      redis,
      secret: config.SESSION_SECRET,
      keyPrefix: `${config.QUEUE_PREFIX}-${new Types.ObjectId()}`,
      ...overrides,
    }),
  );
  return app;
}

describe('bad answers', () => {
  it.each([
    ['nps', ['11', '-1', '9.5', 'nine', '']],
    ['csat', ['0', '6']],
    ['ces', ['0', '6']],
  ] as const)(
    'when a %s score is off its scale (%p), then the form comes back with the error and the comment kept, and nothing is stored',
    async (type, scores) => {
      const ws = await createTestWorkspace(ctx);
      const inv = await linkInvitation(ctx, ws, { type, locale: 'en' });
      for (const score of scores) {
        const res = await answer(ctx, inv, { score, comment: 'my words' }, 400);
        expect(res.text).toContain('Please choose a score.');
        expect(res.text).toContain('>my words</textarea>');
        expect(res.text).toContain('aria-describedby="');
      }
      await answer(ctx, inv, { comment: 'no score at all' }, 400);
      expect(await responsesOf(inv)).toHaveLength(0);
    },
  );

  it('when a CES survey uses the 1–7 agreement scale, then 7 is accepted as easy and 8 refused', async () => {
    const ws = await createTestWorkspace(ctx);
    await request(ctx.app)
      .post('/api/v1/surveys')
      .set(ws.auth)
      .send({
        key: 'ces7',
        type: 'ces',
        name: 'Effort (agreement)',
        isDefault: true,
        scale: { min: 1, max: 7 },
        question: { en: '{{company}} made it easy to handle my issue.' },
        followUpQuestion: { en: 'Why?' },
        thankYou: { en: 'Thanks!' },
      })
      .expect(201);
    const inv = await linkInvitation(ctx, ws, { type: 'ces', locale: 'en' });
    const page = await request(ctx.app).get(inv.path).expect(200);
    expect(page.text).toContain('7 – Strongly agree');
    await answer(ctx, inv, { score: '8' }, 400);
    await answer(ctx, inv, { score: '7' }, 303);
    expect((await responsesOf(inv))[0]).toMatchObject({ score: 7, category: 'easy' });
  });

  it('when the comment is longer than 2,000 characters, then the form comes back with the text kept', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'fr' });
    const long = 'a'.repeat(2001);
    const res = await answer(ctx, inv, { score: '5', comment: long }, 400);
    expect(res.text).toContain('ne doit pas dépasser 2 000 caractères');
    expect(res.text).toContain(`>${long}</textarea>`);
    expect(res.text).toContain('id="score-5" name="score" value="5" checked');
    expect(await responsesOf(inv)).toHaveLength(0);
  });

  it('when the form nonce is missing, tampered with or from another link, then the post is refused', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en' });
    const other = await linkInvitation(ctx, ws, { locale: 'en' });
    const nonce = nonceOf((await request(ctx.app).get(inv.path)).text);
    const otherNonce = nonceOf((await request(ctx.app).get(other.path)).text);
    const tampered = `${nonce.slice(0, -1)}${nonce.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [undefined, tampered, otherNonce, 'garbage']) {
      const res = await request(ctx.app)
        .post(inv.path)
        .type('form')
        .send({ score: '9', ...(bad ? { nonce: bad } : {}) })
        .expect(400);
      expect(res.text).toContain('We could not check this form');
    }
    expect(await responsesOf(inv)).toHaveLength(0);
  });

  it('when the form nonce is older than 12 hours, then the customer is asked to send again', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en' });
    const old = issueFormNonce(
      ctx.container.config.SESSION_SECRET,
      inv.token,
      Date.now() - 13 * 3600_000,
    );
    const res = await request(ctx.app)
      .post(inv.path)
      .type('form')
      .send({ score: '9', nonce: old })
      .expect(400);
    expect(res.text).toContain('please send your answer again');
    await request(ctx.app)
      .post(inv.path)
      .type('form')
      .send({ score: '9', nonce: nonceOf(res.text) })
      .expect(303);
  });
});

describe('one-click answers and thank-you pages', () => {
  it('when an email button opens ?score=10, then the form is preselected and the click is only noted until it settles', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en', channels: ['link'] });
    const res = await request(ctx.app).get(`${inv.path}?score=10`).expect(200);
    expect(res.text).toContain('your score has been recorded');
    expect(res.text).toContain('id="score-10" name="score" value="10" checked');
    expect(await responsesOf(inv)).toHaveLength(0);
    const clicks = await ctx.container.mongo
      .collection('email_clicks')
      .find({ invitationId: new Types.ObjectId(inv.id) })
      .toArray();
    expect(clicks).toEqual([expect.objectContaining({ score: 10, state: 'pending' })]);
    await request(ctx.app).get(`${inv.path}?score=99`).expect(200);
    await request(ctx.app)
      .post(inv.path)
      .type('form')
      .send({ nonce: nonceOf(res.text), score: '10', comment: 'Great' })
      .expect(303);
    expect((await responsesOf(inv))[0]).toMatchObject({
      score: 10,
      comment: 'Great',
      source: 'web',
      version: 1,
    });
  });

  it('when a promoter answers a survey with a review link, then the thank-you page offers it', async () => {
    const ws = await createTestWorkspace(ctx);
    const surveys = await request(ctx.app).get('/api/v1/surveys').set(ws.auth);
    const nps = surveys.body.surveys.find((s: { type: string }) => s.type === 'nps');
    await request(ctx.app)
      .patch(`/api/v1/surveys/${nps.id}`)
      .set(ws.auth)
      .send({ reviewUrl: 'https://reviews.example/acme' })
      .expect(200);
    const promoter = await linkInvitation(ctx, ws, { locale: 'en' });
    await answer(ctx, promoter, { score: '10' }, 303);
    const thanks = await request(ctx.app).get(`${promoter.path}/thanks`).expect(200);
    expect(thanks.text).toContain('href="https://reviews.example/acme"');
    expect(thanks.text).toContain('Change my answer');
    const detractor = await linkInvitation(ctx, ws, { locale: 'en' });
    await answer(ctx, detractor, { score: '2' }, 303);
    const neutral = await request(ctx.app).get(`${detractor.path}/thanks`).expect(200);
    expect(neutral.text).not.toContain('reviews.example');
    // The default "NPS detractor → task" rule follows every new workspace's detractors up.
    expect(neutral.text).toContain('get back to you');
  });

  it('when a rule will follow a detractor up, then the thank-you page says so; a passive is never promised a call', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const app = landingApp({
      responses: { ...ctx.container.services.responses, willFollowUp: async () => true },
    });
    const detractor = await linkInvitation(ctx, ws, { locale: 'fr' });
    await answer(ctx, detractor, { score: '3' }, 303);
    const res = await request(app).get(`${detractor.path}/thanks`).expect(200);
    expect(res.text).toContain('Quelqu’un de Acme va revenir vers vous.');
    const passive = await linkInvitation(ctx, ws, { locale: 'fr' });
    await answer(ctx, passive, { score: '7' }, 303);
    expect((await request(app).get(`${passive.path}/thanks`)).text).not.toContain(
      'revenir vers vous',
    );
  });

  it('when the thank-you page is opened before any answer, then it sends back to the form', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws);
    const res = await request(ctx.app).get(`${inv.path}/thanks`).expect(303);
    expect(res.headers.location).toBe(inv.path);
  });
});

describe('limits and failures', () => {
  it('when one link is requested too often, then a 429 page in the browser language', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws);
    const app = landingApp({ limits: { perIpPerMinute: 100, perTokenPer10Minutes: 2 } });
    await request(app).get(inv.path).expect(200);
    await request(app).get(inv.path).expect(200);
    const res = await request(app).get(inv.path).set('Accept-Language', 'fr').expect(429);
    expect(res.text).toContain('Trop de tentatives');
    expect(res.headers['cache-control']).toBe('no-store');
    const other = await linkInvitation(ctx, ws);
    await request(app).get(other.path).expect(200);
  });

  it('when one client requests too many links, then it is limited by IP', async () => {
    const ws = await createTestWorkspace(ctx);
    const app = landingApp({ limits: { perIpPerMinute: 2, perTokenPer10Minutes: 100 } });
    const inv = await linkInvitation(ctx, ws);
    await request(app).get(inv.path).expect(200);
    await request(app).get('/s/AAAAAAAAAAAAAAAAAAAAAA').expect(404);
    await request(app).get(inv.path).expect(429);
  });

  it('when something breaks while answering, then an HTML error page without internals', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws);
    const broken = {
      ...ctx.container.services.responses.contexts,
      byToken: () => Promise.reject(new Error('secret internals: db exploded')),
      openByToken: () => Promise.reject(new Error('secret internals: db exploded')),
    };
    const app = landingApp({ contexts: broken });
    const res = await request(app).get(inv.path).set('Accept-Language', 'fr').expect(500);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Une erreur est survenue');
    expect(res.text).not.toContain('secret internals');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });
});
