import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('surveys-api');
});
afterAll(() => ctx.close());

describe('surveys API', () => {
  it('when a workspace is created, then it has one default NPS, CSAT and CES survey in fr and en', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const byType = Object.fromEntries(res.body.surveys.map((s: { type: string }) => [s.type, s]));
    expect(Object.keys(byType).sort()).toEqual(['ces', 'csat', 'nps']);
    expect(byType.nps).toMatchObject({
      isDefault: true,
      scale: { min: 0, max: 10 },
      direction: 'higher_better',
      reminderDelay: 'P1D',
      expiry: 'P7D',
    });
    expect(byType.csat).toMatchObject({ scale: { min: 1, max: 5 }, direction: 'higher_better' });
    expect(byType.ces).toMatchObject({ scale: { min: 1, max: 5 }, direction: 'lower_better' });
    expect(byType.ces.question.en).toBe(
      'How much effort did you personally have to put forth to handle your request?',
    );
    for (const survey of res.body.surveys) {
      for (const name of ['sms', 'whatsapp', 'chat', 'emailSubject', 'emailText', 'reminder']) {
        expect(survey.templates[name].fr).toBeTruthy();
        expect(survey.templates[name].en).toBeTruthy();
      }
    }
  });

  it('when a CES 1–7 agreement survey is posted as default, then it replaces the old default and reads higher-is-better', async () => {
    const ws = await createTestWorkspace(ctx);
    const created = await request(ctx.app)
      .post('/api/v1/surveys')
      .set(ws.auth)
      .send({
        key: 'ces-agree',
        type: 'ces',
        name: 'Effort (agreement)',
        isDefault: true,
        scale: { min: 1, max: 7 },
        question: {
          en: 'The company made it easy to handle my issue.',
          fr: 'L’entreprise m’a facilité la résolution de mon problème.',
        },
        followUpQuestion: { en: 'Why?' },
        thankYou: { en: 'Thanks!' },
        reminderDelay: 'PT0S',
        expiry: 'P3D',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      direction: 'higher_better',
      reminderDelayMs: 0,
      expiry: 'P3D',
      isDefault: true,
    });
    const list = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const cesDefaults = list.body.surveys.filter(
      (s: { type: string; isDefault: boolean }) => s.type === 'ces' && s.isDefault,
    );
    expect(cesDefaults.map((s: { key: string }) => s.key)).toEqual(['ces-agree']);
  });

  it('when a survey is patched, then only the given fields change', async () => {
    const ws = await createTestWorkspace(ctx);
    const list = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const nps = list.body.surveys.find((s: { type: string }) => s.type === 'nps');
    const res = await request(ctx.app)
      .patch(`/api/v1/surveys/${nps.id}`)
      .set(ws.auth)
      .send({
        reminderDelay: 'PT4H',
        templates: { sms: { en: 'Rate {{company}}: {{link}}' } },
        reviewUrl: 'https://g.page/acme/review',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      reminderDelay: 'PT4H',
      reviewUrl: 'https://g.page/acme/review',
    });
    expect(res.body.templates.sms).toEqual({ en: 'Rate {{company}}: {{link}}' });
    expect(res.body.question).toEqual(nps.question);
  });

  it('when the input is bad, then 400 names each field and nothing is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/surveys')
      .set(ws.auth)
      .send({
        key: 'Bad Key',
        type: 'nps',
        name: 'x',
        scale: { min: 1, max: 5 },
        question: { en: 'Hi {{#if}}' },
        followUpQuestion: {},
        thankYou: { en: 'ok' },
        expiry: 'one week',
      })
      .expect(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['expiry', 'followUpQuestion', 'key', 'question.en', 'scale']);
    const list = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    expect(list.body.surveys).toHaveLength(3);
  });

  it('when a survey would close within the hour, then it is refused on create and on change', async () => {
    const ws = await createTestWorkspace(ctx);
    const short = await request(ctx.app)
      .post('/api/v1/surveys')
      .set(ws.auth)
      .send({
        key: 'short',
        type: 'nps',
        name: 'Short',
        question: { en: 'Q' },
        followUpQuestion: { en: 'F' },
        thankYou: { en: 'T' },
        expiry: 'PT30M',
      })
      .expect(400);
    expect(short.body.errors).toEqual([{ path: 'expiry', message: 'must be at least PT1H' }]);
    const [first] = (await request(ctx.app).get('/api/v1/surveys').set(ws.auth)).body.surveys;
    await request(ctx.app)
      .patch(`/api/v1/surveys/${first.id}`)
      .set(ws.auth)
      .send({ expiry: 'PT59M' })
      .expect(400);
    const after = await request(ctx.app).get(`/api/v1/surveys/${first.id}`).set(ws.auth);
    expect(after.body.expiry).toBe(first.expiry);
  });

  it('when survey texts are written in any BCP-47 locale, then they are stored under the canonical tag', async () => {
    const ws = await createTestWorkspace(ctx);
    const created = await request(ctx.app)
      .post('/api/v1/surveys')
      .set(ws.auth)
      .send({
        key: 'nps-world',
        type: 'nps',
        name: 'NPS, many languages',
        question: {
          es: '¿Qué probabilidad hay de que recomiende {{company}}?',
          'pt-br': 'Qual a probabilidade de você recomendar a {{company}}?',
          ar: 'ما مدى احتمال أن توصي بـ {{company}}؟',
        },
        followUpQuestion: { es: '¿Por qué?', de: 'Warum?' },
        thankYou: { PL: 'Dziękujemy!' },
        templates: { sms: { 'zh-hant-tw': '請回覆 0 到 10 {{link}}' } },
      })
      .expect(201);
    expect(Object.keys(created.body.question).sort()).toEqual(['ar', 'es', 'pt-BR']);
    expect(created.body.thankYou).toEqual({ pl: 'Dziękujemy!' });
    expect(created.body.templates.sms).toEqual({ 'zh-Hant-TW': '請回覆 0 到 10 {{link}}' });
    const patched = await request(ctx.app)
      .patch(`/api/v1/surveys/${created.body.id}`)
      .set(ws.auth)
      .send({ thankYou: { it: 'Grazie!', 'pt-PT': 'Obrigado!' } })
      .expect(200);
    expect(patched.body.thankYou).toEqual({ it: 'Grazie!', 'pt-PT': 'Obrigado!' });
    const read = await request(ctx.app)
      .get(`/api/v1/surveys/${created.body.id}`)
      .set(ws.auth)
      .expect(200);
    expect(read.body.question['pt-BR']).toBe(
      'Qual a probabilidade de você recomendar a {{company}}?',
    );
  });

  it('when a locale key is not a language tag or repeats another, then 400 names the field and nothing changes', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/surveys')
      .set(ws.auth)
      .send({
        key: 'nps-bad-locale',
        type: 'nps',
        name: 'x',
        question: { 'not a locale': 'Hello?', en: 'Hello?' },
        followUpQuestion: { 'pt-BR': 'Por quê?', 'pt-br': 'Por quê?' },
        thankYou: { en: 'ok' },
        templates: { reminder: { e: 'Reminder {{link}}' } },
      })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual([
      'followUpQuestion.pt-br',
      'question.not a locale',
      'templates.reminder.e',
    ]);
    const list = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    expect(list.body.surveys).toHaveLength(3);
    const nps = list.body.surveys.find((s: { key: string }) => s.key === 'nps');
    await request(ctx.app)
      .patch(`/api/v1/surveys/${nps.id}`)
      .set(ws.auth)
      .send({ thankYou: { '12': 'x' } })
      .expect(400);
    const after = await request(ctx.app).get(`/api/v1/surveys/${nps.id}`).set(ws.auth);
    expect(after.body.thankYou).toEqual(nps.thankYou);
  });

  it('when whatsappContent is set per locale, then it is stored with canonical locales and read back as given', async () => {
    const ws = await createTestWorkspace(ctx);
    const list = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const nps = list.body.surveys.find((s: { key: string }) => s.key === 'nps');
    expect(nps.whatsappContent).toEqual({});
    const content = {
      'pt-br': {
        contentSid: `HX${'0123456789abcdef'.repeat(2)}`,
        variables: { '1': '{{customer.name}}', '2': '{{link}}' },
      },
      es: { contentSid: `HX${'A'.repeat(32)}` },
    };
    const res = await request(ctx.app)
      .patch(`/api/v1/surveys/${nps.id}`)
      .set(ws.auth)
      .send({ whatsappContent: content })
      .expect(200);
    expect(res.body.whatsappContent).toEqual({
      'pt-BR': content['pt-br'],
      es: { contentSid: content.es.contentSid, variables: {} },
    });
    const read = await request(ctx.app).get(`/api/v1/surveys/${nps.id}`).set(ws.auth);
    expect(read.body.whatsappContent).toEqual(res.body.whatsappContent);
  });

  it('when whatsappContent has a bad sid, variable number, template or locale, then 400 names each and nothing changes', async () => {
    const ws = await createTestWorkspace(ctx);
    const list = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const nps = list.body.surveys.find((s: { key: string }) => s.key === 'nps');
    const res = await request(ctx.app)
      .patch(`/api/v1/surveys/${nps.id}`)
      .set(ws.auth)
      .send({
        whatsappContent: {
          fr: {
            contentSid: 'HXnot-hex',
            variables: { '0': '{{link}}', name: '{{link}}', '2': '{{#if}}' },
          },
          'x y': { contentSid: `HX${'1'.repeat(32)}` },
          en: { contentSid: `MG${'1'.repeat(32)}`, extra: true },
        },
      })
      .expect(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual([
      'whatsappContent.en',
      'whatsappContent.en.contentSid',
      'whatsappContent.fr.contentSid',
      'whatsappContent.fr.variables.0',
      'whatsappContent.fr.variables.2',
      'whatsappContent.fr.variables.name',
      'whatsappContent.x y',
    ]);
    const after = await request(ctx.app).get(`/api/v1/surveys/${nps.id}`).set(ws.auth);
    expect(after.body.whatsappContent).toEqual({});
  });

  it("when another workspace's survey is asked for, then 404", async () => {
    const a = await createTestWorkspace(ctx);
    const b = await createTestWorkspace(ctx);
    const list = await request(ctx.app).get('/api/v1/surveys').set(b.auth).expect(200);
    await request(ctx.app)
      .get(`/api/v1/surveys/${list.body.surveys[0].id}`)
      .set(a.auth)
      .expect(404);
    await request(ctx.app)
      .patch(`/api/v1/surveys/${list.body.surveys[0].id}`)
      .set(a.auth)
      .send({ name: 'hijack' })
      .expect(404);
  });
});
