import { Types } from 'mongoose';
import request from 'supertest';
import { invitationModel } from '../../src/invitations/invitation.model';
import { responseModel } from '../../src/responses';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { answer, linkInvitation, nonceOf } from './landing-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('landing');
});
afterAll(() => ctx.close());

const responsesOf = (invitationId: string) =>
  responseModel(ctx.container.mongo)
    .find({ invitationId: new Types.ObjectId(invitationId) })
    .lean();
const invitationOf = (id: string) =>
  invitationModel(ctx.container.mongo).findById(id).lean().orFail();
async function patchDefaultSurvey(ws: TestWorkspace, type: string, patch: Record<string, unknown>) {
  const list = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
  const survey = list.body.surveys.find((s: { key: string }) => s.key === type);
  await request(ctx.app).patch(`/api/v1/surveys/${survey.id}`).set(ws.auth).send(patch).expect(200);
}
const responseJobs = () => ctx.container.queues.responses.getJobs(['waiting', 'delayed']);

describe('the survey page', () => {
  it('when a French contact opens the link, then the NPS form renders in French, small, strict and uncached, and the invitation is opened', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const inv = await linkInvitation(ctx, ws, { locale: 'fr' });
    const res = await request(ctx.app).get(inv.path).expect(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Quelle est la probabilité que vous recommandiez Acme');
    expect(res.text).toContain('0 – Pas du tout probable');
    expect(res.text).toContain('10 – Extrêmement probable');
    expect(res.text.match(/type="radio" id="score-\d+" name="score"/g)).toHaveLength(11);
    expect(res.text).toMatch(/<form method="post" action="\/s\/[\w-]+">/);
    expect(res.text).toContain('<fieldset aria-describedby="anchors">');
    expect(res.text).not.toContain('<script');
    expect(Buffer.byteLength(res.text)).toBeLessThanOrEqual(15 * 1024);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    const invitation = await invitationOf(inv.id);
    expect(invitation.status).toBe('opened');
    expect(invitation.openedAt).toBeInstanceOf(Date);
  });

  it('when a contact without a locale opens the link, then the browser language wins over the workspace default', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws);
    const fr = await request(ctx.app).get(inv.path).set('Accept-Language', 'fr-FR,fr;q=0.9');
    expect(fr.text).toContain('<html lang="fr">');
    const none = await request(ctx.app).get(inv.path);
    expect(none.text).toContain('<html lang="en">');
  });

  it('when an Arabic contact opens a survey written in Arabic, then the page is lang="ar" dir="rtl" with the Arabic question', async () => {
    const ws = await createTestWorkspace(ctx);
    const question = 'ما مدى احتمال أن توصي بـ {{company}} لصديق أو زميل؟';
    await patchDefaultSurvey(ws, 'nps', { question: { ar: question, en: 'How likely…?' } });
    const inv = await linkInvitation(ctx, ws, { locale: 'ar-EG' });
    const res = await request(ctx.app).get(inv.path).expect(200);
    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    expect(res.text).toContain(question.replace('{{company}}', ws.workspace.name));
    // The page's own words are Arabic too, not the workspace default's.
    expect(res.text).toContain('0 – غير محتمل إطلاقًا');
    expect(res.text).toContain('>إرسال<');
  });

  it.each([
    ['es-MX', 'es', '¿Qué probabilidad hay de que recomiende', '>Enviar<', '0 – Nada probable'],
    [
      'pt-BR',
      'pt',
      'Qual é a probabilidade de recomendar',
      '>Enviar<',
      '10 – Extremamente provável',
    ],
    ['pl', 'pl', 'Jak bardzo prawdopodobne jest', '>Wyślij<', '10 – Bardzo prawdopodobne'],
    ['nl', 'nl', 'Hoe waarschijnlijk is het dat u', '>Verzenden<', '0 – Zeer onwaarschijnlijk'],
  ])(
    'when a %s contact opens a default NPS survey, then the question and the page words are in %s',
    async (contactLocale, lang, question, send, anchor) => {
      const ws = await createTestWorkspace(ctx);
      const inv = await linkInvitation(ctx, ws, { locale: contactLocale });
      const res = await request(ctx.app).get(inv.path).expect(200);
      expect(res.text).toContain(`<html lang="${lang}">`);
      expect(res.text).toContain(question);
      expect(res.text).toContain(send);
      expect(res.text).toContain(anchor);
    },
  );

  it('when a Swedish contact opens a survey without Swedish, then the workspace default language is used, left to right', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'sv' });
    const res = await request(ctx.app).get(inv.path).expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('How likely are you to recommend');
  });

  it('when the survey is CSAT, then each score has its words; when CES, its effort anchors', async () => {
    const ws = await createTestWorkspace(ctx);
    const csat = await linkInvitation(ctx, ws, { type: 'csat', locale: 'en' });
    const csatPage = await request(ctx.app).get(csat.path).expect(200);
    expect(csatPage.text).toContain('5 <span>Very satisfied</span>');
    expect(csatPage.text.match(/name="score"/g)).toHaveLength(5);
    const ces = await linkInvitation(ctx, ws, { type: 'ces', locale: 'en' });
    const cesPage = await request(ctx.app).get(ces.path).expect(200);
    expect(cesPage.text).toContain('1 – Very little effort');
    expect(cesPage.text).toContain('5 – A great deal of effort');
  });
});

describe('error pages', () => {
  it('when the token is unknown, then a 404 page in the browser language, and nothing is stored', async () => {
    const before = await responseModel(ctx.container.mongo).countDocuments();
    const res = await request(ctx.app)
      .get('/s/AAAAAAAAAAAAAAAAAAAAAA')
      .set('Accept-Language', 'fr')
      .expect(404);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Enquête introuvable');
    await request(ctx.app).get('/s/not-even-a-token').expect(404);
    await request(ctx.app)
      .post('/s/AAAAAAAAAAAAAAAAAAAAAA')
      .type('form')
      .send({ score: '9' })
      .expect(404);
    expect(await responseModel(ctx.container.mongo).countDocuments()).toBe(before);
  });

  it('when the invitation has expired, then a friendly closed page in the contact language, and nothing is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'fr' });
    await invitationModel(ctx.container.mongo).updateOne(
      { _id: inv.id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const res = await request(ctx.app).get(`${inv.path}?score=9`).expect(410);
    expect(res.text).toContain('Cette enquête est terminée');
    expect(res.text).not.toContain('<form');
    await request(ctx.app).post(inv.path).type('form').send({ score: '9' }).expect(410);
    expect(await responsesOf(inv.id)).toHaveLength(0);
    expect((await invitationOf(inv.id)).status).toBe('scheduled');
  });

  it('when the invitation status is expired, then the closed page in English', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en' });
    await invitationModel(ctx.container.mongo).updateOne(
      { _id: inv.id },
      { $set: { status: 'expired' } },
    );
    const res = await request(ctx.app).get(inv.path).expect(410);
    expect(res.text).toContain('This survey has closed');
  });
});

describe('answering', () => {
  it('when a score and comment are posted, then 303 to a thank-you page, one response with its segment snapshot, the invitation answered and one response job', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const inv = await linkInvitation(ctx, ws, {
      locale: 'en',
      extra: {
        agent: { id: 'agent-7', name: 'Julie' },
        team: 'Billing',
        channel: 'chat',
        attributes: {
          product: 'Pro plan',
          region: 'EU',
          reason: 'refund',
          revenue: 120,
          tier: 'gold',
        },
      },
    });
    const post = await answer(ctx, inv, { score: '9', comment: '  Quick and kind  ' }, 303);
    expect(post.headers.location).toBe(`${inv.path}/thanks`);
    const thanks = await request(ctx.app).get(`${inv.path}/thanks`).expect(200);
    expect(thanks.text).toContain('Thank you for your feedback!');
    const [response] = await responsesOf(inv.id);
    expect(response).toMatchObject({
      workspaceId: ws.workspaceId,
      score: 9,
      category: 'promoter',
      comment: 'Quick and kind',
      source: 'web',
      locale: 'en',
      channel: 'link',
      surveyType: 'nps',
      segment: {
        agentId: 'agent-7',
        agentName: 'Julie',
        team: 'Billing',
        interactionChannel: 'chat',
        interactionType: 'ticket_closed',
        product: 'Pro plan',
        region: 'EU',
        reason: 'refund',
        revenue: 120,
        attributes: {
          product: 'Pro plan',
          region: 'EU',
          reason: 'refund',
          revenue: 120,
          tier: 'gold',
        },
      },
    });
    const invitation = await invitationOf(inv.id);
    expect(invitation.status).toBe('answered');
    expect(invitation.answeredAt).toBeInstanceOf(Date);
    const jobs = (await responseJobs()).filter((j) => j.data.responseId === String(response!._id));
    expect(jobs.map((j) => [j.name, j.id])).toEqual([['response', `${response!._id}-v1`]]);
  });

  it('when the same form is submitted twice at once, then there is one response and one job', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws);
    const page = await request(ctx.app).get(inv.path);
    const body = { nonce: nonceOf(page.text), score: '4', comment: 'slow' };
    const posts = await Promise.all(
      [1, 2, 3].map(() => request(ctx.app).post(inv.path).type('form').send(body)),
    );
    expect(posts.map((p) => p.status)).toEqual([303, 303, 303]);
    const stored = await responsesOf(inv.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.history).toHaveLength(1);
    const jobs = (await responseJobs()).filter((j) => j.data.responseId === String(stored[0]!._id));
    expect(jobs).toHaveLength(1);
  });

  it('when the answer is changed within 24 h, then the same response is updated with its history, and the rules see each version', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en' });
    await answer(ctx, inv, { score: '9', comment: 'good' }, 303);
    const again = await request(ctx.app).get(inv.path).expect(200);
    expect(again.text).toContain('You have already answered');
    expect(again.text).toContain('id="score-9" name="score" value="9" checked');
    await answer(ctx, inv, { score: '10', comment: 'very good' }, 303);
    await answer(ctx, inv, { score: '3', comment: 'actually, no' }, 303);
    const stored = await responsesOf(inv.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      score: 3,
      category: 'detractor',
      comment: 'actually, no',
      version: 3,
    });
    expect(stored[0]!.history.map((h) => [h.score, h.category, h.comment])).toEqual([
      [9, 'promoter', 'good'],
      [10, 'promoter', 'very good'],
      [3, 'detractor', 'actually, no'],
    ]);
    const jobIds = (await responseJobs())
      .filter((j) => j.data.responseId === String(stored[0]!._id))
      .map((j) => j.id)
      .sort();
    expect(jobIds).toEqual([1, 2, 3].map((v) => `${stored[0]!._id}-v${v}`));
  });

  it('when 24 h have passed since the answer, then the page is read-only and a post changes nothing', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en' });
    await answer(ctx, inv, { score: '6', comment: 'meh' }, 303);
    const page = await request(ctx.app).get(inv.path);
    await responseModel(ctx.container.mongo).updateOne(
      { invitationId: new Types.ObjectId(inv.id) },
      { $set: { answeredAt: new Date(Date.now() - 25 * 3600_000) } },
    );
    const readOnly = await request(ctx.app).get(inv.path).expect(200);
    expect(readOnly.text).toContain('This answer can no longer be changed.');
    expect(readOnly.text).not.toContain('<form');
    const post = await request(ctx.app)
      .post(inv.path)
      .type('form')
      .send({ nonce: nonceOf(page.text), score: '10' })
      .expect(303);
    expect(post.headers.location).toBe(inv.path);
    expect((await responsesOf(inv.id))[0]).toMatchObject({ score: 6, version: 1 });
  });

  it('when a comment holds markup, then it is escaped on the form, the re-rendered form and the read-only page', async () => {
    const ws = await createTestWorkspace(ctx, '<b>Evil</b> & Co');
    const inv = await linkInvitation(ctx, ws, { locale: 'en' });
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const bad = await answer(ctx, inv, { comment: xss }, 400);
    expect(bad.text).not.toContain('<script>alert');
    expect(bad.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x');
    expect(bad.text).toContain('&lt;b&gt;Evil&lt;/b&gt; &amp; Co');
    await answer(ctx, inv, { score: '8', comment: xss }, 303);
    const form = await request(ctx.app).get(inv.path);
    expect(form.text).not.toContain('<script>alert');
    expect(form.text).not.toContain('<img src=x');
    await responseModel(ctx.container.mongo).updateOne(
      { invitationId: new Types.ObjectId(inv.id) },
      { $set: { answeredAt: new Date(Date.now() - 25 * 3600_000) } },
    );
    const readOnly = await request(ctx.app).get(inv.path);
    expect(readOnly.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(readOnly.text).not.toContain('<script>alert');
  });
});
