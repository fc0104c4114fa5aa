import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, csrfFrom, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { formFields, withFields } from './survey-form-fields';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('survey-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

async function workspaceWith(role: 'manager' | 'admin' | 'agent' = 'manager') {
  const ws = await createTestWorkspace(ctx, 'Acme Fibre');
  const user = await createUser(ctx, ws, { role, name: 'Maud' });
  const { agent, csrf } = await signIn(ctx, user.email, undefined, nextIp());
  return { ws, agent, csrf };
}

const list = (ws: {
  workspaceId: Parameters<TestContext['container']['services']['surveys']['list']>[0];
}) => ctx.container.services.surveys.list(ws.workspaceId);

/** The new-survey form as served, then posted with these changes. */
async function postNew(
  agent: ReturnType<typeof request.agent>,
  changes: Record<string, string | null>,
  intent = 'save',
) {
  const page = await agent.get('/app/surveys/new').expect(200);
  return agent
    .post('/app/surveys/new')
    .type('form')
    .send(withFields(formFields(page.text, 'survey-form'), changes, intent));
}

describe('who may see the survey pages', () => {
  it('when signed out, then every survey page sends to the sign-in page and back', async () => {
    for (const path of ['/app/surveys', '/app/surveys/new']) {
      const res = await request(ctx.app).get(path).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('when an agent asks for them, then a 403 page answers and nothing is created', async () => {
    const { ws, agent, csrf } = await workspaceWith('agent');
    const before = await list(ws);
    for (const path of ['/app/surveys', '/app/surveys/new', `/app/surveys/${before[0]!.id}`]) {
      const res = await agent.get(path).set('Accept', 'text/html').expect(403);
      expect(res.text).toContain('<h1>');
    }
    await agent
      .get('/app/surveys/preview/landing?locale=en&type=nps&max=10&q=Q&ql=en&f=F&fl=en')
      .expect(403);
    await agent
      .post('/app/surveys/new')
      .type('form')
      .send({ _csrf: csrf, intent: 'save', name: 'X', key: 'x' })
      .expect(403);
    expect(await list(ws)).toHaveLength(before.length);
  });

  it('when a form is posted without its CSRF token, then it is refused and nothing is saved', async () => {
    const { ws, agent } = await workspaceWith('admin');
    const before = await list(ws);
    const res = await postNew(agent, { _csrf: null, name: 'No token', key: 'no-token' });
    expect(res.status).toBe(403);
    expect(await list(ws)).toHaveLength(before.length);
  });

  it('when a survey of another workspace is asked for, then it is not found', async () => {
    const other = await createTestWorkspace(ctx, 'Other');
    const [theirs] = await list(other);
    const { agent } = await workspaceWith();
    await agent.get(`/app/surveys/${theirs!.id}`).set('Accept', 'text/html').expect(404);
    await agent.get('/app/surveys/not-an-id').set('Accept', 'text/html').expect(404);
  });
});

describe('the survey list', () => {
  it('when a manager opens it, then each survey shows its type, scale, languages, state and a link', async () => {
    const { ws, agent } = await workspaceWith();
    const surveys = await list(ws);
    const res = await agent.get('/app/surveys').expect(200);
    expect(res.text).toContain('href="/app/surveys/new"');
    for (const s of surveys) expect(res.text).toContain(`href="/app/surveys/${s.id}"`);
    expect(res.text).toContain('Net Promoter Score');
    expect(res.text).toContain('0–10');
    expect(res.text).toContain('1–5, effort (lower is better)');
    expect(res.text).toMatch(/<dd>([a-z]{2}, )*fr(, [a-z]{2})*<\/dd>/);
    expect(res.text).toContain('Last edited');

    const fr = await agent.get('/app/surveys').set('Accept-Language', 'fr').expect(200);
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain('Nouveau questionnaire');
    expect(fr.text).toContain('Dernière modification');
  });
});

describe('creating a survey', () => {
  it('when the form is sent, then the survey is saved through the service with every text', async () => {
    const { ws, agent } = await workspaceWith();
    const page = await agent.get('/app/surveys/new').expect(200);
    expect(page.headers['content-security-policy']).toContain("frame-src 'self'");
    // The built-in NPS text with a sample name and link: 170 characters, so two segments.
    expect(page.text).toMatch(/170 characters · GSM-7 · 2 segments/);
    expect(page.text).toContain(
      'src="/app/surveys/preview/landing?locale&#x3D;en&amp;type&#x3D;nps',
    );

    const res = await postNew(agent, {
      name: 'After-sales NPS',
      key: 'after-sales',
      'sms.en': 'Hi {{customerName}}, rate {{company}} from 0 to 10: {{link}}',
      'emailSubject.fr': '{{company}} : votre avis',
      'contentSid.en': 'HX0123456789abcdef0123456789abcdef',
      'variables.en': '1={{customerName}}\n2={{link}}',
      reminderDelay: 'PT12H',
    });
    expect(res.status).toBe(303);
    const location = String(res.headers.location);
    const id = /\/app\/surveys\/([0-9a-f]{24})\?saved=1$/.exec(location)?.[1];
    const saved = await ctx.container.services.surveys.get(ws.workspaceId, id!);
    expect(saved).toMatchObject({
      key: 'after-sales',
      name: 'After-sales NPS',
      type: 'nps',
      reminderDelay: 'PT12H',
      whatsappContent: {
        en: {
          contentSid: 'HX0123456789abcdef0123456789abcdef',
          variables: { '1': '{{customerName}}', '2': '{{link}}' },
        },
      },
    });
    expect(saved.templates.sms.en).toBe(
      'Hi {{customerName}}, rate {{company}} from 0 to 10: {{link}}',
    );
    expect(saved.templates.emailSubject).toEqual({ fr: '{{company}} : votre avis' });
    // Left blank: Retour's own chat text applies.
    expect(saved.templates.chat.en).toContain('{{link}}');

    const edit = await agent.get(location).expect(200);
    expect(edit.text).toContain('Survey saved.');
    expect(edit.text).toContain('Hi Alex Martin, rate Acme Fibre from 0 to 10: http');
  });

  it('when a template does not compile, then the form comes back with the handlebars message next to it and nothing is saved', async () => {
    const { ws, agent } = await workspaceWith();
    const before = await list(ws);
    const res = await postNew(agent, {
      name: 'Broken',
      key: 'broken',
      'sms.fr': 'Bonjour {{#if customerName}}{{customerName}}',
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(
      /<p class="field-error" id="f-sms-fr-error">This template cannot be used: Parse error on line 1/,
    );
    expect(res.text).toMatch(/id="f-sms-fr"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('href="#f-sms-fr"');
    // What was typed stays in the field.
    expect(res.text).toContain('Bonjour {{#if customerName}}{{customerName}}</textarea>');
    expect(await list(ws)).toHaveLength(before.length);
  });

  it('when the key is taken or fields are bad, then each problem shows next to its field', async () => {
    const { ws, agent } = await workspaceWith();
    const before = await list(ws);
    const taken = await postNew(agent, { name: 'Twin', key: 'nps' });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('id="f-key-error">Another survey of this workspace has this key.');

    const bad = await postNew(
      agent,
      {
        name: '',
        key: 'Bad Key',
        reminderDelay: 'one day',
        expiry: 'PT30M',
        'question.en': '',
        'question.fr': '',
        'contentSid.fr': 'HX12',
        'variables.fr': 'no equals sign',
      },
      'save',
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-name-error">Give the survey a name');
    expect(bad.text).toContain('id="f-key-error">Use lower-case letters');
    expect(bad.text).toContain('id="f-reminderDelay-error">Write a duration');
    expect(bad.text).toContain('id="f-expiry-error">A survey stays open for at least an hour');
    expect(bad.text).toMatch(
      /id="f-question-(en|fr)-error">Write this text in at least one language/,
    );
    expect(bad.text).toContain('id="f-variables-fr-error">Line 1: write a placeholder number');
    expect(await list(ws)).toHaveLength(before.length);

    const fr = await agent
      .post('/app/surveys/new')
      .set('Accept-Language', 'fr')
      .type('form')
      .send(
        withFields(formFields((await agent.get('/app/surveys/new')).text, 'survey-form'), {
          name: 'Cassé',
          key: 'casse',
          'emailText.fr': '{{/if}}',
        }),
      );
    expect(fr.status).toBe(400);
    expect(fr.text).toContain('id="f-emailText-fr-error">Ce modèle est inutilisable : Parse error');
  });

  it('when Preview is pressed, then the previews show the unsaved texts and nothing is saved', async () => {
    const { ws, agent } = await workspaceWith();
    const before = await list(ws);
    const res = await postNew(
      agent,
      {
        'sms.fr': 'Votre reçu est prêt. Notez {{company}} de 0 à 10 : {{link}}',
        'emailSubject.en': 'A word about {{company}}',
        'question.en': 'Would you recommend {{company}}?',
      },
      'preview',
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('Votre reçu est prêt. Notez Acme Fibre de 0 à 10 : http');
    // One ç: UCS-2, 70 characters a segment.
    expect(res.text).toMatch(/9\d characters · UCS-2 · 2 segments/);
    expect(res.text).toContain('A word about Acme Fibre');
    expect(res.text).toContain('q&#x3D;Would+you+recommend+%7B%7Bcompany%7D%7D%3F');
    expect(await list(ws)).toHaveLength(before.length);
  });

  it('when a language is added by its code, then its fields appear; a code that is none is refused', async () => {
    const { agent } = await workspaceWith();
    const added = await postNew(agent, { addLocale: 'pt-br' }, 'addLocale');
    expect(added.status).toBe(200);
    expect(added.text).toContain('name="question.pt-BR"');
    expect(added.text).toContain('<input type="hidden" name="locales" value="pt-BR">');
    // Without a text of its own, the Portuguese reader gets the workspace default's.
    expect(added.text).toMatch(/preview\/landing\?locale&#x3D;pt-BR[^"]*ql&#x3D;en/);

    const refused = await postNew(agent, { addLocale: 'French' }, 'addLocale');
    expect(refused.status).toBe(200);
    expect(refused.text).toContain('id="add-locale-error">“French” is not a language code');
    expect(refused.text).not.toContain('name="question.French"');
  });
});

describe('editing a survey', () => {
  it('when a text is changed, then it is saved; a broken one is refused and the stored survey stays', async () => {
    const { ws, agent } = await workspaceWith('admin');
    const nps = (await list(ws)).find((s) => s.key === 'nps')!;
    const url = `/app/surveys/${nps.id}`;
    const page = await agent.get(url).expect(200);
    expect(page.text).toContain('Net Promoter Score');
    expect(page.text).not.toContain('name="key"');
    const fields = formFields(page.text, 'survey-form');

    const broken = await agent
      .post(url)
      .type('form')
      .send(withFields(fields, { 'question.en': 'How likely {{#each}}x{{/each}}' }));
    expect(broken.status).toBe(400);
    expect(broken.text).toContain(
      'id="f-question-en-error">This template cannot be used: Must pass iterator to #each',
    );
    expect((await ctx.container.services.surveys.get(ws.workspaceId, nps.id)).question).toEqual(
      nps.question,
    );

    const saved = await agent
      .post(url)
      .type('form')
      .send(withFields(fields, { 'thankYou.en': 'Thanks a lot!', active: null }));
    expect(saved.status).toBe(303);
    const after = await ctx.container.services.surveys.get(ws.workspaceId, nps.id);
    expect(after.thankYou).toEqual({ ...nps.thankYou, en: 'Thanks a lot!' });
    expect(after.active).toBe(false);
    // Fields left as shown change nothing else.
    expect(after.templates).toEqual(nps.templates);
    expect(after.question).toEqual(nps.question);
  });
});

describe('the landing-page preview', () => {
  it('when the editor frames it, then the real survey form renders with the given texts, framable by this site only', async () => {
    const { agent } = await workspaceWith();
    const res = await agent
      .get('/app/surveys/preview/landing')
      .query({
        locale: 'fr',
        type: 'nps',
        max: '10',
        q: 'Recommanderiez-vous {{company}} ?',
        ql: 'fr',
        f: 'Pourquoi ?',
        fl: 'fr',
      })
      .expect(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('<h1>Recommanderiez-vous Acme Fibre ?</h1>');
    expect(res.text.match(/type="radio"/g)).toHaveLength(11);
    expect(res.text).toContain('Pourquoi ? (facultatif)');

    await agent.get('/app/surveys/preview/landing?locale=French&type=nps').expect(400);
  });

  it('when the editor frames the email, then the HTML email renders as sent, with sample data and inline styles only', async () => {
    const { agent } = await workspaceWith();
    const page = await agent.get('/app/surveys/new').expect(200);
    expect(page.text).toContain('src="/app/surveys/preview/email?locale&#x3D;en');
    const res = await agent
      .get('/app/surveys/preview/email')
      .query({
        locale: 'en',
        type: 'csat',
        max: '5',
        q: 'Happy with {{company}}?',
        ql: 'en',
        s: 'A word from {{company}}',
        sl: 'en',
        b: 'Hi {{customerName}}, {{agentName}} helped you.',
        bl: 'en',
      })
      .expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).not.toContain('script-src');
    expect(res.text).toContain('<title>A word from Acme Fibre</title>');
    expect(res.text).toContain('Hi Alex Martin, Sam Agent helped you.');
    expect(res.text).toContain('Happy with Acme Fibre?');
    expect(res.text.match(/\?score=\d/g)).toHaveLength(5);
    await agent
      .get('/app/surveys/preview/email')
      .query({
        locale: 'en',
        type: 'nps',
        max: '10',
        q: 'Q',
        ql: 'en',
        s: '{{#if}}',
        sl: 'en',
        b: 'B',
        bl: 'en',
      })
      .expect(400);
  });
});

// Keep the csrf helper used: a page's token is the session's.
it('serves the CSRF token of the session in the survey form', async () => {
  const { agent, csrf } = await workspaceWith();
  const page = await agent.get('/app/surveys/new').expect(200);
  expect(csrfFrom(page.text)).toBe(csrf);
});
